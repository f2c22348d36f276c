package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Small things a person notices at the terminal (issue 13 item 8, issue 12 item 5). */
class SmallThingsIT {
  @TempDir Path dir;
  MockWebServer server;
  Path data;

  @BeforeEach
  void start() {
    server = Servers.ok();
    data = Logs.dataFile(dir, "items.txt", List.of("a"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void noArgumentsPrintsAShortUsageAndTheTryLine() {
    Result r = cli().run();
    assertEquals(2, r.exitCode(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith("batchsend: missing DATA"), r.err());
    assertTrue(r.err().contains("Usage: batchsend [OPTIONS] -u TEMPLATE DATA"), r.err());
    assertEquals(ErrorHandlers.TRY_HELP, lines.get(lines.size() - 1));
    assertTrue(lines.size() <= 5, "a short usage, not the whole help: " + r.err());
  }

  @Test
  void quietDryRunPrintsOnlyTheRequests() {
    Result r = cli().run("-q", "--dry-run", "-u", Servers.url(server, "/{data}"), data.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("GET " + Servers.url(server, "/a") + "\n", r.out().replace("\r\n", "\n"));
    assertEquals("", r.err());
  }

  @Test
  void dryRunOfOneItemSaysItemNotItems() {
    Result r = cli().run("--dry-run", "-u", Servers.url(server, "/{data}"), data.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("dry run: 1 item,"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-o", "--failed", "--responses", "--summary", "--junit", "--html"})
  void anOutputNamingTheDataFileIsRefused(String option) throws Exception {
    String before = Files.readString(data);
    // Another spelling of the same file: compared as real paths.
    String same = dir.resolve(".").resolve("items.txt").toString();
    Result r =
        cli()
            .run(
                option,
                same,
                "-o".equals(option)
                    ? "--summary=" + dir.resolve("s.json")
                    : "-o" + dir.resolve("l"),
                "-u",
                Servers.url(server, "/{data}"),
                data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    String expectedOption = option.equals("-o") ? "--log" : option;
    assertTrue(r.err().startsWith("batchsend: " + expectedOption + " and DATA"), r.err());
    assertEquals(0, server.getRequestCount());
    assertEquals(before, Files.readString(data));
  }

  @Test
  void twoOutputsNamingOneFileAreRefused() {
    Path out = dir.resolve("out.txt");
    Result r =
        cli()
            .run(
                "-o",
                out.toString(),
                "--failed",
                out.toString(),
                "-u",
                Servers.url(server, "/{data}"),
                data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: --log and --failed"), r.err());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Authorization Bearer SECRET-1234", "Authorization=SECRET-1234", "SECRET-1234"})
  void aHeaderWithoutAColonIsRefusedWithoutItsValue(String header) {
    Result r = cli().run("-H", header, "-u", Servers.url(server, "/{data}"), data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: invalid header"), r.err());
    assertFalse(r.err().contains("SECRET"), r.err());
    assertEquals(0, server.getRequestCount());
  }
}
