package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(Set<String> on, boolean connectOnly) {
    return new RetryPolicy(
        2, on, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60), connectOnly);
  }

  private static final Failure TIMEOUT = new Failure("timeout", "x");
  private static final Failure CONNECT = new Failure("connect", "refused");
  private static final Failure STATUS = new Failure("status", "503");

  @Test
  void retriesListedStatusesAndIoUpToTheLimit() {
    RetryPolicy p = policy(Set.of("io", "503"), false);
    assertTrue(p.shouldRetry(1, STATUS, 503));
    assertTrue(p.shouldRetry(2, TIMEOUT, -1));
    assertFalse(p.shouldRetry(3, TIMEOUT, -1), "2 retries: no fourth attempt");
    assertFalse(p.shouldRetry(1, new Failure("status", "500"), 500));
    assertFalse(p.shouldRetry(1, new Failure("too-large", "x"), 200));
  }

  @Test
  void connectOnlyIoRetriesWhatProvablyWasNotSent() {
    RetryPolicy p = policy(Set.of("io", "429", "503"), true);
    assertTrue(p.shouldRetry(1, CONNECT, -1));
    assertFalse(p.shouldRetry(1, TIMEOUT, -1));
    assertFalse(p.shouldRetry(1, new Failure("reset", "x"), -1));
    assertTrue(p.shouldRetry(1, STATUS, 503));
  }

  @Test
  void backoffIsFullJitterUnderAnExponentialCap() {
    RetryPolicy p = policy(Set.of("io"), false);
    for (int i = 0; i < 200; i++) {
      assertTrue(p.delayNanos(1, -1) <= 200_000_000L);
      assertTrue(p.delayNanos(3, -1) <= 800_000_000L);
      assertTrue(p.delayNanos(30, -1) <= 10_000_000_000L);
      assertTrue(p.delayNanos(2, -1) >= 0);
    }
  }

  @Test
  void retryAfterWinsAndIsCapped() {
    RetryPolicy p = policy(Set.of("429"), false);
    assertEquals(1_000_000_000L, p.delayNanos(1, 1000));
    assertEquals(60_000_000_000L, p.delayNanos(1, 3_600_000));
  }
}
