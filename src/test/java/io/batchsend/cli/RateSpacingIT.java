package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Arrivals;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code --rate} (issue 12 item 14): at N/s no two requests start closer than 1/N,
 * measured when the request is written, the first ones of the run, redirect hops and retries
 * included. Arrivals are stamped on a {@link FakeClock} that moves only while every worker waits,
 * so a request's stamp is exactly the virtual time it was written at, and the runs take
 * milliseconds of real time.
 */
class RateSpacingIT {
  private static final long MILLIS = 1_000_000L;

  @TempDir Path dir;

  private Result run(FakeClock clock, MockWebServer server, int items, String... options) {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(items));
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(
        List.of(
            "-o",
            dir.resolve("log").toString(),
            "-u",
            Servers.url(server, "/{data}"),
            "--",
            data.toString()));
    return cli().clock(clock).run(args.toArray(String[]::new));
  }

  @Test
  void writesAreSpacedByTheRateFromTheVeryFirstRequest() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Arrivals arrivals = Arrivals.ok(clock);
      try (MockWebServer server = Servers.start(arrivals)) {
        Result r = run(clock, server, 40, "--rate", "20/s", "-c", "8");
        assertEquals(0, r.exitCode(), r.toString());
      }
      List<Long> t = arrivals.times();
      assertEquals(40, t.size());
      assertTrue(
          arrivals.minGapNanos() >= 50 * MILLIS,
          "two requests " + arrivals.minGapNanos() / MILLIS + " ms apart at 20/s: " + t);
      assertEquals(39 * 50 * MILLIS, t.get(39) - t.get(0), "and no slower than the rate");
      assertTrue(arrivals.maxInWindow(1000 * MILLIS) <= 20, "at most 20 in any second");
    }
  }

  @Test
  void aRedirectHopIsAWriteAndWaitsForItsSlot() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Arrivals arrivals =
          new Arrivals(
              clock,
              request ->
                  request.getTarget().startsWith("/moved")
                      ? new MockResponse.Builder().code(200).body("ok").build()
                      : new MockResponse.Builder()
                          .code(302)
                          .setHeader("Location", "/moved" + request.getTarget())
                          .build());
      try (MockWebServer server = Servers.start(arrivals)) {
        Result r = run(clock, server, 6, "--rate", "10/s", "-c", "3");
        assertEquals(0, r.exitCode(), r.toString());
      }
      assertEquals(12, arrivals.all().size(), "each item and its hop: " + arrivals.all());
      assertTrue(
          arrivals.minGapNanos() >= 100 * MILLIS,
          "two writes " + arrivals.minGapNanos() / MILLIS + " ms apart at 10/s: " + arrivals.all());
    }
  }

  @Test
  void aRetryIsAWriteAndWaitsForItsSlot() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Arrivals arrivals =
          new Arrivals(clock, request -> new MockResponse.Builder().code(503).body("busy").build());
      try (MockWebServer server = Servers.start(arrivals)) {
        Result r =
            run(
                clock,
                server,
                4,
                "--rate",
                "10/s",
                "-c",
                "4",
                "--retries",
                "2",
                "--retry-backoff",
                "1ms",
                "--max-failures",
                "100%");
        assertEquals(0, r.exitCode(), r.toString());
      }
      assertEquals(12, arrivals.all().size(), "three attempts per item: " + arrivals.all());
      assertTrue(
          arrivals.minGapNanos() >= 100 * MILLIS,
          "two writes " + arrivals.minGapNanos() / MILLIS + " ms apart at 10/s: " + arrivals.all());
    }
  }
}
