package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rate} holds across all workers and is smooth, with no burst at the start. */
class RateLimitIT {
  @TempDir Path dir;

  @Test
  void fiftyPerSecondSpreadsTwoHundredRequestsEvenly() {
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    Dispatcher timing =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            return new MockResponse.Builder().code(200).build();
          }
        };
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(200));
    try (MockWebServer server = Servers.start(timing)) {
      Result r =
          cli()
              .run(
                  "--rate",
                  "50/s",
                  "-c",
                  "8",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<Long> t = new ArrayList<>(arrivals);
    Collections.sort(t);
    assertEquals(200, t.size());
    double spanSeconds = (t.get(199) - t.get(0)) / 1e9;
    assertTrue(spanSeconds >= 3.9, "200 requests at 50/s took " + spanSeconds + " s");
    assertTrue(maxInWindow(t, 1_000_000_000L) <= 60, "at most 60 in any second");
    assertTrue(maxInWindow(t, 100_000_000L) <= 8, "at most 8 in any 100 ms");
  }

  private static int maxInWindow(List<Long> sorted, long windowNanos) {
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
