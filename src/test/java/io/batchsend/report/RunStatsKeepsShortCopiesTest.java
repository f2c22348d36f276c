package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results kept for the reports hold a short copy of a long item and URL: kept whole, 100
 * slowest items of 1 MiB each went past the launcher's 96 MB heap.
 */
class RunStatsKeepsShortCopiesTest {
  private static ItemResult result(long index, boolean ok) {
    String text = "v".repeat(100_000);
    Item item = new Item(index, text, Map.of("f", text), null);
    String url = "http://h/x?q=" + text;
    return ItemResult.builder(item)
        .request("GET", url)
        .status(ok ? 200 : 503)
        .attempts(1)
        .nanos(index * 1000)
        .bytes(2)
        .failure(ok ? null : new Failure(FailureKind.STATUS, "503"))
        .build();
  }

  @Test
  void slowestAndFailedItemsAreKeptAsShortCopies() {
    RunStats stats = new RunStats();
    for (int i = 1; i <= 300; i++) {
      stats.accept(result(i, i % 2 == 0));
    }
    RunReport r = stats.report(stats.snapshot(0, 0, 1_000_000_000L), 0, 1, 0, Map.of());
    assertEquals(RunReport.SLOWEST_LISTED, r.slowest().size());
    assertEquals(300, r.slowest().get(0).item().index());
    for (ItemResult kept : r.slowest()) {
      assertTrue(kept.item().text().length() <= RunStats.SHOWN_CHARS + 1, "item kept whole");
      assertTrue(kept.displayUrl().length() <= RunStats.SHOWN_CHARS + 1, "URL kept whole");
      assertTrue(kept.item().fields().isEmpty(), "fields kept");
      assertTrue(kept.item().text().startsWith("vvv") && kept.item().text().endsWith("…"));
    }
    for (ItemResult kept : r.failures()) {
      assertTrue(kept.item().text().length() <= RunStats.SHOWN_CHARS + 1, "failed item kept whole");
      assertEquals("503", kept.failure().message());
    }
  }
}
