package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.engine.ItemResult;
import io.batchsend.support.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveTimeTest {
  private static final long MS = 1_000_000;

  /** {@code count} items of {@code ms}, one starting every {@code everyMs} from {@code atMs}. */
  private static void items(List<ItemResult> into, int count, long atMs, long everyMs, long ms) {
    for (int i = 0; i < count; i++) {
      int index = into.size() + 1;
      into.add(Fixture.ok(index, "i" + index, 200, ms * MS, atMs + i * everyMs + ms));
    }
  }

  @Test
  void gapBetweenMergedRunsIsNotCounted() {
    List<ItemResult> results = new ArrayList<>();
    items(results, 20, 0, 100, 10); // busy from 0 to 1910 ms
    items(results, 20, 600_000, 100, 10); // and again, ten minutes later
    assertEquals(2 * 1910 * MS, ActiveTime.nanos(results));
  }

  @Test
  void idleStretchWithinARunIsNotCounted() {
    List<ItemResult> results = new ArrayList<>();
    items(results, 100, 0, 10, 5); // 0 to 995 ms
    items(results, 100, 30_000, 10, 5); // 30 s waiting for input, then 995 ms more
    assertEquals(2 * 995 * MS, ActiveTime.nanos(results));
  }

  @Test
  void pausesOfAPacedRunAreItsPace() {
    List<ItemResult> results = new ArrayList<>();
    items(results, 10, 0, 5_000, 50); // --rate 12/m: nothing in flight 99 % of the time
    assertEquals((9 * 5_000 + 50) * MS, ActiveTime.nanos(results));
  }

  @Test
  void overlappingItemsCountOnce() {
    List<ItemResult> results = new ArrayList<>();
    items(results, 50, 0, 2, 200); // 100 at a time, in flight from 0 to 298 ms
    assertEquals(298 * MS, ActiveTime.nanos(results));
  }

  @Test
  void noItemIsNoTime() {
    assertEquals(0, ActiveTime.nanos(List.of()));
    List<ItemResult> one = new ArrayList<>();
    items(one, 1, 0, 1, 7);
    assertEquals(7 * MS, ActiveTime.nanos(one));
  }
}
