package io.batchsend.engine;

/**
 * How a run moves its start rate on pushback (see {@link AdaptiveRate}). Each mode says how much of
 * the rate a pushback keeps and how fast clean answers win it back.
 */
enum RateMode {
  /**
   * {@code --adaptive}: a rate is learned once a rate limiter shows itself, cut to 90 % on pushback
   * and raised by 5 % of the rate it was cut to per second of clean answers.
   */
  LEARN(0.9, 0.05),

  /**
   * {@code --rate} alone: the user gave the rate, likely the quota itself, so a 429 says only that
   * requests arrived a little early. Each costs 5 % of the rate, won back at 1 % of the configured
   * rate per second: it settles just under the quota instead of at half of it.
   */
  STEP(0.95, 0.01),

  /**
   * Neither option: nothing is paced until a server answers 429 or 503 with Retry-After; then the
   * resume is spaced at the rate served before the pause, learned as {@link #LEARN} does, so that
   * the workers do not all come back at once and get refused together again.
   */
  RETRY_AFTER(0.9, 0.05);

  /** The share of the rate kept on pushback. */
  final double keep;

  /** The share of the base rate regained per second of clean answers. */
  final double raisePerSecond;

  RateMode(double keep, double raisePerSecond) {
    this.keep = keep;
    this.raisePerSecond = raisePerSecond;
  }

  /** True when the configured rate is where the run starts (engaged from the first request). */
  boolean startsEngaged(boolean configured) {
    return configured && this != RETRY_AFTER;
  }
}
