package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryOnTest {
  @Test
  void aClassIsKeptAsOneClassNotAHundredStatuses() {
    RetryOn on = RetryOn.parse("io, 5xx,429");
    assertTrue(on.io());
    assertEquals(Set.of(5), on.classes());
    assertEquals(Set.of(429), on.statuses());
    assertTrue(on.coversStatus(500));
    assertTrue(on.coversStatus(599));
    assertTrue(on.coversStatus(429));
    assertFalse(on.coversStatus(404));
  }

  @Test
  void noneRetriesNothing() {
    assertEquals(RetryOn.NOTHING, RetryOn.parse("none"));
  }

  @Test
  void aBadEntryNamesTheOptionAndTheEntry() {
    UsageException e = assertThrows(UsageException.class, () -> RetryOn.parse("io,6xx"));
    assertEquals(
        "invalid --retry-on entry '6xx': expected io, a status such as 503, or a class such as 5xx",
        e.getMessage());
  }

  @Test
  void expectTakesClassesButNotIo() {
    assertEquals(100, DeliverySettings.parseExpect("2xx").size());
    assertEquals(Set.of(200, 304), DeliverySettings.parseExpect("200,304"));
    assertThrows(UsageException.class, () -> DeliverySettings.parseExpect("io"));
  }
}
