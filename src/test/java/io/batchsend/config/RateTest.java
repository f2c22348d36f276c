package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateTest {
  @Test
  void readsPerSecondAndPerMinute() {
    assertEquals(50, Rate.parse("50/s").perSecond(), 1e-9);
    assertEquals(2, Rate.parse("120/m").perSecond(), 1e-9);
    assertEquals(7, Rate.parse("7").perSecond(), 1e-9);
  }

  @Test
  void rejectsZeroAndNonsense() {
    assertThrows(UsageException.class, () -> Rate.parse("0/s"));
    assertThrows(UsageException.class, () -> Rate.parse("fast"));
    assertThrows(UsageException.class, () -> Rate.parse("5/h"));
  }
}
