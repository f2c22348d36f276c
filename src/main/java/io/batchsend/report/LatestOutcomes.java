package io.batchsend.report;

import io.batchsend.engine.ItemResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final outcome of each item across logs: an item is its index and text, and of several records
 * for one item the last one added wins (a re-run of failed items, a resumed run).
 */
public final class LatestOutcomes {
  private record Key(long index, String item) {}

  private final Map<Key, ItemResult> latest = new LinkedHashMap<>();

  /** Adds {@code r}, replacing an earlier record of the same item. */
  public void add(ItemResult r) {
    latest.put(new Key(r.item().index(), r.item().text()), r);
  }

  /**
   * The final outcomes in the order they finished (items that finished at the same millisecond in
   * the order first seen), as a run would have reported them.
   */
  public List<ItemResult> inFinishOrder() {
    List<ItemResult> results = new ArrayList<>(latest.values());
    results.sort(Comparator.comparingLong(ItemResult::finishedEpochMillis));
    return results;
  }
}
