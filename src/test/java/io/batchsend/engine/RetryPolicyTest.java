package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RetryOn;
import io.batchsend.config.RetrySettings;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(String on, boolean connectOnly) {
    return new RetryPolicy(
        2,
        RetryOn.parse(on),
        Duration.ofMillis(200),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        connectOnly);
  }

  private static final Failure TIMEOUT = new Failure(FailureKind.TIMEOUT, "x");
  private static final Failure CONNECT = new Failure(FailureKind.CONNECT, "refused");
  private static final Failure STATUS = new Failure(FailureKind.STATUS, "503");

  @Test
  void retriesListedStatusesAndIoUpToTheLimit() {
    RetryPolicy p = policy("io,503", false);
    assertTrue(p.shouldRetry(1, STATUS, 503));
    assertTrue(p.shouldRetry(2, TIMEOUT, -1));
    assertFalse(p.shouldRetry(3, TIMEOUT, -1), "2 retries: no fourth attempt");
    assertFalse(p.shouldRetry(1, new Failure(FailureKind.STATUS, "500"), 500));
    assertFalse(p.shouldRetry(1, new Failure(FailureKind.TOO_LARGE, "x"), 200));
  }

  @Test
  void connectOnlyIoRetriesWhatProvablyWasNotSent() {
    RetryPolicy p = policy("io,429,503", true);
    assertTrue(p.shouldRetry(1, CONNECT, -1));
    assertFalse(p.shouldRetry(1, TIMEOUT, -1));
    assertFalse(p.shouldRetry(1, new Failure(FailureKind.RESET, "x"), -1));
    assertTrue(p.shouldRetry(1, STATUS, 503));
  }

  /** A random source that always draws the least value, or always the greatest. */
  private static RandomGenerator draws(boolean greatest) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("the backoff draws a bounded value");
      }

      @Override
      public long nextLong(long bound) {
        return greatest ? bound - 1 : 0;
      }
    };
  }

  @Test
  void backoffIsFullJitterUnderAnExponentialCeilingThatDoublesUpToTheCap() {
    RetryPolicy p = policy("io", false);
    RandomGenerator least = draws(false);
    RandomGenerator greatest = draws(true);
    long[] ceilings = {
      200_000_000L, 400_000_000L, 800_000_000L, 1_600_000_000L, 3_200_000_000L, 6_400_000_000L
    };
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      assertEquals(0, p.delayNanos(attempt, -1, least), "least draw, attempt " + attempt);
      assertEquals(
          ceilings[attempt - 1],
          p.delayNanos(attempt, -1, greatest),
          "greatest draw reaches the ceiling, attempt " + attempt);
    }
    for (int attempt : new int[] {7, 8, 30, 1000}) {
      assertEquals(10_000_000_000L, p.delayNanos(attempt, -1, greatest), "capped: " + attempt);
    }
  }

  @Test
  void backoffDrawsAreSpreadBetweenTheBounds() {
    RetryPolicy p = policy("io", false);
    RandomGenerator seeded = new java.util.SplittableRandom(42);
    long below = 0;
    for (int i = 0; i < 1000; i++) {
      long d = p.delayNanos(2, -1, seeded);
      assertTrue(d >= 0 && d <= 400_000_000L, "within the ceiling: " + d);
      below += d < 200_000_000L ? 1 : 0;
    }
    assertTrue(below > 400 && below < 600, below + " of 1000 draws in the lower half");
  }

  @Test
  void noBackoffConfiguredMeansNoWaitAndNoDraw() {
    RetryPolicy p =
        new RetryPolicy(
            2, RetryOn.parse("io"), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60), false);
    assertEquals(0, p.delayNanos(3, -1, draws(true)));
  }

  @Test
  void retryAfterWinsAndIsCapped() {
    RetryPolicy p = policy("429", false);
    assertEquals(1_000_000_000L, p.delayNanos(1, 1000, draws(true)));
    assertEquals(60_000_000_000L, p.delayNanos(1, 3_600_000, draws(true)));
  }

  @Test
  void aStatusClassCoversEveryStatusInIt() {
    RetryPolicy p = policy("5xx", false);
    assertTrue(p.shouldRetry(1, new Failure(FailureKind.STATUS, "500"), 500));
    assertTrue(p.shouldRetry(1, new Failure(FailureKind.STATUS, "599"), 599));
    assertFalse(p.shouldRetry(1, new Failure(FailureKind.STATUS, "429"), 429));
    assertFalse(p.shouldRetry(1, TIMEOUT, -1), "no io in the list");
  }

  @Test
  void postAndPatchRetryOnlyWhatNeverReachedTheServerByDefault() {
    RetryPolicy post = RetryPolicy.forRun(defaultSettings(), HttpMethod.POST, false);
    assertEquals(RetryOn.NON_IDEMPOTENT, post.retryOn());
    assertTrue(post.shouldRetry(1, new Failure(FailureKind.DNS, "unknown host"), -1));
    assertFalse(post.shouldRetry(1, TIMEOUT, -1));
    RetryPolicy keyed = RetryPolicy.forRun(defaultSettings(), HttpMethod.POST, true);
    assertEquals(RetryOn.DEFAULT, keyed.retryOn());
    assertTrue(keyed.shouldRetry(1, TIMEOUT, -1));
    RetryPolicy get = RetryPolicy.forRun(defaultSettings(), HttpMethod.GET, false);
    assertTrue(get.shouldRetry(1, new Failure(FailureKind.STATUS, "502"), 502));
  }

  /** The retry options when none is given: 2 retries, 200ms up to 10s, Retry-After up to 60s. */
  private static RetrySettings defaultSettings() {
    return new RetrySettings(
        2, null, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
  }
}
