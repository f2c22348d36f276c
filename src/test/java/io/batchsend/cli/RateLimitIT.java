package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Arrivals;
import io.batchsend.support.CliRun;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rate} holds across all workers and is smooth, with no burst at the start. Time is a
 * {@link FakeClock}: the figures are exact and nothing depends on how busy the machine is.
 */
class RateLimitIT {
  private static final long MILLIS = 1_000_000L;

  @TempDir Path dir;

  @Test
  void fiftyPerSecondSpreadsAHundredRequestsEvenly() throws Exception {
    // Two virtual seconds: enough for "at most 50 in any second" to bind. Each request costs tens
    // of real milliseconds (the clock's driver waits for all eight workers to be idle), so 200
    // took 9.5 s here and proved nothing more.
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(100));
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Arrivals arrivals = Arrivals.ok(clock);
      try (MockWebServer server = Servers.start(arrivals)) {
        Result r =
            cli()
                .clock(clock)
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
      List<Long> t = arrivals.times();
      assertEquals(100, t.size());
      assertEquals(99 * 20 * MILLIS, t.get(99) - t.get(0), "100 requests at 50/s");
      assertEquals(50, arrivals.maxInWindow(1000 * MILLIS), "at most 50 in any second");
      assertEquals(5, arrivals.maxInWindow(100 * MILLIS), "at most 5 in any 100 ms");
      assertEquals(20 * MILLIS, arrivals.minGapNanos(), "never closer than 20 ms");
    }
  }

  @Test
  void aStopCutsTheRateWaitShort() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(10));
    // The clock never moves: every request after the first waits for a slot that never comes.
    try (FakeClock clock = FakeClock.manual()) {
      Arrivals arrivals = Arrivals.ok(clock);
      try (MockWebServer server = Servers.start(arrivals)) {
        CliRun cli = cli().clock(clock);
        CompletableFuture<Result> running =
            CompletableFuture.supplyAsync(
                () ->
                    cli.run(
                        "--rate",
                        "1/s",
                        "-c",
                        "2",
                        "-o",
                        dir.resolve("log").toString(),
                        "-u",
                        Servers.url(server, "/{data}"),
                        data.toString()));
        clock.awaitSleepers(1);
        cli.control().stop(2);
        Result r = running.get(60, TimeUnit.SECONDS);
        assertEquals(130, r.exitCode(), r.toString());
        assertEquals(0, clock.elapsedNanos(), "the stop, not time, ended the wait");
        assertTrue(server.getRequestCount() <= 2, "sent " + server.getRequestCount());
        assertTrue(r.err().contains("items not sent"), r.toString());
      }
    }
  }
}
