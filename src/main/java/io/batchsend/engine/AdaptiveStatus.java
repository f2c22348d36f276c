package io.batchsend.engine;

/**
 * A read-only view of {@code --adaptive} while a run goes on, for a progress line: every method is
 * lock-free and safe to call from any thread at any time.
 */
public interface AdaptiveStatus {
  /** How many attempts may be in flight now, 1 to {@code -c}. */
  int currentLimit();

  /** True while a pool-wide pause holds back every request start. */
  boolean isPaused();
}
