package io.batchsend.engine;

/**
 * What the learned start rate did in a run; the rates are NaN when no rate ever paced the starts.
 *
 * @param limitedBy what held starts back for most of the run
 * @param minPerSecond the lowest rate
 * @param meanPerSecond the rate's mean over the time it paced
 * @param maxPerSecond the highest rate
 * @param finalPerSecond the rate at the end
 */
public record RateFigures(
    LimitKind limitedBy,
    double minPerSecond,
    double meanPerSecond,
    double maxPerSecond,
    double finalPerSecond) {
  /** No rate was learned. */
  public static final RateFigures NONE =
      new RateFigures(LimitKind.CONCURRENCY, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
