package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input: exit 2 (3 for an unwritable log), one line naming the problem, nothing sent. */
class BadInputIT {
  @TempDir Path dir;
  MockWebServer server;
  Path data;
  Path log;

  @BeforeEach
  void start() {
    server = Servers.ok();
    data = Logs.dataFile(dir, "items.txt", Logs.items(3));
    log = dir.resolve("run.log");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(
            "missing data file", List.of("-u", "URL/{data}", "DIR/nope.txt"), "no such file"),
        Arguments.of("directory as data", List.of("-u", "URL/{data}", "DIR"), "is a directory"),
        Arguments.of("missing DATA", List.of("-u", "URL/{data}"), "missing DATA"),
        Arguments.of("missing --url", List.of("DATA"), "missing --url"),
        Arguments.of("URL without scheme", List.of("-u", "127.0.0.1/{data}", "DATA"), "no scheme"),
        Arguments.of(
            "URL with other scheme", List.of("-u", "ftp://h/{data}", "DATA"), "http or https"),
        Arguments.of("URL without host", List.of("-u", "http:///x/{data}", "DATA"), "no host"),
        Arguments.of(
            "unknown placeholder",
            List.of("-u", "URL/{nmae}", "DATA"),
            "unknown placeholder {nmae}"),
        Arguments.of("unclosed placeholder", List.of("-u", "URL/{data", "DATA"), "unclosed '{'"),
        Arguments.of(
            "unset variable",
            List.of("-u", "URL/${NOT_SET_ANYWHERE}", "DATA"),
            "NOT_SET_ANYWHERE is not set"),
        Arguments.of(
            "zero concurrency", List.of("-c", "0", "-u", "URL/{data}", "DATA"), "--concurrency 0"),
        Arguments.of(
            "negative concurrency",
            List.of("-c", "-3", "-u", "URL/{data}", "DATA"),
            "--concurrency -3"),
        Arguments.of(
            "non-numeric concurrency", List.of("-c", "many", "-u", "URL/{data}", "DATA"), "'many'"),
        Arguments.of(
            "bad duration",
            List.of("--timeout", "soon", "-u", "URL/{data}", "DATA"),
            "invalid duration 'soon'"),
        Arguments.of(
            "zero timeout", List.of("--timeout", "0s", "-u", "URL/{data}", "DATA"), "--timeout"),
        Arguments.of(
            "unknown option", List.of("--frobnicate", "-u", "URL/{data}", "DATA"), "--frobnicate"),
        Arguments.of(
            "method not a token",
            List.of("-X", "GET POST", "-u", "URL/{data}", "DATA"),
            "invalid --method 'GET POST'"),
        Arguments.of(
            "bad log format", List.of("--log-format", "xml", "-u", "URL/{data}", "DATA"), "xml"),
        Arguments.of(
            "bad header",
            List.of("-H", "NoColon", "-u", "URL/{data}", "DATA"),
            "expected 'Name: value'"),
        Arguments.of(
            "body with GET",
            List.of("-d", "x", "-u", "URL/{data}", "DATA"),
            "--body cannot be sent with GET"),
        Arguments.of(
            "quiet and verbose",
            List.of("-q", "-v", "-u", "URL/{data}", "DATA"),
            "cannot be used together"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrorIsOneLineExitTwoAndNothingSent(String name, List<String> args, String expected) {
    Result r = cli().run(resolve(args));
    assertEquals(2, r.exitCode(), r.toString());
    assertOneLineError(r, expected);
    assertEquals(0, server.getRequestCount(), "nothing sent");
    assertFalse(Files.exists(log), "no log written");
  }

  @Test
  void invalidUtf8InAFileNamesTheLineAndNothingIsSent() throws Exception {
    Path bad = dir.resolve("bad.txt");
    byte[] bytes = "ok1\nok2\n\nbad\u00ff\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(bad, bytes);
    Result r =
        cli().run("-o", log.toString(), "-u", Servers.url(server, "/{data}"), bad.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertOneLineError(r, "line 4: invalid UTF-8");
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void invalidUtf8OnTheFirstLineOfStdinIsAnInputError() {
    Result r =
        cli()
            .stdin(new byte[] {(byte) 0xC3, (byte) 0x28, '\n', 'o', 'k', '\n'})
            .run("-o", log.toString(), "-u", Servers.url(server, "/{data}"), "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertOneLineError(r, "line 1: invalid UTF-8");
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void invalidUtf8LaterOnStdinBecomesThatItemsFailedRecord() throws Exception {
    Result r =
        cli()
            .stdin(new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'z', '\n'})
            .run(
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/{data}"),
                "-");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(2, server.getRequestCount());
    var records = Logs.jsonl(log);
    assertEquals(3, records.size());
    var bad =
        records.stream().filter(rec -> rec.get("index").asInt() == 2).findFirst().orElseThrow();
    assertEquals("input: line 2: invalid UTF-8", bad.get("error").asText());
    assertTrue(bad.get("status").isNull());
  }

  @Test
  void logThatCannotBeOpenedIsExitThreeAndNothingSent() {
    Path noDir = dir.resolve("missing-dir").resolve("run.log");
    Result r =
        cli().run("-o", noDir.toString(), "-u", Servers.url(server, "/{data}"), data.toString());
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains("cannot write request log " + noDir), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void logThatIsADirectoryIsExitThree() {
    Result r =
        cli().run("-o", dir.toString(), "-u", Servers.url(server, "/{data}"), data.toString());
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains("is a directory"), r.err());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void logOnAFullDeviceIsExitThreeWithTheFileNamed() {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
    Result r = SendRun.in(dir).input(data).log(full).to(server, "/{data}").run();
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains("cannot write request log /dev/full"), r.err());
  }

  private String[] resolve(List<String> args) {
    List<String> out = new ArrayList<>();
    boolean logGiven = false;
    for (String a : args) {
      out.add(
          a.replace("URL", Servers.url(server, ""))
              .replace("DATA", data.toString())
              .replace("DIR", dir.toString()));
    }
    if (!logGiven) {
      out.add(0, log.toString());
      out.add(0, "-o");
    }
    return out.toArray(String[]::new);
  }

  private static void assertOneLineError(Result r, String expected) {
    List<String> lines = r.err().lines().toList();
    assertFalse(lines.isEmpty(), "an error message");
    assertTrue(lines.get(0).startsWith("batchsend: "), r.err());
    assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + r.err());
    assertTrue(
        lines.size() == 1 || (lines.size() == 2 && lines.get(1).equals(ErrorHandlers.TRY_HELP)),
        "one line, optionally followed by the --help hint: " + r.err());
    assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
  }
}
