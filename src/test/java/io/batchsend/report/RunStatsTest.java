package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.support.Fixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunStatsTest {
  private static RunReport report(RunStats stats) {
    Summary s = stats.snapshot(0, 0, 1_000_000_000L);
    return stats.report(s, Fixture.T0, Fixture.T0 + 1000, 0, Map.of());
  }

  @Test
  void keepsTheTenSlowestItemsSlowestFirst() {
    List<ItemResult> results = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      results.add(Fixture.ok(i, "item" + i, 200, i * 1000L, i));
    }
    Collections.shuffle(results, new Random(7));
    RunStats stats = new RunStats();
    results.forEach(stats::accept);
    List<ItemResult> slowest = report(stats).slowest();
    assertEquals(RunStats.SLOWEST_KEPT, slowest.size());
    for (int k = 0; k < slowest.size(); k++) {
      assertEquals(1000 - k, slowest.get(k).item().index());
    }
  }

  @Test
  void keepsTheFirstFailuresInOrderAndCountsTheRest() {
    RunStats stats = new RunStats(3);
    for (int i = 1; i <= 5; i++) {
      stats.accept(
          Fixture.failed(i, "x" + i, 503, 1, 1000, new Failure(FailureKind.STATUS, "503"), i));
    }
    stats.accept(Fixture.ok(6, "y", 200, 1000, 6));
    RunReport r = report(stats);
    assertEquals(List.of(1L, 2L, 3L), r.failures().stream().map(x -> x.item().index()).toList());
    assertEquals(2, r.failuresOmitted());
    assertEquals(5, r.summary().failed());
  }

  @Test
  void histogramBarsAddUpToTheItemsSentAndEndAtTheMaximum() {
    RunReport r = Fixture.report();
    long timed = Fixture.results().stream().filter(x -> x.attempts() > 0).count();
    assertEquals(timed, r.histogram().stream().mapToLong(HistogramBar::count).sum());
    HistogramBar last = r.histogram().get(r.histogram().size() - 1);
    double max = r.summary().latency().max();
    assertTrue(last.fromMs() <= max && max < last.upToMs(), last + " holds " + max);
    assertTrue(last.count() > 0);
  }

  @Test
  void statusesAndErrorKindsAreCountedInOrder() {
    Summary s = Fixture.report().summary();
    assertEquals("{200=3, 201=1, 500=1, 503=1}", s.statuses().toString());
    assertEquals("{status=2, timeout=1}", s.errors().toString());
    assertEquals(10, s.total());
  }
}
