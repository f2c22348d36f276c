package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume, failed-items files and the failure budget. */
class ResumeAndFailedIT {
  @TempDir Path dir;

  /** Fails the items whose number is odd; remembers which items it saw. */
  static final class OddFails extends Dispatcher {
    final Set<String> seen = new ConcurrentSkipListSet<>();
    private final boolean failOdd;

    OddFails(boolean failOdd) {
      this.failOdd = failOdd;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String item = request.getUrl().pathSegments().get(0);
      seen.add(item);
      boolean odd = Integer.parseInt(item.substring(4)) % 2 == 1;
      return new MockResponse.Builder().code(failOdd && odd ? 500 : 200).build();
    }
  }

  private Result run(MockWebServer server, Path data, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(more));
    if (!args.contains("-u")) {
      args.addAll(List.of("-u", Servers.url(server, "/{data}")));
    }
    args.addAll(List.of("--retries", "0", "--log-format", "jsonl", data.toString()));
    return cli().run(args.toArray(String[]::new));
  }

  @Test
  void resumeSendsOnlyWhatWasNotOkAndFailedFileReRunsExactlyTheFailures() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(10));
    Path log = dir.resolve("run.log");
    Path failed = dir.resolve("failed.txt");
    OddFails first = new OddFails(true);
    try (MockWebServer server = Servers.start(first)) {
      Result r = run(server, data, "-o", log.toString(), "--failed", failed.toString());
      assertEquals(1, r.exitCode(), r.toString());
    }
    assertEquals(
        List.of("item1", "item3", "item5", "item7", "item9"),
        Files.readAllLines(failed, StandardCharsets.UTF_8).stream().sorted().toList());

    OddFails retry = new OddFails(false);
    try (MockWebServer server = Servers.start(retry)) {
      // A new server listens on another port, so the URL differs: resuming needs the option.
      Result r = run(server, data, "-o", log.toString(), "--resume", "--resume-any-request");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("10 items: 5 ok, 0 failed, 5 skipped, 0 not sent"), r.err());
    }
    assertEquals(Set.of("item1", "item3", "item5", "item7", "item9"), retry.seen);
    Set<Long> okIndexes = new TreeSet<>();
    for (JsonNode rec : Logs.jsonl(log)) {
      if (rec.get("ok").asBoolean()) {
        assertTrue(okIndexes.add(rec.get("index").asLong()), "one ok record per item");
      }
    }
    assertEquals(10, okIndexes.size());

    OddFails rerun = new OddFails(false);
    try (MockWebServer server = Servers.start(rerun)) {
      Result r = run(server, failed, "-o", dir.resolve("rerun.log").toString());
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertEquals(Set.of("item1", "item3", "item5", "item7", "item9"), rerun.seen);
  }

  @Test
  void failedFileKeepsTheCsvHeaderAndReRunsExactlyTheFailures() throws Exception {
    Path data =
        Logs.dataFile(
            dir,
            "items.csv",
            List.of(
                "name,note",
                "item1,\"a, b\"",
                "item2,plain",
                "item3,\"multi",
                "line\"",
                "item4,x"));
    Path failed = dir.resolve("failed.csv");
    try (MockWebServer server = Servers.start(new OddFails(true))) {
      Result r =
          run(
              server,
              data,
              "-o",
              dir.resolve("log").toString(),
              "--failed",
              failed.toString(),
              "-u",
              Servers.url(server, "/{name}"));
      assertEquals(1, r.exitCode(), r.toString());
    }
    assertEquals(
        "name,note\nitem1,\"a, b\"\nitem3,\"multi\nline\"\n",
        sortedAfterHeader(Files.readString(failed, StandardCharsets.UTF_8)));
    OddFails rerun = new OddFails(false);
    try (MockWebServer server = Servers.start(rerun)) {
      Result r =
          run(
              server,
              failed,
              "-o",
              dir.resolve("log2").toString(),
              "-u",
              Servers.url(server, "/{name}"));
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertEquals(Set.of("item1", "item3"), rerun.seen);
  }

  @Test
  void failedFileOfJsonLinesReRunsExactlyTheFailures() throws Exception {
    Path data =
        Logs.dataFile(
            dir,
            "items.jsonl",
            List.of("{\"n\":\"item1\",\"o\":{\"k\":1}}", "{\"n\":\"item2\"}", "{\"n\":\"item3\"}"));
    Path failed = dir.resolve("failed.jsonl");
    try (MockWebServer server = Servers.start(new OddFails(true))) {
      Result r =
          run(
              server,
              data,
              "-o",
              dir.resolve("log").toString(),
              "--failed",
              failed.toString(),
              "-u",
              Servers.url(server, "/{n}"));
      assertEquals(1, r.exitCode(), r.toString());
    }
    List<String> lines =
        Files.readAllLines(failed, StandardCharsets.UTF_8).stream().sorted().toList();
    assertEquals(List.of("{\"n\":\"item1\",\"o\":{\"k\":1}}", "{\"n\":\"item3\"}"), lines);
    OddFails rerun = new OddFails(false);
    try (MockWebServer server = Servers.start(rerun)) {
      Result r =
          run(
              server,
              failed,
              "-o",
              dir.resolve("log2").toString(),
              "-u",
              Servers.url(server, "/{n}"));
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertEquals(Set.of("item1", "item3"), rerun.seen);
  }

  /** The header, then the records in order of their first field (workers finish in any order). */
  private static String sortedAfterHeader(String csv) {
    int nl = csv.indexOf('\n');
    String header = csv.substring(0, nl + 1);
    String rest = csv.substring(nl + 1);
    List<String> records = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : rest.toCharArray()) {
      current.append(c);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        records.add(current.toString());
        current.setLength(0);
      }
    }
    records.sort(null);
    return header + String.join("", records);
  }

  @Test
  void resumeToleratesATornLastLineAndStartsTheNextRecordOnItsOwnLine() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(3));
    Path log = dir.resolve("run.log");
    Files.writeString(
        log,
        "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"index\":1,\"item\":\"item1\",\"method\":\"GET\","
            + "\"url\":\"u\",\"status\":200,\"ok\":true,\"attempts\":1,\"ms\":1.0,\"bytes\":0,\"error\":null}\n"
            + "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"index\":2,\"item\":\"ite");
    OddFails server2 = new OddFails(false);
    try (MockWebServer server = Servers.start(server2)) {
      // The log predates the request field: resuming from it needs the option.
      Result r = run(server, data, "-o", log.toString(), "--resume", "--resume-any-request");
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertEquals(Set.of("item2", "item3"), server2.seen);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.get(1).endsWith("\"item\":\"ite"), "the torn line stays as it was");
    for (String line : List.of(lines.get(2), lines.get(3))) {
      assertTrue(line.startsWith("{\"ts\":") && line.endsWith("}"), line);
    }
  }

  @Test
  void resumeReadsTextLogsToo() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a b", "tab\there", "c"));
    Path log = dir.resolve("text.log");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli().run("-o", log.toString(), "-u", Servers.url(server, "/{data}"), data.toString());
      assertEquals(0, r.exitCode(), r.toString());
    }
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "--resume",
                  "--resume-any-request", // another server, another port
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(0, server.getRequestCount(), "everything was already ok");
      assertTrue(r.err().contains("3 skipped"), r.err());
    }
  }

  @Test
  void resumeDoesNotSkipAnItemWhoseTextChangedAtTheSameIndex() throws Exception {
    Path log = dir.resolve("run.log");
    Path before = Logs.dataFile(dir, "before.txt", List.of("a", "b"));
    try (MockWebServer server = Servers.ok()) {
      run(server, before, "-o", log.toString());
    }
    Path after = Logs.dataFile(dir, "after.txt", List.of("a", "CHANGED"));
    try (MockWebServer server = Servers.ok()) {
      Result r = run(server, after, "-o", log.toString(), "--resume", "--resume-any-request");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(1, server.getRequestCount());
      assertEquals("/CHANGED", server.takeRequest().getUrl().encodedPath());
    }
  }

  @Test
  void maxFailuresCountAndPercentage() {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(10));
    try (MockWebServer server = Servers.start(new OddFails(true))) {
      assertEquals(
          0,
          run(server, data, "-o", dir.resolve("a").toString(), "--max-failures", "5").exitCode());
      assertEquals(
          1,
          run(server, data, "-o", dir.resolve("b").toString(), "--max-failures", "4").exitCode());
      assertEquals(
          0,
          run(server, data, "-o", dir.resolve("c").toString(), "--max-failures", "50%").exitCode());
      assertEquals(
          1,
          run(server, data, "-o", dir.resolve("d").toString(), "--max-failures", "40%").exitCode());
    }
  }

  @Test
  void badMaxFailuresIsAUsageError() {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(1));
    try (MockWebServer server = Servers.ok()) {
      Result r = run(server, data, "-o", dir.resolve("a").toString(), "--max-failures", "lots");
      assertEquals(2, r.exitCode());
      assertTrue(r.err().contains("--max-failures"), r.err());
      assertEquals(0, server.getRequestCount());
    }
  }
}
