package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Golden;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The report files of real runs on loopback, and {@code batchsend report} over their logs. */
class ReportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * Answers 503 to items holding "bad" and {@code status} to the others, after a delay of 0 to 4 ms
   * taken from the item's number, so that latencies differ.
   */
  private static Dispatcher byItem(IntSupplier status) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String q = request.getUrl().queryParameter("q");
        int code = q != null && q.contains("bad") ? 503 : status.getAsInt();
        int delay = q == null ? 0 : Math.abs(q.hashCode()) % 5;
        return new MockResponse.Builder()
            .code(code)
            .body("ok")
            .headersDelay(delay, TimeUnit.MILLISECONDS)
            .build();
      }
    };
  }

  private static JsonNode json(Path file) throws Exception {
    return JSON.readTree(file.toFile());
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void runWritesSummaryJunitAndHtmlThatAgreeWithTheLog() throws Exception {
    List<String> items = new ArrayList<>(Logs.items(20));
    items.set(4, "bad <5> & \"five\"");
    items.set(11, "bad, twelve");
    Path data = Logs.dataFile(dir, "items.txt", items);
    Path log = dir.resolve("run.jsonl");
    Path summary = dir.resolve("summary.json");
    Path junit = dir.resolve("junit.xml");
    Path html = dir.resolve("report.html");
    Result r;
    try (MockWebServer server = Servers.start(byItem(() -> 200))) {
      r =
          SendRun.in(dir)
              .input(data)
              .log(log)
              .jsonl()
              .args("--summary", summary.toString(), "--junit", junit.toString())
              .args("--html", html.toString())
              .args("--retry-backoff", "1ms") // the bad items' retries, without real waits
              .to(server, "/api?q={data}&token=s3cret")
              .run();
    }
    assertEquals(1, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(log);
    long failed = records.stream().filter(x -> !x.get("ok").asBoolean()).count();
    assertEquals(2, failed);

    JsonNode s = json(summary);
    assertEquals(1, s.get("version").asInt());
    assertEquals(20, s.get("total").asLong());
    assertEquals(18, s.get("ok").asLong());
    assertEquals(2, s.get("failed").asLong());
    assertEquals(1, s.get("exit_code").asInt());
    assertEquals(18, s.get("status").get("200").asLong());
    assertEquals(2, s.get("errors").get("status").asLong());
    assertEquals(2, s.get("failures").size());
    String url = s.get("options").get("url").asText();
    assertTrue(url.endsWith("/api?q={data}&token=***"), url);
    assertFalse(Files.readString(summary).contains("s3cret"), "secret in the summary");
    double minMs = records.stream().mapToDouble(x -> x.get("ms").asDouble()).min().orElseThrow();
    assertEquals(minMs, s.get("latency_ms").get("min").asDouble(), 0.01 + minMs * 0.002);

    Document doc = xml(junit);
    Element suite = doc.getDocumentElement();
    assertEquals(Long.toString(failed + 1), suite.getAttribute("tests"));
    assertEquals(Long.toString(failed + 1), suite.getAttribute("failures"));
    assertEquals(failed + 1, doc.getElementsByTagName("failure").getLength());
    assertEquals(
        "#5 bad <5> & \"five\"",
        ((Element) doc.getElementsByTagName("testcase").item(0)).getAttribute("name"));

    String page = Files.readString(html, StandardCharsets.UTF_8);
    xml(html);
    assertFalse(page.contains("http://") || page.contains("https://"), "a URL in the page");
    assertFalse(page.contains("s3cret"), "secret in the page");
    assertTrue(page.contains("bad &lt;5&gt; &amp; \"five\""), "the failed item escaped");
    assertTrue(
        page.contains(
            String.format(
                java.util.Locale.ROOT, "%.2f", s.get("latency_ms").get("p99").asDouble())),
        "the p99 figure");
    assertTrue(
        r.err().contains("  first failures:\n    #5  bad <5> & \"five\"  status: 503\n"), r.err());
  }

  @Test
  void csvLogOfARealRunMatchesGoldenAndAppendingWritesNoSecondHeader() throws Exception {
    Path data =
        Logs.dataFile(
            dir,
            "items.txt",
            List.of(
                "plain",
                "a \"quoted\", item",
                "<tag> & \"amp\"",
                "ctl\u0001\u0007char",
                "bad,one"));
    Path log = dir.resolve("run.csv");
    try (MockWebServer server = Servers.start(byItem(() -> 200))) {
      for (int run = 0; run < 2; run++) {
        Result r =
            SendRun.in(dir)
                .input(data)
                .log(log)
                .logFormat("csv")
                .args("--retries", "0")
                .to(server, "/api?q={data}")
                .run();
        assertEquals(1, r.exitCode(), r.toString());
      }
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    String normalised =
        text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "TS")
            .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
            .replaceAll(",(true|false),(\\d+),\\d+\\.\\d\\d,", ",$1,$2,MS,")
            .replaceAll(" u:[0-9a-f]{12} ", " u:URLDIGEST "); // the URL holds the port
    Golden.assertMatches("run-log.csv", normalised);
  }

  @Test
  void reportOverThreeShardLogsGivesTheFiguresOfTheirRecordsMerged() throws Exception {
    List<Path> logs = new ArrayList<>();
    List<Double> millis = new ArrayList<>();
    Map<String, Long> statuses = new HashMap<>();
    long failed = 0;
    try (MockWebServer server = Servers.start(byItem(() -> 200))) {
      for (int shard = 1; shard <= 3; shard++) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
          items.add("s" + shard + "-" + (i % 13 == 0 ? "bad" : "item") + i);
        }
        Path data = Logs.dataFile(dir, "shard" + shard + ".txt", items);
        String format = shard == 2 ? "csv" : "jsonl";
        Path log = dir.resolve("shard" + shard + "." + format);
        logs.add(log);
        Result r =
            SendRun.in(dir)
                .input(data)
                .concurrency(4)
                .log(log)
                .logFormat(format)
                .args("--retry-backoff", "1ms") // the bad items' retries, without real waits
                .to(server, "/api?q={data}")
                .run();
        assertEquals(1, r.exitCode(), r.toString());
        for (String[] rec : records(log)) {
          millis.add(Double.parseDouble(rec[8]));
          statuses.merge(rec[5], 1L, Long::sum);
          failed += rec[6].equals("false") ? 1 : 0;
        }
      }
    }
    Path summary = dir.resolve("merged.json");
    List<String> args = new ArrayList<>(List.of("report", "--summary", summary.toString()));
    logs.forEach(l -> args.add(l.toString()));
    Result r = cli().run(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "batchsend: 120 items: "
                    + (120 - failed)
                    + " ok, "
                    + failed
                    + " failed, 0 skipped, 0 not sent in "),
        r.err());

    JsonNode s = json(summary);
    assertEquals(120, s.get("total").asLong());
    assertEquals(failed, s.get("failed").asLong());
    assertEquals(9, failed);
    assertEquals(statuses.get("200"), s.get("status").get("200").asLong());
    assertEquals(statuses.get("503"), s.get("status").get("503").asLong());
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    JsonNode latency = s.get("latency_ms");
    assertClose(sorted[0], latency.get("min").asDouble());
    assertClose(sorted[sorted.length - 1], latency.get("max").asDouble());
    assertClose(Arrays.stream(sorted).average().orElseThrow(), latency.get("mean").asDouble());
    for (String[] p : new String[][] {{"p50", "50"}, {"p90", "90"}, {"p99", "99"}}) {
      assertClose(atPercentile(sorted, Double.parseDouble(p[1])), latency.get(p[0]).asDouble());
    }
  }

  /** HdrHistogram's rule: the value at rank {@code round(p% × n)}, at least the first. */
  private static double atPercentile(double[] sorted, double p) {
    long rank = Math.max(1, (long) (p / 100 * sorted.length + 0.5));
    return sorted[(int) rank - 1];
  }

  /** Within HdrHistogram's 3 digits, and the log's hundredths of a millisecond. */
  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, expected * 0.002 + 0.011, "latency");
  }

  /** The cells of a log's records, in the contract's column order, read without the code. */
  private static List<String[]> records(Path log) throws Exception {
    List<String[]> out = new ArrayList<>();
    if (log.toString().endsWith(".csv")) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      assertEquals(
          "ts,index,item,method,url,status,ok,attempts,ms,bytes,error,request", lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        out.add(line.split(",", -1)); // plain items: no quoting in these logs
      }
      return out;
    }
    for (JsonNode rec : Logs.jsonl(log)) {
      out.add(
          new String[] {
            rec.get("ts").asText(), rec.get("index").asText(), rec.get("item").asText(),
            rec.get("method").asText(), rec.get("url").asText(), rec.get("status").asText(),
            rec.get("ok").asText(), rec.get("attempts").asText(), rec.get("ms").asText(),
            rec.get("bytes").asText(), rec.get("error").asText(), rec.get("request").asText()
          });
    }
    return out;
  }

  @Test
  void reportKeepsTheLastRecordOfAnItemLoggedTwice() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    Path data = Logs.dataFile(dir, "items.txt", List.of("one", "two"));
    Path first = dir.resolve("first.jsonl");
    Path rerun = dir.resolve("rerun.csv");
    try (MockWebServer server = Servers.start(byItem(status::get))) {
      String url = Servers.url(server, "/api?q={data}");
      assertEquals(
          1,
          cli()
              .run("-u", url, "-o", first.toString(), "--log-format", "jsonl", data.toString())
              .exitCode());
      status.set(200);
      assertEquals(
          0,
          cli()
              .run("-u", url, "-o", rerun.toString(), "--log-format", "csv", data.toString())
              .exitCode());
    }
    Path summary = dir.resolve("s.json");
    Result fixed =
        cli().run("report", "--summary", summary.toString(), first.toString(), rerun.toString());
    assertEquals(0, fixed.exitCode(), fixed.toString());
    assertEquals(2, json(summary).get("total").asLong());
    assertEquals(2, json(summary).get("ok").asLong());
    Result broken = cli().run("report", rerun.toString(), first.toString());
    assertEquals(1, broken.exitCode(), broken.toString());
    assertTrue(broken.err().startsWith("batchsend: 2 items: 0 ok, 2 failed,"), broken.err());
    assertEquals(
        0,
        cli().run("report", "--max-failures", "2", rerun.toString(), first.toString()).exitCode());
  }

  @Test
  void reportFileThatCannotBeWrittenIsExitThreeBeforeAnythingIsSent() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(3));
    Path missing = dir.resolve("no-such-dir").resolve("s.json");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "-u",
                  Servers.url(server, "/{data}"),
                  "-o",
                  dir.resolve("l.log").toString(),
                  "--summary",
                  missing.toString(),
                  data.toString());
      assertEquals(3, r.exitCode(), r.toString());
      assertEquals(
          "batchsend: cannot write --summary file " + missing + ": no such file or directory\n",
          r.err());
      assertEquals(0, server.getRequestCount());
    }
  }
}
