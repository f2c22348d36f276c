package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --resume skips an item only for the same index, the same item text and the same request. */
class ResumeIdentityIT {
  @TempDir Path dir;

  /** Answers 200 and remembers each request's path. */
  static final class Paths extends Dispatcher {
    final Set<String> seen = new ConcurrentSkipListSet<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      seen.add(request.getMethod() + " " + request.getUrl().encodedPath());
      return new MockResponse.Builder().code(200).build();
    }
  }

  private final Paths paths = new Paths();
  private MockWebServer server;

  @BeforeEach
  void startServer() {
    server = Servers.start(paths);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Runs batchsend against the test's server; returns the paths it requested. */
  private Result run(Paths seen, String urlPath, Path data, Path log, String... more) {
    paths.seen.clear();
    try {
      List<String> args = new ArrayList<>(List.of("-u", Servers.url(server, urlPath)));
      args.addAll(List.of("--retries", "0", "-o", log.toString()));
      args.addAll(Arrays.asList(more));
      args.add(data.toString());
      return cli().run(args.toArray(String[]::new));
    } finally {
      seen.seen.addAll(paths.seen);
    }
  }

  @Test
  void resumeSendsAnItemWhoseTextChangedToOneWithTheSameStringHash() throws Exception {
    assertEquals("refund-order-Aa".hashCode(), "refund-order-BB".hashCode());
    for (String format : List.of("text", "jsonl", "csv")) {
      Path log = dir.resolve("hash." + format);
      Path data = Logs.dataFile(dir, "a.txt", List.of("refund-order-Aa"));
      Result first = run(new Paths(), "/r/{data}", data, log, "--log-format", format);
      assertEquals(0, first.exitCode(), first.toString());
      Files.writeString(data, "refund-order-BB\n", StandardCharsets.UTF_8);
      Paths second = new Paths();
      Result r = run(second, "/r/{data}", data, log, "--log-format", format, "--resume");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(Set.of("GET /r/refund-order-BB"), second.seen, format);
    }
  }

  @Test
  void resumeWithAnotherRequestIsRefusedNamingWhatDiffersAndSendsNothing() throws Exception {
    Path data = Logs.dataFile(dir, "ids.txt", List.of("7", "8"));
    Path log = dir.resolve("users.jsonl");
    Result first = run(new Paths(), "/users/{data}", data, log, "--log-format", "jsonl");
    assertEquals(0, first.exitCode(), first.toString());
    Paths refunds = new Paths();
    Result r =
        run(
            refunds,
            "/orders/{data}/refund",
            data,
            log,
            "--log-format",
            "jsonl",
            "--resume",
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            "{\"id\": {data}}");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(refunds.seen.isEmpty(), refunds.seen.toString());
    assertTrue(r.err().contains("method"), r.err());
    assertTrue(r.err().contains("URL template"), r.err());
    assertTrue(r.err().contains("--resume-any-request"), r.err());
  }

  @Test
  void resumeAnyRequestSkipsWhatAnotherRequestLoggedOk() throws Exception {
    Path data = Logs.dataFile(dir, "ids.txt", List.of("7", "8"));
    Path log = dir.resolve("v1.jsonl");
    Result first = run(new Paths(), "/v1/{data}", data, log, "--log-format", "jsonl");
    assertEquals(0, first.exitCode(), first.toString());
    Files.writeString(data, "7\n8\n9\n", StandardCharsets.UTF_8);
    Paths v2 = new Paths();
    Result r =
        run(
            v2,
            "/v2/{data}",
            data,
            log,
            "--log-format",
            "jsonl",
            "--resume",
            "--resume-any-request");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(Set.of("GET /v2/9"), v2.seen);
  }

  @Test
  void headerTemplateChangeIsRefusedWithoutPrintingTheHeader() throws Exception {
    Path data = Logs.dataFile(dir, "ids.txt", List.of("7"));
    Path log = dir.resolve("h.csv");
    Result first =
        run(
            new Paths(),
            "/x/{data}",
            data,
            log,
            "--log-format",
            "csv",
            "-H",
            "Authorization: Bearer s3cr3t-one");
    assertEquals(0, first.exitCode(), first.toString());
    assertFalse(Files.readString(log).contains("s3cr3t"), "no template text in the log");
    Paths again = new Paths();
    Result r =
        run(
            again,
            "/x/{data}",
            data,
            log,
            "--log-format",
            "csv",
            "--resume",
            "-H",
            "Authorization: Bearer s3cr3t-two");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("header"), r.err());
    assertFalse(r.err().contains("s3cr3t"), r.err());
    assertTrue(again.seen.isEmpty());
  }

  @Test
  void resumeOfALogWithoutRequestFingerprintsNeedsResumeAnyRequest() throws Exception {
    Path data = Logs.dataFile(dir, "ids.txt", List.of("7", "8"));
    Path log = dir.resolve("old.jsonl");
    Files.writeString(
        log,
        "{\"ts\":\"2026-11-24T17:00:00.123Z\",\"index\":1,\"item\":\"7\",\"method\":\"GET\","
            + "\"url\":\"http://127.0.0.1:1/x/7\",\"status\":200,\"ok\":true,\"attempts\":1,"
            + "\"ms\":1.00,\"bytes\":0,\"error\":null}\n",
        StandardCharsets.UTF_8);
    Paths refused = new Paths();
    Result r = run(refused, "/x/{data}", data, log, "--log-format", "jsonl", "--resume");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--resume-any-request"), r.err());
    assertTrue(refused.seen.isEmpty());
    Paths allowed = new Paths();
    Result ok =
        run(
            allowed,
            "/x/{data}",
            data,
            log,
            "--log-format",
            "jsonl",
            "--resume",
            "--resume-any-request");
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals(Set.of("GET /x/8"), allowed.seen);
  }

  /** Found by an attack: the template was the same, the server was not, and all was skipped. */
  @Test
  void resumeAgainstAnotherServerNamedByAnEnvironmentVariableIsRefused() throws Exception {
    Path data = Logs.dataFile(dir, "h.txt", List.of("a", "b"));
    Path log = dir.resolve("h.jsonl");
    String staging = "127.0.0.1:" + server.getPort();
    Result first =
        cli()
            .env("H", staging)
            .run(
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                "http://${H}/{data}",
                data.toString());
    assertEquals(0, first.exitCode(), first.toString());
    Paths production = new Paths();
    try (MockWebServer other = Servers.start(production)) {
      Result resumed =
          cli()
              .env("H", "127.0.0.1:" + other.getPort())
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  "http://${H}/{data}",
                  "--resume",
                  data.toString());
      assertEquals(2, resumed.exitCode(), resumed.toString());
      assertTrue(resumed.err().contains("URL template"), resumed.err());
      assertEquals(Set.of(), production.seen, "nothing sent");
    }
  }

  @Test
  void headerNamesDifferingOnlyInCaseAreTheSameRequest() throws Exception {
    Path data = Logs.dataFile(dir, "c.txt", List.of("a"));
    Path log = dir.resolve("c.jsonl");
    Result first = run(new Paths(), "/c/{data}", data, log, "-H", "X-A: 1");
    assertEquals(0, first.exitCode(), first.toString());
    Paths second = new Paths();
    Result r = run(second, "/c/{data}", data, log, "-H", "x-a: 1", "--resume");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(Set.of(), second.seen, "skipped: the same request");
  }
}
