package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  private static final long HEAP_96M = 96L << 20;
  private static final String ONE_MIB = "x".repeat(1 << 20);

  @Test
  void aMebibyteTemplateFitsTheLaunchersHeapAtTheDefaultConcurrency() {
    assertDoesNotThrow(() -> BodyBudget.check(ONE_MIB, 8, HEAP_96M));
    assertDoesNotThrow(() -> BodyBudget.check(null, 1024, HEAP_96M));
  }

  @Test
  void aTemplateTooLargeForEveryWorkerIsAUsageErrorNamingTheWayOut() {
    UsageException e =
        assertThrows(UsageException.class, () -> BodyBudget.check(ONE_MIB, 256, HEAP_96M));
    assertTrue(e.getMessage().contains("-c 256"), e.getMessage());
    assertTrue(e.getMessage().contains("32 MiB"), e.getMessage());
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void multiByteCharactersAreCountedAsBytes() {
    String accents = "é".repeat(200_000); // 400,000 bytes in UTF-8
    assertDoesNotThrow(() -> BodyBudget.check(accents, 80, HEAP_96M));
    assertThrows(UsageException.class, () -> BodyBudget.check(accents, 90, HEAP_96M));
  }
}
