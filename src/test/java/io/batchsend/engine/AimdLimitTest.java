package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AimdLimitTest {
  private static final long MS = 1_000_000L;
  private static final long RTT = 50 * MS;

  /** Reports a healthy response to a request sent at {@code sent} with the gate full. */
  private static int ok(AimdLimit limit, long sent) {
    limit.onSample(sent, RTT, limit.getLimit(), false);
    return limit.getLimit();
  }

  private static int drop(AimdLimit limit, long sent) {
    limit.onSample(sent, RTT, limit.getLimit(), true);
    return limit.getLimit();
  }

  @Test
  void slowStartAddsOnePerHealthyResponseUpToTheMaximum() {
    AimdLimit limit = new AimdLimit(4, 8);
    for (int expected = 5; expected <= 8; expected++) {
      assertEquals(expected, ok(limit, 0));
    }
    assertEquals(8, ok(limit, 0), "never above the maximum");
  }

  @Test
  void aLimitThatIsNotUsedDoesNotGrow() {
    AimdLimit limit = new AimdLimit(8, 32);
    limit.onSample(0, RTT, 3, false);
    assertEquals(8, limit.getLimit());
  }

  @Test
  void pushbackKeepsFourFifthsAndRetryAfterKeepsHalf() {
    AimdLimit limit = new AimdLimit(10, 32);
    assertEquals(8, drop(limit, 0));
    limit.nextDropIsStrong();
    assertEquals(4, drop(limit, RTT + 1));
  }

  @Test
  void pushbackToRequestsSentBeforeTheLastDecreaseIsCountedOnce() {
    AimdLimit limit = new AimdLimit(10, 32);
    assertEquals(8, drop(limit, 0));
    // Sent at the same time as the first: in flight when the first decrease happened.
    assertEquals(8, drop(limit, 0));
    assertEquals(8, drop(limit, RTT - 1));
    assertEquals(6, drop(limit, RTT + 1), "a request sent after the decrease counts again");
  }

  @Test
  void neverBelowOne() {
    AimdLimit limit = new AimdLimit(1, 4);
    assertEquals(1, drop(limit, 0));
    assertEquals(1, drop(limit, 10 * RTT));
  }

  @Test
  void afterPushbackItGrowsByOneInAboutEightRoundTripsAndAtMostOneStepASecond() {
    AimdLimit limit = new AimdLimit(5, 32);
    assertEquals(4, drop(limit, 0));
    long t = RTT;
    int responses = 0;
    // 4.0 → 5.0 needs 8 × 4.5 = 36 healthy responses, but the step waits a second.
    while (limit.getLimit() == 4 && responses < 1000) {
      t += 10 * MS;
      ok(limit, t);
      responses++;
    }
    assertEquals(5, limit.getLimit());
    long stepAt = t + RTT;
    assertTrue(stepAt - RTT >= 1_000 * MS, "stepped after " + stepAt / MS + " ms");
    assertTrue(responses >= 36, responses + " responses");
  }

  @Test
  void withManyQuickResponsesItStillStepsOnlyOnceASecond() {
    AimdLimit limit = new AimdLimit(5, 32);
    drop(limit, 0);
    long t = RTT;
    for (int i = 0; i < 1000; i++) {
      t += MS / 2;
      ok(limit, t);
    }
    // Half a second of responses: no step yet.
    assertEquals(4, limit.getLimit());
  }
}
