package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTimelineTest {
  private static final long T0 = 1_795_539_600_000L;

  @Test
  void everyValueFallsInABucketAtMostAnEighthWide() {
    for (long v = 0; v < 5_000_000_000L; v = v < 100 ? v + 1 : v + v / 7 + 1) {
      int b = LatencyTimeline.bucketOf(v);
      long lower = LatencyTimeline.lowerBound(b);
      long width = LatencyTimeline.width(b);
      if (v < (1L << 32)) {
        assertTrue(lower <= v && v < lower + width, v + " in bucket " + b);
      }
      assertTrue(width == 1 || width * 8 <= lower, "bucket " + b + " is too wide");
    }
  }

  @Test
  void percentilesPerSecondAreWithinTheBucketPrecision() {
    LatencyTimeline timeline = new LatencyTimeline();
    for (int ms = 1; ms <= 100; ms++) {
      timeline.record(T0 + 500, ms * 1000L);
      timeline.record(T0 + 1500, ms * 10_000L);
    }
    List<TimelinePoint> points = timeline.points();
    assertEquals(2, points.size());
    assertEquals(0, points.get(0).startSeconds());
    assertEquals(1, points.get(1).startSeconds());
    assertEquals(100, points.get(0).count());
    assertClose(50, points.get(0).p50Ms());
    assertClose(99, points.get(0).p99Ms());
    assertClose(500, points.get(1).p50Ms());
    assertClose(990, points.get(1).p99Ms());
  }

  @Test
  void secondsInWhichNothingFinishedHaveNoPoint() {
    LatencyTimeline timeline = new LatencyTimeline();
    timeline.record(T0 + 500, 10_000);
    timeline.record(T0 + 1500, 10_000);
    timeline.record(T0 + 9500, 2_000_000);
    List<TimelinePoint> points = timeline.points();
    assertEquals(List.of(0.0, 1.0, 9.0), points.stream().map(TimelinePoint::startSeconds).toList());
  }

  @Test
  void longRunsGetCoarserSlotsAndStayBounded() {
    LatencyTimeline timeline = new LatencyTimeline(10);
    for (int s = 0; s < 100; s++) {
      timeline.record(T0 + s * 1000L + 10, 10_000);
    }
    assertEquals(16, timeline.slotSeconds());
    List<TimelinePoint> points = timeline.points();
    assertTrue(points.size() <= 10, points.toString());
    assertEquals(100, points.stream().mapToLong(TimelinePoint::count).sum());
    assertEquals(16, points.get(1).startSeconds());
  }

  private static void assertClose(double expected, double actual) {
    assertTrue(Math.abs(actual - expected) <= expected * 0.07, expected + " vs " + actual);
  }
}
