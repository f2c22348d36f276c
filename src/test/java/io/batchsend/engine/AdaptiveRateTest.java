package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.AdaptiveRate.Answer;
import io.batchsend.engine.RateLimiterTest.FakeClock;
import org.junit.jupiter.api.Test;

/** The learned start rate, on a clock that moves only when told. */
class AdaptiveRateTest {
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final RunControl control = new RunControl();

  /** A start held back by the limiter, so the rate counts as binding, then its clean answer. */
  private void bindingCleanAnswer(RateLimiter limiter, AdaptiveRate rate) throws Exception {
    limiter.acquire(control);
    limiter.acquire(control);
    rate.onAnswer(clock.nanos, Answer.CLEAN, false);
  }

  @Test
  void pushbackCutsTheRateOncePerRoundTripAndNotAgainUntilTheNewRateIsSeen() {
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    long sent = clock.nanos;
    clock.nanos += 5 * MS;
    rate.onAnswer(sent, Answer.PUSHBACK, true);
    assertEquals(90, rate.perSecond(), 1e-9);
    rate.onAnswer(sent, Answer.PUSHBACK, true);
    assertEquals(90, rate.perSecond(), 1e-9, "sent before the cut: counted once");
    clock.nanos += 5 * MS;
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK, true);
    assertEquals(90, rate.perSecond(), 1e-9, "sent within two spacings of the cut: not news");
    clock.nanos += 30 * MS;
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK, true);
    assertEquals(81, rate.perSecond(), 1e-9);
    assertEquals(Math.round(1e9 / 81), limiter.intervalNanos());
  }

  @Test
  void cleanAnswersRaiseTheRateAdditivelyOnlyWhileItHoldsStartsBack() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    clock.nanos += MS;
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK, true);
    assertEquals(90, rate.perSecond(), 1e-9);
    clock.nanos += 2_000 * MS; // two idle seconds: the rate held nothing back
    rate.onAnswer(clock.nanos, Answer.CLEAN, false);
    assertEquals(90, rate.perSecond(), 1e-9, "not binding: no raise");
    long before = clock.nanos;
    bindingCleanAnswer(limiter, rate); // moves the clock by one spacing
    double seconds = (clock.nanos - before) / 1e9;
    // 5 % of the refused level (100/s) per second.
    assertEquals(90 + 100 * 0.05 * seconds, rate.perSecond(), 1e-6);
  }

  @Test
  void aRateLimiterSeenStartsFromTheRateActuallyServed() {
    RateLimiter limiter = RateLimiter.unlimited(clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    for (int i = 0; i < 10; i++) {
      clock.nanos += 50 * MS; // served every 50 ms: 20/s
      rate.onAnswer(clock.nanos, Answer.CLEAN, false);
    }
    assertFalse(rate.isEngaged());
    assertEquals(0, limiter.intervalNanos(), "unpaced until a rate limiter shows itself");
    rate.onAnswer(clock.nanos, Answer.PUSHBACK, false);
    assertFalse(rate.isEngaged(), "a refusal the caller did not judge a rate limit's");
    rate.onAnswer(clock.nanos, Answer.PUSHBACK, true);
    assertTrue(rate.isEngaged());
    assertEquals(20, rate.perSecond(), 1e-6);
    assertEquals(LimitKind.CONCURRENCY, rate.limitedBy(), "nothing held back yet");
  }

  @Test
  void aLoneRetryAfterCostsFivePercentAndTheRateCreepsBackAtOnePercentASecond() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(20, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    clock.nanos += MS;
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK_RETRY_AFTER, true); // no pause: the rate alone
    assertEquals(19, rate.perSecond(), 1e-6);
    long before = clock.nanos;
    for (int i = 0; i < 40; i++) {
      bindingCleanAnswer(limiter, rate);
    }
    double seconds = (clock.nanos - before) / 1e9;
    // 1 % of the refused level (20/s) per second: back near the limit within seconds.
    assertEquals(19 + 20 * 0.01 * seconds, rate.perSecond(), 1e-6);
  }

  @Test
  void aRetryAfterThatPausedThePoolMakesProbesSixteenTimesSlower() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(20, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    clock.nanos += MS;
    rate.onPause();
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK_RETRY_AFTER, true);
    assertEquals(19, rate.perSecond(), 1e-9);
    long before = clock.nanos;
    for (int i = 0; i < 40; i++) {
      bindingCleanAnswer(limiter, rate);
    }
    double seconds = (clock.nanos - before) / 1e9;
    assertEquals(19 + 20 * 0.05 / 16 * seconds, rate.perSecond(), 1e-6);
  }

  @Test
  void theRateStaysWithinFloorAndCeiling() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(10, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.LEARN, limiter, clock);
    for (int i = 0; i < 200; i++) {
      clock.nanos += 1_001 * MS; // past the settling time, at most a second
      rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK, true);
    }
    assertEquals(AdaptiveRate.FLOOR, rate.perSecond(), 1e-9);
    for (int i = 0; i < 2_000; i++) {
      bindingCleanAnswer(limiter, rate);
    }
    assertEquals(10, rate.perSecond(), 1e-9, "never above --rate");
    assertEquals(100 * MS, limiter.intervalNanos());
  }

  @Test
  void underRateAloneA429CostsAFewPercentAndCreepsBack() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(20, clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.STEP, limiter, clock);
    assertTrue(rate.isEngaged(), "paced at --rate from the start");
    clock.nanos += MS;
    rate.onAnswer(clock.nanos - 1, Answer.PUSHBACK, false);
    assertEquals(19, rate.perSecond(), 1e-9, "5 %, not half");
    long before = clock.nanos;
    for (int i = 0; i < 20; i++) {
      bindingCleanAnswer(limiter, rate);
    }
    double seconds = (clock.nanos - before) / 1e9;
    assertEquals(Math.min(20, 19 + 20 * 0.01 * seconds), rate.perSecond(), 1e-6);
    assertTrue(rate.perSecond() < 20, "creeps back over seconds");
  }

  @Test
  void withoutAdaptiveOnlyAPacedRunMovesAndTheFiguresSayWhatLimited() throws Exception {
    RateLimiter limiter = RateLimiter.unlimited(clock);
    AdaptiveRate rate = new AdaptiveRate(RateMode.RETRY_AFTER, limiter, clock);
    assertEquals(RateFigures.NONE.limitedBy(), rate.figures().limitedBy());
    assertTrue(Double.isNaN(rate.figures().meanPerSecond()), "no rate learned yet");
    for (int i = 0; i < 10; i++) {
      clock.nanos += 100 * MS;
      rate.onAnswer(clock.nanos, Answer.CLEAN, false);
    }
    rate.onAnswer(clock.nanos, Answer.PUSHBACK_RETRY_AFTER, true);
    assertEquals(10, rate.perSecond(), 1e-6, "resumes at the rate served before the pause");
    for (int i = 0; i < 30; i++) {
      bindingCleanAnswer(limiter, rate);
    }
    assertEquals(LimitKind.RATE, rate.limitedBy());
    RateFigures f = rate.figures();
    assertEquals(LimitKind.RATE, f.limitedBy());
    assertEquals(10, f.minPerSecond(), 1e-6);
    assertTrue(f.maxPerSecond() > 10 && f.meanPerSecond() > 10, f.toString());
  }
}
