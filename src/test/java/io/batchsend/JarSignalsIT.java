package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What signals do to a real process: graceful stop on SIGTERM, nothing lost on SIGKILL. */
class JarSignalsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 120;

  @TempDir Path dir;

  /** Answers the first {@code free} requests, then holds every later one until released. */
  static final class HoldAfter extends Dispatcher {
    final CountDownLatch held;
    final CountDownLatch release = new CountDownLatch(1);
    final Set<String> seen = new ConcurrentSkipListSet<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int free;

    HoldAfter(int free, int toHold) {
      this.free = free;
      this.held = new CountDownLatch(toHold);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      seen.add(request.getUrl().pathSegments().get(0));
      if (count.incrementAndGet() > free) {
        held.countDown();
        release.await(120, TimeUnit.SECONDS);
      }
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  @Test
  void sigtermStopsGracefullyExits143AndLogsEveryStartedItemOnce() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(100));
    HoldAfter hold = new HoldAfter(10, 4);
    try (MockWebServer server = Servers.start(hold)) {
      Process p =
          Jar.start(
              dir,
              "-c",
              "4",
              "--grace",
              "200ms", // the held calls never finish by themselves: any grace ends in a cancel
              "--log-format",
              "jsonl",
              "-o",
              "run.log",
              "--summary",
              "summary.json",
              "--junit",
              "junit.xml",
              "--failed",
              "failed.txt",
              "-u",
              Servers.url(server, "/{data}"),
              data.toString());
      try {
        assertTrue(hold.held.await(60, TimeUnit.SECONDS), "4 requests in flight");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
        assertEquals(143, p.exitValue());
        List<JsonNode> records = Logs.jsonl(dir.resolve("run.log"));
        assertEquals(server.getRequestCount(), records.size(), "every started item logged");
        Set<Long> indexes = new HashSet<>();
        long interrupted = 0;
        for (JsonNode rec : records) {
          assertTrue(indexes.add(rec.get("index").asLong()), "logged once");
          if (!rec.get("ok").asBoolean()) {
            assertTrue(rec.get("error").asText().startsWith("interrupted"), rec.toString());
            interrupted++;
          }
        }
        assertEquals(4, interrupted, "the held calls were cancelled after the grace period");
        String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
        assertTrue(err.contains("100 items: 10 ok, 4 failed, 0 skipped, 86 not sent"), err);
        assertTrue(err.contains("--resume"), err);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(143, summary.get("exit_code").asInt());
        assertEquals(86, summary.get("not_sent").asInt());
        assertEquals(100, summary.get("total").asInt());
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertTrue(junit.contains("<testcase") && junit.contains("batch"), junit);
        assertEquals(
            4, Files.readAllLines(dir.resolve("failed.txt")).size(), "the cancelled items");
      } finally {
        hold.release.countDown();
        p.destroyForcibly();
      }
    }
  }

  @Test
  void afterSigkillResumeSendsTheRestAndNothingThatWasOkAgain() throws Exception {
    // A third of the items ok before the kill; the count matters only in being more than -c.
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    Path log = dir.resolve("run.log");
    HoldAfter hold = new HoldAfter(ITEMS / 3, 4);
    try (MockWebServer server = Servers.start(hold)) {
      Process p =
          Jar.start(
              dir,
              "-c",
              "4",
              "--log-format",
              "jsonl",
              "-o",
              "run.log",
              "-u",
              Servers.url(server, "/{data}"),
              data.toString());
      try {
        assertTrue(hold.held.await(60, TimeUnit.SECONDS), "the run is under way");
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      } finally {
        hold.release.countDown();
      }
    }
    Set<String> okBefore = new HashSet<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      JsonNode rec = JSON.readTree(line);
      if (rec.get("ok").asBoolean()) {
        okBefore.add(rec.get("item").asText());
      }
    }
    assertFalse(okBefore.isEmpty());
    assertTrue(okBefore.size() < ITEMS);

    HoldAfter all = new HoldAfter(Integer.MAX_VALUE, 0);
    try (MockWebServer server = Servers.start(all)) {
      Process p =
          Jar.start(
              dir,
              "--resume",
              "--resume-any-request", // the new server listens on another port
              "-c",
              "4",
              "--log-format",
              "jsonl",
              "-o",
              "run.log",
              "-u",
              Servers.url(server, "/{data}"),
              data.toString());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr")));
    }
    for (String item : all.seen) {
      assertFalse(okBefore.contains(item), item + " was ok before the crash and was sent again");
    }
    Set<String> okAfter = new HashSet<>();
    for (JsonNode rec : Logs.jsonl(log)) {
      if (rec.get("ok").asBoolean()) {
        okAfter.add(rec.get("item").asText());
      }
    }
    assertEquals(ITEMS, okAfter.size(), "every item ends with an ok record");
  }
}
