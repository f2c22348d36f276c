package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a separate process: what a shell, cron or CI sees. */
class JarIT {
  @TempDir Path dir;

  Jar.Run run(String... args) throws Exception {
    return Jar.run(dir, List.of(), args);
  }

  @Test
  void demoExitsZeroAndWritesTheLogInTheWorkingDirectory() throws Exception {
    Jar.Run p = run("--demo");
    assertEquals(0, p.exit(), p.err());
    assertTrue(Files.exists(dir.resolve("request.log")));
    assertTrue(p.err().contains(" ok, 0 failed"), p.err());
  }

  @Test
  void unknownOptionExitsTwo() throws Exception {
    Jar.Run p = run("--no-such-option", "x.txt");
    assertEquals(2, p.exit());
    assertTrue(p.err().startsWith("batchsend: "), p.err());
  }

  @Test
  void failedItemsExitOne() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(5));
    try (MockWebServer server = Servers.start(Servers.answer(503, "busy"))) {
      Jar.Run p = run("-q", "-u", Servers.url(server, "/{data}"), data.toString());
      assertEquals(1, p.exit(), p.err());
      assertTrue(p.err().contains("5 failed"), "the summary shows under -q when the batch failed");
    }
  }

  @Test
  void versionAndHelpExitZero() throws Exception {
    Jar.Run version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("batchsend 0."), version.out());
    Jar.Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--concurrency"), help.out());
    assertTrue(help.out().contains("Exit codes:"), help.out());
  }

  @Test
  void dataFileNamedReportIsSentWhenWrittenAsDotSlashReport() throws Exception {
    Logs.dataFile(dir, "report", Logs.items(2));
    try (MockWebServer server = Servers.ok()) {
      Jar.Run p = run("-u", Servers.url(server, "/{data}"), "./report");
      assertEquals(0, p.exit(), p.err());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void reportSubcommandReadsTheLogOfARunAndWritesItsFiles() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(4));
    try (MockWebServer server = Servers.start(Servers.answer(503, "busy"))) {
      Jar.Run sent =
          run(
              "-q",
              "-u",
              Servers.url(server, "/{data}"),
              "--log-format=csv",
              "-o",
              "run.csv",
              data.toString());
      assertEquals(1, sent.exit(), sent.err());
    }
    Jar.Run report = run("report", "--junit=junit.xml", "--summary=s.json", "run.csv");
    assertEquals(1, report.exit(), report.err());
    assertTrue(report.err().startsWith("batchsend: 4 items: 0 ok, 4 failed,"), report.err());
    assertTrue(Files.readString(dir.resolve("junit.xml")).contains("tests=\"5\" failures=\"5\""));
    assertEquals(0, run("report", "--max-failures=100%", "run.csv").exit());
  }
}
