package io.batchsend.engine;

/**
 * A read-only view of {@code --adaptive} while a run goes on, for a progress line: every method is
 * safe to call from any thread at any time and holds no lock for long.
 */
public interface AdaptiveStatus {
  /** How many attempts may be in flight now, 1 to {@code -c}. */
  int currentLimit();

  /** True while a pool-wide pause holds back every request start. */
  boolean isPaused();

  /** What holds request starts back now. */
  LimitKind limitedBy();

  /** The learned start rate per second, or infinity while none paces. */
  double ratePerSecond();

  /**
   * The progress line's part: {@code limit 4 rate 18.5/s limited by rate}, the rate only once one
   * is learned, and {@code (paused)} during a pool-wide pause.
   */
  default String describe() {
    StringBuilder sb = new StringBuilder("limit ").append(currentLimit());
    double rate = ratePerSecond();
    if (!Double.isInfinite(rate)) {
      sb.append(String.format(java.util.Locale.ROOT, "  rate %.1f/s", rate));
    }
    sb.append("  limited by ").append(limitedBy().label());
    if (isPaused()) {
      sb.append(" (paused)");
    }
    return sb.toString();
  }
}
