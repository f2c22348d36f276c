package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.batchsend.support.CliRun;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "items not sent" count of a run stopped by a signal (issue 13#8). */
class InterruptedCountIT {
  @TempDir Path dir;

  /** Runs {@code items} items at -c 2 against a server that never answers; SIGTERM once 2 wait. */
  private Result stoppedWithTwoInFlight(int items) throws Exception {
    CountDownLatch arrived = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = Executors.newFixedThreadPool(4);
    server.setExecutor(handlers);
    server.createContext(
        "/",
        exchange -> {
          arrived.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
    try {
      Path data =
          Logs.dataFile(
              dir, "items.txt", IntStream.rangeClosed(1, items).mapToObj(i -> "item" + i).toList());
      CliRun cli = cli();
      CompletableFuture<Result> running =
          CompletableFuture.supplyAsync(
              () ->
                  cli.run(
                      "-c",
                      "2",
                      "--grace",
                      "0s",
                      "--retries",
                      "0",
                      "--log-format",
                      "jsonl",
                      "-o",
                      dir.resolve("log").toString(),
                      "-u",
                      "http://127.0.0.1:" + server.getAddress().getPort() + "/{data}",
                      data.toString()));
      assertTrue(arrived.await(30, TimeUnit.SECONDS), "the requests arrived");
      cli.control().stop(15);
      return running.get(60, TimeUnit.SECONDS);
    } finally {
      never.countDown();
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void sigtermThatCancelsTheOnlyTwoItemsInFlightSaysTwoNotSent() throws Exception {
    Result r = stoppedWithTwoInFlight(2);
    assertEquals(143, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(2, records.size(), "both cancelled items are logged");
    for (JsonNode rec : records) {
      assertTrue(rec.get("error").asText().startsWith("interrupted"), rec.toString());
    }
    assertTrue(
        r.err().contains("batchsend: interrupted: 2 items not sent (2 cancelled in flight)"),
        r.err());
  }

  @Test
  void sigtermCountsCancelledAndNeverStartedItemsAsNotSent() throws Exception {
    Result r = stoppedWithTwoInFlight(5);
    assertEquals(143, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("batchsend: interrupted: 5 items not sent (2 cancelled in flight)"),
        r.err());
  }
}
