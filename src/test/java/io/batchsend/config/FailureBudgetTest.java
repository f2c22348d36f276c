package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureBudgetTest {
  @Test
  void countFailsOnlyWhenMoreThanN() {
    FailureBudget b = FailureBudget.parse("3");
    assertFalse(b.isExceeded(3, 10));
    assertTrue(b.isExceeded(4, 10));
    assertTrue(FailureBudget.NONE.isExceeded(1, 10));
    assertFalse(FailureBudget.NONE.isExceeded(0, 10));
  }

  @Test
  void percentageIsOfTheItemsSent() {
    FailureBudget b = FailureBudget.parse("2.5%");
    assertFalse(b.isExceeded(25, 1000));
    assertTrue(b.isExceeded(26, 1000));
    assertFalse(b.isExceeded(0, 0));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(UsageException.class, () -> FailureBudget.parse("x"));
    assertThrows(UsageException.class, () -> FailureBudget.parse("-1"));
    assertThrows(UsageException.class, () -> FailureBudget.parse("150%"));
  }
}
