package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} reads every format batchsend writes; a log never mixes formats. */
class ReportAnyLogIT {
  @TempDir Path dir;

  private Result send(MockWebServer server, Path data, Path log, String format) {
    return cli()
        .run(
            "-u",
            Servers.url(server, "/{data}"),
            "--retries",
            "0",
            "-o",
            log.toString(),
            "--log-format",
            format,
            data.toString());
  }

  @Test
  void reportReadsATextLog() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(3));
    Path log = dir.resolve("request.log");
    try (MockWebServer server = Servers.ok()) {
      assertEquals(0, send(server, data, log, "text").exitCode());
    }
    Result r = cli().run("report", log.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("3 items: 3 ok"), r.err());
  }

  @Test
  void appendingAnotherFormatIsRefusedNamingTheFormatFoundBeforeAnythingIsSent() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(2));
    Path log = dir.resolve("request.log");
    try (MockWebServer server = Servers.ok()) {
      assertEquals(0, send(server, data, log, "text").exitCode());
      long before = Files.size(log);
      int sent = server.getRequestCount();
      Result r = send(server, data, log, "jsonl");
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("text"), r.err());
      assertEquals(sent, server.getRequestCount(), "nothing sent");
      assertEquals(before, Files.size(log), "nothing appended");
    }
    Result report = cli().run("report", log.toString());
    assertEquals(0, report.exitCode(), report.toString());
  }
}
