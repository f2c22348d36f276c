package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report or {@code --failed} file that cannot be written (here {@code /dev/full}, which takes the
 * open and fails every write) exits 3 like the log, and no report states another exit code.
 */
class ReportWriteFailureIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FULL = Path.of("/dev/full");

  @TempDir Path dir;

  @BeforeEach
  void needsDevFull() {
    assumeTrue(Files.isWritable(FULL), "skipped: no writable /dev/full on this system");
  }

  @Test
  void junitThatCannotBeWrittenExits3AndTheOtherReportsSayExitCode3() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(5));
    Path summary = dir.resolve("summary.json");
    Path html = dir.resolve("report.html");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "-o",
                  dir.resolve("run.log").toString(),
                  "--summary",
                  summary.toString(),
                  "--junit",
                  FULL.toString(),
                  "--html",
                  html.toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(3, r.exitCode(), r.toString());
      assertTrue(
          r.err().contains("batchsend: cannot write --junit file /dev/full: No space left"),
          r.err());
      assertTrue(r.err().contains("5 items: 5 ok, 0 failed"), r.err());
    }
    JsonNode json = JSON.readTree(summary.toFile());
    assertEquals(3, json.get("exit_code").asInt(), "the summary states the process's exit code");
    assertEquals(5, json.get("ok").asInt());
    assertTrue(Files.readString(html).contains("5"), "the report after the failed one is written");
  }

  @Test
  void failedFileThatCannotBeWrittenExits3AndEveryCountAgrees() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(20));
    Path log = dir.resolve("run.log");
    Path summary = dir.resolve("summary.json");
    try (MockWebServer server = Servers.start(Servers.answer(500, "no"))) {
      Result r =
          cli()
              .run(
                  "-c",
                  "2",
                  "--retries",
                  "0",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "--failed",
                  FULL.toString(),
                  "--summary",
                  summary.toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(3, r.exitCode(), r.toString());
      assertTrue(r.err().contains("cannot write --failed file /dev/full"), r.err());
      JsonNode json = JSON.readTree(summary.toFile());
      assertEquals(3, json.get("exit_code").asInt());
      long failed = json.get("failed").asLong();
      assertEquals(server.getRequestCount(), failed, "every item sent is counted");
      assertEquals(failed, Logs.jsonl(log).size(), "and recorded in the log");
      assertTrue(
          r.err().contains("20 items: 0 ok, " + failed + " failed, 0 skipped, " + (20 - failed)),
          r.err());
    }
  }
}
