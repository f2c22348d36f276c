package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.LeakyBucketServer;
import io.batchsend.support.Logs;
import io.batchsend.support.VirtualTimeServer.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a rate limiter that decides as nginx's {@code limit_req} does (issue 16): 20 requests a
 * second, 300 items, {@code -c 8 --retries 10}. Every figure is measured on the server's side, on
 * the virtual clock the server and the run share, so it does not depend on how loaded the machine
 * is.
 */
class RateLearningIT {
  private static final long SECOND = 1_000_000_000L;
  private static final int ITEMS = 300;
  private static final int QUOTA = 20;

  @TempDir Path dir;

  private Result run(LeakyBucketServer server, String... options) {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    List<String> args = new ArrayList<>(List.of("-c", "8", "--retries", "10"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--log-format",
            "jsonl",
            "-o",
            dir.resolve("log").toString(),
            "-u",
            server.url("/{data}"),
            data.toString()));
    return cli().clock(server.clock()).run(args.toArray(String[]::new));
  }

  /** What the server saw, and the checks every scenario shares. */
  private record Figures(List<Hit> hits, Result result) {
    long first() {
      return hits.get(0).arrivalNanos();
    }

    /** Items served per second, first arrival to last served one. */
    double servedPerSecond() {
      List<Hit> ok = hits.stream().filter(h -> h.status() == 200).toList();
      double seconds = (ok.get(ok.size() - 1).arrivalNanos() - first()) / 1e9;
      return ok.size() / seconds;
    }

    /** The share of arrivals answered 429, from {@code fromNanos} after the first arrival. */
    double refusedShare(long fromNanos) {
      List<Hit> late = hits.stream().filter(h -> h.arrivalNanos() >= first() + fromNanos).toList();
      long refused = late.stream().filter(h -> h.status() == 429).count();
      return late.isEmpty() ? 0 : (double) refused / late.size();
    }

    /**
     * The shortest gap among the first {@code count} arrivals after each pause (a silence of at
     * least {@code pauseNanos}) that ends {@code fromNanos} or more after the first arrival: how
     * the workers came back.
     */
    long minGapAfterPauses(long fromNanos, long pauseNanos, int count) {
      long min = Long.MAX_VALUE;
      for (int i = 1; i < hits.size(); i++) {
        long resumed = hits.get(i).arrivalNanos();
        if (resumed - hits.get(i - 1).arrivalNanos() < pauseNanos
            || resumed < first() + fromNanos) {
          continue;
        }
        for (int j = i + 1; j < Math.min(hits.size(), i + count); j++) {
          min = Math.min(min, hits.get(j).arrivalNanos() - hits.get(j - 1).arrivalNanos());
        }
      }
      return min;
    }

    @Override
    public String toString() {
      long refused = hits.stream().filter(h -> h.status() == 429).count();
      return String.format(
              Locale.ROOT,
              "%d arrivals, %d refused (%.1f %% after 3 s), %.1f served/s\n",
              hits.size(),
              refused,
              100 * refusedShare(3 * SECOND),
              servedPerSecond())
          + result;
    }
  }

