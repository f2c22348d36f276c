package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Arrivals;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's rate-limit headers pace the run in every mode: once a response says no request is
 * left, no request starts before the reset it gave. The server is a fixed-window limiter on a
 * {@link FakeClock}, so arrival times are exact virtual time, however loaded the machine.
 */
class RateLimitHeadersIT {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @TempDir Path dir;

  /** How the limiter states its quota: each family of headers batchsend reads. */
  enum Family {
    /** {@code X-RateLimit-*} with the reset as delta seconds. */
    X_DELTA {
      @Override
      void write(MockResponse.Builder r, int limit, int left, long resetMillis, FakeClock clock) {
        r.setHeader("X-RateLimit-Limit", limit)
            .setHeader("X-RateLimit-Remaining", left)
            .setHeader("X-RateLimit-Reset", ceilSeconds(resetMillis));
      }
    },
    /** {@code X-RateLimit-*} with the reset as epoch seconds, as GitHub sends it. */
    X_EPOCH {
      @Override
      void write(MockResponse.Builder r, int limit, int left, long resetMillis, FakeClock clock) {
        r.setHeader("x-ratelimit-limit", limit)
            .setHeader("x-ratelimit-remaining", left)
            .setHeader("x-ratelimit-reset", (clock.epochMillis() + resetMillis + 999) / 1000);
      }
    },
    /** IETF {@code RateLimit} and {@code RateLimit-Policy} structured fields (draft 08+). */
    IETF {
      @Override
      void write(MockResponse.Builder r, int limit, int left, long resetMillis, FakeClock clock) {
        r.setHeader("RateLimit", "\"default\";r=" + left + ";t=" + ceilSeconds(resetMillis))
            .setHeader("RateLimit-Policy", "\"default\";q=" + limit + ";w=2");
      }
    },
    /** The older IETF drafts' {@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}. */
    IETF_OLD {
      @Override
      void write(MockResponse.Builder r, int limit, int left, long resetMillis, FakeClock clock) {
        r.setHeader("RateLimit-Limit", limit)
            .setHeader("RateLimit-Remaining", left)
            .setHeader("RateLimit-Reset", ceilSeconds(resetMillis));
      }
    };

    abstract void write(
        MockResponse.Builder response, int limit, int left, long resetMillis, FakeClock clock);

    static long ceilSeconds(long millis) {
      return (millis + 999) / 1000;
    }
  }

  /** An answer that said no request is left: when, and until when. */
  record Exhausted(long atNanos, long resetNanos) {}

  /**
   * {@code limit} requests per fixed 2-second window of the clock; beyond that 429 without
   * Retry-After. Every answer states the quota in {@code family}'s headers.
   */
  static final class WindowLimiter
      implements Function<mockwebserver3.RecordedRequest, MockResponse> {
    private static final long WINDOW = 2 * SECOND;
    private final FakeClock clock;
    private final Family family;
    private final int limit;
    private long window = -1;
    private int used;
    final List<Exhausted> exhausted = new CopyOnWriteArrayList<>();

    WindowLimiter(FakeClock clock, Family family, int limit) {
      this.clock = clock;
      this.family = family;
      this.limit = limit;
    }

    @Override
    public synchronized MockResponse apply(mockwebserver3.RecordedRequest request) {
      long now = clock.elapsedNanos();
      long current = now / WINDOW;
      if (current != window) {
        window = current;
        used = 0;
      }
      boolean ok = used < limit;
      if (ok) {
        used++;
      }
      int left = limit - used;
      long resetNanos = (current + 1) * WINDOW - now;
      if (left == 0) {
        exhausted.add(new Exhausted(now, now + resetNanos));
      }
      MockResponse.Builder r = new MockResponse.Builder().code(ok ? 200 : 429).body("x");
      family.write(r, limit, left, TimeUnit.NANOSECONDS.toMillis(resetNanos), clock);
      return r.build();
    }
  }

