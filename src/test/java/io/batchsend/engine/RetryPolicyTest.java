package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RetryOn;
import io.batchsend.config.RetrySettings;
import java.time.Duration;
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

  @Test
  void backoffIsFullJitterUnderAnExponentialCap() {
    RetryPolicy p = policy("io", false);
    for (int i = 0; i < 200; i++) {
      assertTrue(p.delayNanos(1, -1) <= 200_000_000L);
      assertTrue(p.delayNanos(3, -1) <= 800_000_000L);
      assertTrue(p.delayNanos(30, -1) <= 10_000_000_000L);
      assertTrue(p.delayNanos(2, -1) >= 0);
    }
  }

  @Test
  void retryAfterWinsAndIsCapped() {
    RetryPolicy p = policy("429", false);
    assertEquals(1_000_000_000L, p.delayNanos(1, 1000));
    assertEquals(60_000_000_000L, p.delayNanos(1, 3_600_000));
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
