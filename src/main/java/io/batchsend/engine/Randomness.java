package io.batchsend.engine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of backoff jitter, passed in like the {@link Clock} so that tests can draw the
 * extremes and pin the backoff's bounds from both sides.
 */
public final class Randomness {
  private Randomness() {}

  /**
   * {@link ThreadLocalRandom} of whichever thread draws: shared by every worker without contention.
   * (A {@code ThreadLocalRandom} instance itself must not be handed across threads.)
   */
  public static final RandomGenerator SYSTEM =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public long nextLong(long bound) {
          return ThreadLocalRandom.current().nextLong(bound);
        }
      };
}