  private Figures figures(LeakyBucketServer server, Result r) {
    Figures f = new Figures(server.hits(), r);
    assertEquals(0, r.exitCode(), f.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(ITEMS, records.size(), f.toString());
    for (JsonNode rec : records) {
      assertTrue(rec.get("ok").asBoolean(), rec + "\n" + f);
    }
    return f;
  }

  /** After every pause of the pool, the first arrivals come at least half a spacing apart. */
  private static void assertResumesWithoutBurst(Figures f) {
    long gap = f.minGapAfterPauses(0, SECOND * 9 / 10, 4);
    assertTrue(gap != Long.MAX_VALUE, "no pause seen: " + f);
    assertTrue(gap >= SECOND / QUOTA / 2, "a burst on resume: " + f);
  }

  /** The targets of --adaptive: 80 % of the quota served, at most 10 % refused after 3 s. */
  private static void assertPoliteAndFast(Figures f) {
    assertTrue(f.servedPerSecond() >= 0.8 * QUOTA, "below 80 % of the quota: " + f);
    assertTrue(f.refusedShare(3 * SECOND) <= 0.10, "over 10 % refused after 3 s: " + f);
  }

  @Test
  void adaptiveLearnsTheRateOfALimiterWithoutBurst() {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).start()) {
      // 18.3 served/s here (92 %). Before issue 16: 1.9 served/s and items failed.
      assertPoliteAndFast(figures(server, run(server, "--adaptive")));
    }
  }

  @Test
  void adaptiveLearnsTheRateOfALimiterThatSaysRetryAfter() {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).retryAfter(1).start()) {
      Figures f = figures(server, run(server, "--adaptive"));
      // The first Retry-After pauses the pool; later lone ones (the first ramp's overshoot) only
      // cut the learned rate: 17.3 served/s here (86 %). When each one paused the pool for a
      // second: 15.7 (79 %); before issue 16: 1.0 served/s.
      assertPoliteAndFast(f);
      // Workers resume after each pause (the first comes at the start) spaced at the learned
      // rate, never all at once.
      assertResumesWithoutBurst(f);
    }
  }

  @Test
  void adaptivePausesEveryWorkerOnceASecondRetryAfterShowsTheQuotaIsSpent() {
    // From 5 s to 8 s every request is refused, with Retry-After 3, 2, 1 (the seconds left). A
    // lone Retry-After only cuts the learned rate, but the next request refused too pauses the
    // pool for its Retry-After: a spent quota is asked again once, not hammered for 3 s.
    try (LeakyBucketServer server =
        LeakyBucketServer.limiting(QUOTA).retryAfter(1).spent(5_000, 3_000).start()) {
      Figures f = figures(server, run(server, "--adaptive"));
      long from = f.first() + 5 * SECOND;
      long to = f.first() + 8 * SECOND;
      long asked =
          f.hits().stream().filter(h -> h.arrivalNanos() >= from && h.arrivalNanos() < to).count();
      assertTrue(asked >= 1 && asked <= 3, asked + " requests while the quota was spent: " + f);
    }
  }

  @Test
  void adaptiveLearnsTheRateOfALimiterWithBurstTen() {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).burst(10).start()) {
      assertPoliteAndFast(figures(server, run(server, "--adaptive")));
    }
  }

  @Test
  void rateAtTheQuotaIsRefusedAtMostTwoPercentByALimiterWhoseClockLags() {
    // One arrival in ten is seen 2 ms late: requests 50 ms apart then look 48 ms apart.
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).lag(2, 0.1).start()) {
      Figures f = figures(server, run(server, "--rate=20/s"));
      assertTrue(f.refusedShare(0) <= 0.02, "over 2 % refused: " + f);
      assertTrue(f.servedPerSecond() >= 0.9 * QUOTA, "below 90 % of the quota: " + f);
    }
  }

  @Test
  void rateTwiceTheQuotaWithAdaptiveSettlesNearTheQuota() {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).start()) {
      Figures f = figures(server, run(server, "--rate=40/s", "--adaptive"));
      assertTrue(f.servedPerSecond() >= 0.8 * QUOTA, "below 80 % of the quota: " + f);
      assertTrue(f.refusedShare(0) <= 0.10, "over 10 % refused: " + f);
    }
  }

  @Test
  void fixedConcurrencyWithRetryAfterFailsNoItemAndResumesWithoutBurst() {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).retryAfter(1).start()) {
      Figures f = figures(server, run(server));
      assertResumesWithoutBurst(f);
    }
  }

  @Test
  void summaryAndProgressSayTheRateIsWhatLimits() throws Exception {
    try (LeakyBucketServer server = LeakyBucketServer.limiting(QUOTA).start()) {
      Path summary = dir.resolve("summary.json");
      Result r = run(server, "--adaptive", "--summary", summary.toString());
      figures(server, r);
      JsonNode adaptive = new ObjectMapper().readTree(summary.toFile()).get("adaptive");
      assertEquals("rate", adaptive.path("limited_by").asText(), adaptive.toString());
      double max = adaptive.path("rate_max_per_s").asDouble();
      double mean = adaptive.path("rate_mean_per_s").asDouble();
      assertTrue(mean >= 0.7 * QUOTA && mean <= 1.2 * QUOTA, adaptive.toString());
      assertTrue(max < 2 * QUOTA, adaptive.toString());
      assertTrue(r.err().contains("limited by rate"), r.err());
    }
  }
}