  private Result send(
      FakeClock clock, MockWebServer server, int concurrency, int items, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                Integer.toString(concurrency),
                "--log-format",
                "jsonl",
                "-o",
                dir.resolve("log").toString()));
    args.addAll(List.of(more));
    args.addAll(
        List.of(
            "-u",
            Servers.url(server, "/{data}"),
            Logs.dataFile(dir, "items.txt", Logs.items(items)).toString()));
    return cli().clock(clock).run(args.toArray(String[]::new));
  }

  private static List<Long> seconds(Arrivals arrivals) {
    List<Long> s = new ArrayList<>();
    for (long t : arrivals.times()) {
      s.add(t - FakeClock.START_NANOS);
    }
    return s;
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void noRequestStartsBeforeTheResetOnceTheServerSaysNoneIsLeft(Family family) throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      WindowLimiter limiter = new WindowLimiter(clock, family, 2);
      Arrivals arrivals = new Arrivals(clock, limiter);
      Result r;
      try (MockWebServer server = Servers.start(arrivals)) {
        r = send(clock, server, 1, 6);
      }
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          List.of(0L, 0L, 2 * SECOND, 2 * SECOND, 4 * SECOND, 4 * SECOND),
          seconds(arrivals),
          "two per window, the third waits for the reset; nothing refused");
      assertEquals(
          6, Logs.jsonl(dir.resolve("log")).stream().filter(j -> j.get("ok").asBoolean()).count());
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void everyWorkerWaitsForTheResetAndEveryItemSucceeds(Family family) throws Exception {
    everyWorkerWaitsForTheReset(family, "--retries", "10");
  }

  @Test
  void underAdaptiveTooEveryWorkerWaitsForTheReset() throws Exception {
    everyWorkerWaitsForTheReset(Family.X_EPOCH, "--retries", "10", "--adaptive");
  }

  private void everyWorkerWaitsForTheReset(Family family, String... args) throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      WindowLimiter limiter = new WindowLimiter(clock, family, 2);
      Arrivals arrivals = new Arrivals(clock, limiter);
      Result r;
      try (MockWebServer server = Servers.start(arrivals)) {
        r = send(clock, server, 4, 8, args);
      }
      assertEquals(0, r.exitCode(), r.toString());
      // Requests in flight together when the quota ran out are answered 429; after that answer,
      // nothing arrives before its reset, from any worker.
      for (Exhausted e : limiter.exhausted) {
        for (long t : arrivals.times()) {
          long at = t - FakeClock.START_NANOS;
          assertTrue(
              at <= e.atNanos() || at >= e.resetNanos(),
              "arrived at " + at + " ns, inside " + e + "; all: " + seconds(arrivals));
        }
      }
      assertTrue(!limiter.exhausted.isEmpty(), "the quota ran out");
      assertEquals(
          8, Logs.jsonl(dir.resolve("log")).stream().filter(j -> j.get("ok").asBoolean()).count());
    }
  }

  @Test
  void a429WithoutRetryAfterIsRetriedAtTheResetItGives() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      int[] calls = {0};
      Arrivals arrivals =
          new Arrivals(
              clock,
              req -> {
                synchronized (calls) {
                  if (calls[0]++ == 0) {
                    // No Remaining: the gate stays open; only the retry wait reads the reset.
                    return new MockResponse.Builder()
                        .code(429)
                        .setHeader("X-RateLimit-Reset", "3")
                        .build();
                  }
                }
                return new MockResponse.Builder().code(200).body("ok").build();
              });
      Result r;
      try (MockWebServer server = Servers.start(arrivals)) {
        r = send(clock, server, 1, 1, "--retry-backoff", "10ms,10ms");
      }
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of(0L, 3 * SECOND), seconds(arrivals), "retried at the reset");
    }
  }

  @Test
  void aLyingResetIsCappedByRetryMaxWaitAndShownUnderVerbose() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Arrivals arrivals =
          new Arrivals(
              clock,
              req ->
                  new MockResponse.Builder()
                      .code(200)
                      .body("ok")
                      .setHeader("X-RateLimit-Remaining", "0")
                      .setHeader("X-RateLimit-Reset", "9".repeat(40))
                      .build());
      Result r;
      try (MockWebServer server = Servers.start(arrivals)) {
        r = send(clock, server, 1, 3, "--retry-max-wait", "1500ms", "-v");
      }
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          List.of(0L, 1_500 * SECOND / 1000, 3_000 * SECOND / 1000),
          seconds(arrivals),
          "each wait capped at --retry-max-wait");
      assertTrue(
          r.err().contains("server quota used up (X-RateLimit-Remaining says 0 left, reset in ")
              && r.err().contains("capped by --retry-max-wait")
              && r.err().contains("no request starts until 2026-01-01T00:00:01.500Z"),
          r.err());
    }
  }

  @Test
  void a429WhoseResetIsAlreadyPastIsRetriedAfterTheBackoffNotAtOnce() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      int[] calls = {0};
      Arrivals arrivals =
          new Arrivals(
              clock,
              req -> {
                synchronized (calls) {
                  if (calls[0]++ == 0) {
                    // A server whose clock is a minute behind: its epoch reset is already past.
                    long past = clock.epochMillis() / 1000 - 60;
                    return new MockResponse.Builder()
                        .code(429)
                        .setHeader("X-RateLimit-Remaining", "0")
                        .setHeader("X-RateLimit-Reset", past)
                        .build();
                  }
                }
                return new MockResponse.Builder().code(200).body("ok").build();
              });
      // The backoff's jitter at its ceiling, so the wait is the whole 500 ms.
      RandomGenerator ceiling =
          new RandomGenerator() {
            @Override
            public long nextLong() {
              return 0;
            }

            @Override
            public long nextLong(long bound) {
              return bound - 1;
            }
          };
      Result r;
      try (MockWebServer server = Servers.start(arrivals)) {
        r =
            cli()
                .clock(clock)
                .random(ceiling)
                .run(
                    "-c",
                    "1",
                    "-o",
                    dir.resolve("log").toString(),
                    "--retry-backoff",
                    "500ms,500ms",
                    "-u",
                    Servers.url(server, "/{data}"),
                    Logs.dataFile(dir, "items.txt", Logs.items(1)).toString());
      }
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of(0L, SECOND / 2), seconds(arrivals), "retried after the backoff");
    }
  }
}
