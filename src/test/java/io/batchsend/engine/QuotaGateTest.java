package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.RateLimiterTest.FakeClock;
import io.batchsend.engine.ServerQuota.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaGateTest {
  private static final long MS = 1_000_000L;
  private static final long U = ServerQuota.UNKNOWN;
  private static final Duration MAX = Duration.ofSeconds(60);

  private static Attempt answered(ServerQuota quota) {
    return Attempt.response(200, MS).quota(quota).build();
  }

  private static ServerQuota left(long remaining, long resetMillis) {
    return new ServerQuota(remaining, resetMillis, 100, U, Source.X_RATELIMIT);
  }

  @Test
  void aUsedUpQuotaHoldsBackEveryStartUntilTheReset() throws Exception {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(MAX, clock);
    long start = clock.nanos;
    Attempt a = answered(left(0, 2_000));
    assertSame(a, gate.observe(a));
    assertEquals(2_000 * MS, gate.remainingNanos());
    assertTrue(gate.await(new RunControl()));
    assertEquals(2_000 * MS, clock.nanos - start, "waited until the reset");
    assertEquals(0, gate.remainingNanos());
    assertTrue(gate.await(new RunControl()));
    assertEquals(List.of(2_000 * MS), clock.sleeps, "an open gate does not sleep");
  }

  @Test
  void requestsLeftKeepItOpen() {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(MAX, clock);
    gate.observe(answered(left(1, 2_000)));
    gate.observe(answered(new ServerQuota(U, 2_000, U, U, Source.X_RATELIMIT)));
    gate.observe(answered(null));
    gate.observe(Attempt.failed(new Failure(FailureKind.RESET, "reset"), MS));
    gate.observe(null);
    assertEquals(0, gate.remainingNanos());
  }

  @Test
  void aLaterAnswerNeverOpensItEarly() {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(MAX, clock);
    gate.observe(answered(left(0, 5_000)));
    gate.observe(answered(left(0, 1_000)));
    gate.observe(answered(left(90, 60_000)));
    assertEquals(5_000 * MS, gate.remainingNanos());
    clock.nanos += 1_000 * MS;
    gate.observe(answered(left(0, 6_000)));
    assertEquals(6_000 * MS, gate.remainingNanos(), "a later reset extends it");
  }

  @Test
  void aLyingResetIsCappedByRetryMaxWait() {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(Duration.ofMillis(50), clock);
    gate.observe(answered(left(0, Long.MAX_VALUE)));
    assertEquals(50 * MS, gate.remainingNanos());
    gate.observe(answered(left(0, 3_600_000)));
    assertEquals(50 * MS, gate.remainingNanos());
  }

  @Test
  void withoutAResetTheWindowBoundsTheWaitAndWithNeitherItStaysOpen() {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(MAX, clock);
    gate.observe(answered(new ServerQuota(0, U, U, U, Source.X_RATELIMIT)));
    assertEquals(0, gate.remainingNanos(), "no reset, no window: nothing to wait for");
    gate.observe(answered(new ServerQuota(0, U, 10, 1_000, Source.RATELIMIT)));
    assertEquals(1_000 * MS, gate.remainingNanos());
  }

  @Test
  void aZeroRetryMaxWaitNeverCloses() {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(Duration.ZERO, clock);
    gate.observe(answered(left(0, 2_000)));
    assertEquals(0, gate.remainingNanos());
  }

  @Test
  void aStopEndsTheWait() throws Exception {
    FakeClock clock = new FakeClock();
    QuotaGate gate = new QuotaGate(MAX, clock);
    gate.observe(answered(left(0, 2_000)));
    RunControl control = new RunControl();
    control.stop(2);
    assertFalse(gate.await(control));
  }
}
