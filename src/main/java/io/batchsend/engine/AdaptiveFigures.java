package io.batchsend.engine;

/**
 * What {@code --adaptive} did in a run.
 *
 * @param minLimit the lowest in-flight limit
 * @param meanLimit the in-flight limit's mean over the run's time
 * @param maxLimit the highest in-flight limit
 * @param pausedNanos how long request starts were held back by pool-wide pauses
 * @param tooManyRequests 429 answers, counting every attempt (not only final ones)
 * @param unavailable 503 answers, counting every attempt
 * @param rate what the learned start rate did
 */
public record AdaptiveFigures(
    int minLimit,
    double meanLimit,
    int maxLimit,
    long pausedNanos,
    long tooManyRequests,
    long unavailable,
    RateFigures rate) {
  public double pausedSeconds() {
    return pausedNanos / 1e9;
  }
}
