package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.input.Item;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  private static Item item(int chars) {
    return Item.line(1, "x".repeat(chars));
  }

  @Test
  void anItemsShareGrowsWithItsTextFromABase() {
    MemoryBudget budget = MemoryBudget.ofKib(100_000);
    assertEquals(64, budget.shareOf(item(0)));
    assertEquals(64 + 32, budget.shareOf(item(1024)), "32 bytes a character");
    assertEquals(64 + 8_000, budget.shareOf(item(256_000)), "32 bytes a character");
  }

  @Test
  void anItemLargerThanTheWholeBudgetIsTold() {
    MemoryBudget budget = MemoryBudget.ofKib(1_000);
    assertFalse(budget.exceedsTotal(item(10_000)));
    assertTrue(budget.exceedsTotal(item(100_000)));
  }

  @Test
  void aShareIsTakenOnlyOnceAnotherIsGivenBack() throws Exception {
    MemoryBudget budget = MemoryBudget.ofKib(4_000); // one item of 100,000 characters at a time
    RunControl control = new RunControl();
    int first = budget.acquire(item(100_000), control);
    AtomicInteger second = new AtomicInteger();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                second.set(budget.acquire(item(100_000), control));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!budget.hasWaiters()) {
      assertTrue(System.nanoTime() < deadline, "the second worker never waited");
      Thread.onSpinWait();
    }
    assertFalse(waiting.isDone(), "both shares taken at once");
    assertEquals(0, second.get());
    budget.release(first);
    waiting.get(30, TimeUnit.SECONDS);
    assertEquals(first, second.get());
  }

  @Test
  void aWaitEndsWhenTheRunStops() throws Exception {
    MemoryBudget budget = MemoryBudget.ofKib(4_000);
    RunControl control = new RunControl();
    budget.acquire(item(100_000), control);
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.acquire(item(100_000), control);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    control.stop(15);
    assertEquals(-1, waiting.get(30, TimeUnit.SECONDS));
  }
}
