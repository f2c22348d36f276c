package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.batchsend.support.Logs;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: an OutOfMemoryError in the workers of a small heap once gave "2 ok, 0 failed, 14 not
 * sent" and exit 0. A bug must stop the run, leave a record for every started item and exit 70.
 */
class JarInternalErrorIT {
  @TempDir Path dir;

  @Test
  void outOfMemoryInWorkersExitsSeventyWithAnInternalRecordPerStartedItem() throws Exception {
    // Each item's body renders to far more than the heap (a 200 KB item a few thousand times):
    // rendering it runs the worker out of heap, every time. (Response bodies no longer can: they
    // are streamed through a spool.)
    String item = "x".repeat(200_000);
    String body = "{data}".repeat(3_000);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = Executors.newFixedThreadPool(4);
    server.setExecutor(handlers);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      Path data = Logs.dataFile(dir, "items.txt", List.of("a" + item, "b" + item, "c" + item));
      Path log = dir.resolve("log.jsonl");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx32m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1", // as the launcher starts it, and twice as fast
                  "-jar",
                  Path.of(System.getProperty("batchsend.jar", "target/batchsend.jar"))
                      .toAbsolutePath()
                      .toString(),
                  "-c",
                  "1",
                  "--retries",
                  "0",
                  "-X",
                  "POST",
                  "-d",
                  body,
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  "http://127.0.0.1:" + server.getAddress().getPort() + "/{index}",
                  data.toString())
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(dir.resolve("stdout").toFile())
              .redirectError(dir.resolve("stderr").toFile())
              .start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process ended");
      String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
      assertEquals(70, p.exitValue(), err);
      assertTrue(err.contains("batchsend: internal error: java.lang.OutOfMemoryError"), err);
      List<JsonNode> records = Logs.jsonl(log);
      // One worker: the first item runs out of heap and stops the run; the queued ones never start.
      assertEquals(1, records.size(), "the started item is logged\n" + err);
      assertEquals(
          "internal: OutOfMemoryError: Java heap space", records.get(0).get("error").asText(), err);
      assertTrue(err.contains("0 ok, 1 failed, 0 skipped, 2 not sent"), err);
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }
}
