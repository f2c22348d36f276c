package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsUnits() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
  }

  @Test
  void rejectsOtherText() {
    assertThrows(UsageException.class, () -> Durations.parse("soon"));
    assertThrows(UsageException.class, () -> Durations.parse("-1s"));
    assertThrows(UsageException.class, () -> Durations.parse(""));
  }
}
