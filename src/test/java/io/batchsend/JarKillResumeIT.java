package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real process at random points, then {@code --resume}, with the server
 * counting how often each item arrives: nothing lost, nothing logged ok sent again, and an item
 * sent twice only when it was in flight at a kill (at most {@code -c} per kill).
 */
class JarKillResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 160;
  private static final int CONCURRENCY = 4;
  private static final int KILLS = 3;

  /** The kill points' seed; -Dbatchsend.it.seed=N replays a failure. */
  private static final long SEED = Long.getLong("batchsend.it.seed", 20261126L);

  @TempDir Path dir;

  /** Counts arrivals per item for the current process, and trips a latch at the K-th in all. */
  static final class Arrivals extends Dispatcher {
    final AtomicInteger total = new AtomicInteger();
    volatile Map<String, Integer> round = new ConcurrentHashMap<>();
    volatile int killAt = Integer.MAX_VALUE;
    volatile CountDownLatch reached = new CountDownLatch(1);

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      round.merge(request.getUrl().pathSegments().get(0), 1, Integer::sum);

      if (total.incrementAndGet() >= killAt) {
        reached.countDown();
      }
      return new MockResponse.Builder().code(200).body("ok").build();
    }

    /** A new round: arrivals counted afresh, the latch set to trip at {@code killAt}. */
    Map<String, Integer> startRound(int at) {
      Map<String, Integer> fresh = new ConcurrentHashMap<>();
      round = fresh;
      reached = new CountDownLatch(1);
      killAt = at;
      return fresh;
    }
  }

  @Test
  void killedAtRandomPointsThenResumedEveryItemArrivesAndOnlyInFlightOnesTwice() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    Path log = dir.resolve("run.log");
    Random random = new Random(SEED);
    Arrivals arrivals = new Arrivals();
    Map<String, Integer> all = new ConcurrentHashMap<>();
    int duplicates = 0;
    try (MockWebServer server = Servers.start(arrivals)) {
      String[] args = {
        "--resume",
        "-c",
        Integer.toString(CONCURRENCY),
        "--log-format",
        "jsonl",
        "-o",
        log.toString(),
        "-u",
        Servers.url(server, "/{data}"),
        data.toString()
      };
      for (int kill = 1; kill <= KILLS; kill++) {
        Set<String> okBefore = okItems(log);
        int at = arrivals.total.get() + 1 + random.nextInt(40);
        Map<String, Integer> round = arrivals.startRound(at);
        Process p = Jar.start(dir, args);
        try {
          while (!arrivals.reached.await(200, TimeUnit.MILLISECONDS)) {
            assertTrue(p.isAlive(), "run " + kill + " ended before request " + at + stderr());
          }
        } finally {
          p.destroyForcibly(); // SIGKILL
          assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        Set<String> okAfter = okItems(log);
        String where = "kill " + kill + " at request " + at + " (seed " + SEED + ")";
        assertNothingOkSentAgain(okBefore, round, where);
        Set<String> inFlight = new HashSet<>(round.keySet());
        inFlight.removeAll(okAfter);
        assertTrue(
            inFlight.size() <= CONCURRENCY,
            where
                + ": arrived but not logged ok, more than -c: "
                + inFlight
                + "\n"
                + (Files.exists(log) ? Files.readString(log) : "no log")
                + stderr());
        duplicates += merge(round, all);
      }
      Set<String> okBefore = okItems(log);
      Map<String, Integer> last = arrivals.startRound(Integer.MAX_VALUE);
      Process p = Jar.start(dir, args);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the last run ended");
      assertEquals(0, p.exitValue(), stderr());
      assertNothingOkSentAgain(okBefore, last, "the last run");
      duplicates += merge(last, all);
    }
    assertEquals(ITEMS, all.size(), "every item arrived");
    assertEquals(ITEMS, okItems(log).size(), "every item ends with an ok record");
    assertTrue(
        duplicates <= CONCURRENCY * KILLS,
        duplicates + " items sent again, more than were in flight at " + KILLS + " kills");
  }

  private static void assertNothingOkSentAgain(
      Set<String> okBefore, Map<String, Integer> arrived, String where) {
    for (Map.Entry<String, Integer> e : arrived.entrySet()) {
      assertFalse(okBefore.contains(e.getKey()), where + ": " + e.getKey() + " was ok, sent again");
      assertEquals(1, e.getValue(), where + ": " + e.getKey() + " sent twice in one run");
    }
  }

  /** Adds {@code round} to {@code all}; returns how many of its items had arrived before. */
  private static int merge(Map<String, Integer> round, Map<String, Integer> all) {
    int again = 0;
    for (Map.Entry<String, Integer> e : round.entrySet()) {
      if (all.merge(e.getKey(), e.getValue(), Integer::sum) > e.getValue()) {
        again++;
      }
    }
    return again;
  }

  /** Items with an ok record; a line torn by the kill (or ended by the next run) is skipped. */
  private static Set<String> okItems(Path log) throws IOException {
    Set<String> ok = new HashSet<>();
    if (!Files.exists(log)) {
      return ok;
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    for (String line : text.substring(0, end + 1).split("\n")) {
      JsonNode rec;
      try {
        rec = JSON.readTree(line);
      } catch (IOException torn) {
        continue;
      }
      if (rec != null && rec.path("ok").asBoolean()) {
        ok.add(rec.get("item").asText());
      }
    }
    return ok;
  }

  private String stderr() throws IOException {
    Path err = dir.resolve("stderr");
    return Files.exists(err) ? "\n" + Files.readString(err, StandardCharsets.UTF_8) : "";
  }
}
