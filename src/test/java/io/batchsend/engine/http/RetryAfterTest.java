package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final long NOW = 1_795_539_600_000L; // 2026-11-24T17:00:00Z

  @Test
  void readsSeconds() {
    assertEquals(120_000, RetryAfter.millis("120", NOW));
    assertEquals(0, RetryAfter.millis(" 0 ", NOW));
  }

  @Test
  void readsHttpDates() {
    assertEquals(30_000, RetryAfter.millis("Tue, 24 Nov 2026 17:00:30 GMT", NOW));
    assertEquals(0, RetryAfter.millis("Tue, 24 Nov 2026 16:00:00 GMT", NOW), "a past date: now");
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertEquals(-1, RetryAfter.millis(null, NOW));
    assertEquals(-1, RetryAfter.millis("soon", NOW));
    assertEquals(-1, RetryAfter.millis("-5", NOW));
  }
}
