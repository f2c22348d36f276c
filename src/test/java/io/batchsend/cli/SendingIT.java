package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation end to end: items in, one request and one record per item out. */
class SendingIT {
  /**
   * Items of the 64-worker lock stress run: 2,000 (a few seconds) by default, 20,000 under {@code
   * -Pslow}.
   */
  private static final int STRESS_ITEMS = Integer.getInteger("batchsend.it.stressItems", 2_000);

  /**
   * Items of the runs that check one request and one record per item, and the connections: many
   * times the default concurrency, so every worker takes many items; the lock stress above is the
   * heavy run (150 instead of 300 saves 1.5 s).
   */
  private static final int ITEMS = 150;

  @TempDir Path dir;

  @Test
  void everyItemGivesOneRecordAndIsSentOnce() throws Exception {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    Dispatcher counting =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            seen.merge(request.getUrl().queryParameter("id"), 1, Integer::sum);
            return new MockResponse.Builder().code(200).body("ok").build();
          }
        };
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    Path log = dir.resolve("run.log");
    try (MockWebServer server = Servers.start(counting)) {
      Result r =
          cli()
              .run(
                  "-u",
                  Servers.url(server, "/api?id={data}&n={index}"),
                  "-o",
                  log.toString(),
                  "--log-format",
                  "jsonl",
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(ITEMS, server.getRequestCount());
    }
    assertEquals(ITEMS, seen.size());
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "each item exactly once");
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(ITEMS, records.size());
    Set<Long> indexes = new HashSet<>();
    for (JsonNode rec : records) {
      long index = rec.get("index").asLong();
      assertTrue(indexes.add(index), "duplicate index " + index);
      assertEquals("item" + index, rec.get("item").asText());
      assertEquals("GET", rec.get("method").asText());
      assertTrue(rec.get("url").asText().endsWith("/api?id=item" + index + "&n=" + index));
      assertEquals(200, rec.get("status").asInt());
      assertTrue(rec.get("ok").asBoolean());
      assertEquals(1, rec.get("attempts").asInt());
      assertTrue(rec.get("ms").isNumber() && rec.get("ms").asDouble() >= 0);
      assertEquals(2, rec.get("bytes").asLong());
      assertTrue(rec.get("error").isNull());
      assertTrue(
          rec.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }
    assertEquals(ITEMS, indexes.size());
  }

  @Test
  void serverSeesConcurrencyRequestsInFlightAtOnce() throws Exception {
    int c = 6;
    CountDownLatch allArrived = new CountDownLatch(c);
    Dispatcher gate =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allArrived.countDown();
            // Holds each request until c are in flight together; times out only if they never are.
            allArrived.await(60, TimeUnit.SECONDS);
            return new MockResponse.Builder().code(200).build();
          }
        };
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(3 * c));
    try (MockWebServer server = Servers.start(gate)) {
      Result r = SendRun.in(dir).input(data).concurrency(c).to(server, "/{data}").run();
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(0, allArrived.getCount(), "the server saw " + c + " requests at the same time");
    }
  }

  @Test
  void lockStressSixtyFourWorkersEveryLineWholeAndOnce() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(STRESS_ITEMS));
    Path log = dir.resolve("stress.log");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir)
              .input(data)
              .concurrency(64)
              .jsonl()
              .log(log)
              .args("-q")
              .to(server, "/s?v={data}")
              .run();
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(STRESS_ITEMS, records.size());
    boolean[] seen = new boolean[STRESS_ITEMS + 1];
    for (JsonNode rec : records) {
      int index = rec.get("index").asInt();
      assertFalse(seen[index], "duplicate record for " + index);
      seen[index] = true;
      assertEquals("item" + index, rec.get("item").asText());
    }
  }

  @Test
  void eightWorkersOpenAtMostEightConnections() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    Set<Integer> connections = Collections.synchronizedSet(new HashSet<>());
    Dispatcher tracking =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            connections.add(request.getConnectionIndex());
            return new MockResponse.Builder().code(200).body("ok").build();
          }
        };
    try (MockWebServer server = Servers.start(tracking)) {
      Result r = SendRun.in(dir).input(data).concurrency(8).to(server, "/r/{data}").run();
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(ITEMS, server.getRequestCount());
    }
    assertTrue(connections.size() <= 8, "connections opened: " + connections.size());
  }

  @Test
  void stdinWithCrlfBomAndBlankLinesGivesCleanItemsAndIndexes() throws Exception {
    byte[] input =
        "\uFEFFfirst\r\n\r\nsecond\n   \nthird\u2028still third\r\n\nfourth"
            .getBytes(StandardCharsets.UTF_8);
    Path log = dir.resolve("stdin.log");
    List<String> paths = Collections.synchronizedList(new ArrayList<>());
    Dispatcher recording =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            paths.add(request.getUrl().queryParameter("v"));
            return new MockResponse.Builder().code(200).build();
          }
        };
    try (MockWebServer server = Servers.start(recording)) {
      Result r =
          SendRun.in(dir).stdin(input).jsonl().log(log).to(server, "/x?v={data}&i={index}").run();
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertEquals(List.of("first", "second", "third\u2028still third", "fourth"), paths);
    Map<Long, String> byIndex = new HashMap<>();
    for (JsonNode rec : Logs.jsonl(log)) {
      byIndex.put(rec.get("index").asLong(), rec.get("item").asText());
    }
    assertEquals(
        Map.of(1L, "first", 2L, "second", 3L, "third\u2028still third", 4L, "fourth"), byIndex);
  }

  @Test
  void failedItemsAreRecordsAndTheRunExitsOne() throws Exception {
    Dispatcher halfFailing =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            boolean odd = Integer.parseInt(request.getUrl().pathSegments().get(0)) % 2 == 1;
            return new MockResponse.Builder().code(odd ? 500 : 200).build();
          }
        };
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(10));
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.start(halfFailing)) {
      Result r =
          cli()
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/{index}"),
                  data.toString());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.err().contains("10 items: 5 ok, 5 failed"), r.err());
    }
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(10, records.size());
    for (JsonNode rec : records) {
      boolean odd = rec.get("index").asInt() % 2 == 1;
      assertEquals(!odd, rec.get("ok").asBoolean());
      assertEquals(
          odd ? "status: 500" : null, rec.get("error").isNull() ? null : rec.get("error").asText());
    }
  }

  @Test
  void emptyInputIsNotAnError() throws Exception {
    Path data = dir.resolve("empty.txt");
    Files.writeString(data, "\n\n");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("0 items: 0 ok, 0 failed"), r.err());
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void textLogEscapesTabsAndNewlinesSoEachItemIsOneLine() throws Exception {
    Path log = dir.resolve("text.log");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .stdin("a\tb\\c\u0001d\n")
              .run("-o", log.toString(), "-u", Servers.url(server, "/{data}"), "-");
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("  item=a\\tb\\\\c\\u0001d  request="), lines.get(0));
    assertTrue(lines.get(0).contains("  #1  ok  200  "), lines.get(0));
  }

  @Test
  void demoSendsTheSampleAndEveryItemIsOk() throws Exception {
    Path log = dir.resolve("demo.log");
    Result r = cli().run("--demo", "-o", log.toString(), "--log-format", "jsonl");
    assertEquals(0, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(log);
    assertFalse(records.isEmpty());
    assertTrue(records.stream().allMatch(rec -> rec.get("ok").asBoolean()));
    assertTrue(
        r.err().contains(records.size() + " items: " + records.size() + " ok, 0 failed"), r.err());
    assertTrue(r.err().contains("latency:"), r.err());
  }
}
