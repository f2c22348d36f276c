package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log's file taken away or swapped under a running batch. */
class HostileFilesIT {
  @TempDir Path dir;

  /** Holds the first request until released, and says when it came. */
  static final class HoldFirst extends Dispatcher {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (arrived.getCount() > 0) {
        arrived.countDown();
        release.await(60, TimeUnit.SECONDS);
      }
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  @Test
  void logRemovedDuringTheRunExits3InsteadOfReportingSuccess() throws Exception {
    assertLogTakenAwayExits3(log -> Files.delete(log));
  }

  @Test
  void logRenamedAwayAndReplacedDuringTheRunExits3() throws Exception {
    assertLogTakenAwayExits3(
        log -> {
          Files.move(log, log.resolveSibling("rotated.log"));
          Files.writeString(log, "");
        });
  }

  interface LogChange {
    void apply(Path log) throws Exception;
  }

  private void assertLogTakenAwayExits3(LogChange change) throws Exception {
    Path data = dir.resolve("items.txt");
    Files.writeString(data, "a\nb\nc\n");
    Path log = dir.resolve("run.log");
    HoldFirst dispatcher = new HoldFirst();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(dispatcher);
      server.start();
      String url = server.url("/").toString() + "{data}";
      CompletableFuture<CliRun.Result> run =
          CompletableFuture.supplyAsync(
              () ->
                  CliRun.cli()
                      .run(
                          "-q",
                          "-c",
                          "1",
                          "--retries=0",
                          "-u",
                          url,
                          "-o",
                          log.toString(),
                          data.toString()));
      assertTrue(dispatcher.arrived.await(60, TimeUnit.SECONDS), "the first request came");
      change.apply(log); // the log is open: it is opened before the first item is sent
      dispatcher.release.countDown();
      CliRun.Result result = run.get(60, TimeUnit.SECONDS);

      assertEquals(3, result.exitCode(), result.toString());
      assertEquals(3, server.getRequestCount(), "the batch itself ran");
      assertTrue(
          result.err().contains("cannot write request log " + log + ": it was removed or replaced"),
          result.toString());
      assertFalse(
          Files.exists(log) && Files.readString(log).contains("ok"),
          "nothing went to the file now at the path");
    }
  }
}
