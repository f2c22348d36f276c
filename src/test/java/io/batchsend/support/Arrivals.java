package io.batchsend.support;

import io.batchsend.engine.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A dispatcher that stamps each request's arrival with a {@link Clock} (a {@link FakeClock}, so the
 * stamps are virtual time: exact, however loaded the machine) and answers with a function of it.
 */
public final class Arrivals extends Dispatcher {
  /** One request as it arrived. */
  public record Arrival(String path, long nanos) {}

  private final Clock clock;
  private final Function<RecordedRequest, MockResponse> answer;
  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

  public Arrivals(Clock clock, Function<RecordedRequest, MockResponse> answer) {
    this.clock = clock;
    this.answer = answer;
  }

  /** Answers every request 200. */
  public static Arrivals ok(Clock clock) {
    return new Arrivals(clock, r -> new MockResponse.Builder().code(200).body("ok").build());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    arrivals.add(new Arrival(request.getTarget(), clock.nanoTime()));
    return answer.apply(request);
  }

  public List<Arrival> all() {
    return List.copyOf(arrivals);
  }

  /** The arrival times, sorted. */
  public List<Long> times() {
    List<Long> t = new ArrayList<>();
    for (Arrival a : arrivals) {
      t.add(a.nanos());
    }
    Collections.sort(t);
    return t;
  }

  /** The smallest gap between two arrivals; Long.MAX_VALUE with fewer than two. */
  public long minGapNanos() {
    List<Long> t = times();
    long min = Long.MAX_VALUE;
    for (int i = 1; i < t.size(); i++) {
      min = Math.min(min, t.get(i) - t.get(i - 1));
    }
    return min;
  }

  /** The most arrivals in any window of {@code windowNanos}. */
  public int maxInWindow(long windowNanos) {
    List<Long> sorted = times();
    int max = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= windowNanos) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}
