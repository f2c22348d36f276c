package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.engine.Clock;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries: which outcomes, how many, how long apart, and never a silent duplicate POST. */
class RetriesIT {
  @TempDir Path dir;

  /** Answers the given statuses in turn, then 200 forever; records arrival times. */
  static final class Script extends Dispatcher {
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Supplier<MockResponse>> script;
    private Clock clock = Clock.SYSTEM;

    Script(MockResponse... script) {
      this.script = new ArrayList<>();
      for (MockResponse r : script) {
        this.script.add(() -> r);
      }
    }

    /** Stamps arrivals with {@code clock} instead of the system clock. */
    Script on(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A script whose first response is built when the first request arrives. */
    static Script builtOnArrival(Supplier<MockResponse> first) {
      Script s = new Script();
      s.script.add(first);
      return s;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      arrivals.add(clock.nanoTime());
      requests.add(request);
      int i = next.getAndIncrement();
      return i < script.size() ? script.get(i).get() : status(200);
    }
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("x").build();
  }

  private JsonNode runOne(MockWebServer server, String... options) {
    return runOne(Clock.SYSTEM, server, options);
  }

  private JsonNode runOne(Clock clock, MockWebServer server, String... options) {
    Path log = dir.resolve("log-" + System.nanoTime());
    List<String> args = new java.util.ArrayList<>(List.of(options));
    args.addAll(
        List.of(
            "--log-format",
            "jsonl",
            "-o",
            log.toString(),
            "-u",
            Servers.url(server, "/{data}"),
            "-"));
    Result r = cli().clock(clock).stdin("one\n").run(args.toArray(String[]::new));
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(1, records.size(), r.toString());
    return obj(records.get(0)).put("exit", r.exitCode());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode obj(JsonNode n) {
    return (com.fasterxml.jackson.databind.node.ObjectNode) n;
  }

  @Test
  void twoServiceUnavailableThenOkSucceedsOnTheThirdAttempt() {
    Script script = new Script(status(503), status(503));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "--retry-backoff", "1ms,5ms");
      assertTrue(rec.get("ok").asBoolean(), rec.toString());
      assertEquals(3, rec.get("attempts").asInt());
      assertEquals(200, rec.get("status").asInt());
      assertEquals(0, rec.get("exit").asInt());
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void withOneRetryTwoServiceUnavailableFailsAndExitsOne() {
    Script script = new Script(status(503), status(503));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "--retries", "1", "--retry-backoff", "1ms");
      assertFalse(rec.get("ok").asBoolean());
      assertEquals(2, rec.get("attempts").asInt());
      assertEquals("status: 503", rec.get("error").asText());
      assertEquals(1, rec.get("exit").asInt());
    }
  }

  @Test
  void notFoundIsNotRetriedByDefault() {
    Script script = new Script(status(404));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "--retry-backoff", "1ms");
      assertEquals(1, rec.get("attempts").asInt());
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void expectMakesOtherStatusesSuccess() {
    Script script = new Script(status(404));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "--expect", "2xx,404");
      assertTrue(rec.get("ok").asBoolean(), rec.toString());
    }
  }

  @Test
  void retryAfterSecondsIsHonoured() throws Exception {
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      Script script =
          new Script(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build())
              .on(clock);
      try (MockWebServer server = Servers.start(script)) {
        JsonNode rec = runOne(clock, server, "--retry-backoff", "1ms");
        assertTrue(rec.get("ok").asBoolean(), rec.toString());
      }
      assertEquals(2, script.arrivals.size());
      assertEquals(
          TimeUnit.SECONDS.toNanos(1),
          script.arrivals.get(1) - script.arrivals.get(0),
          "the second attempt came exactly the Retry-After later");
    }
  }

  @Test
  void retryAfterHttpDateIsHonoured() throws Exception {
    // The request arrives at 0.4 s past a whole second of the fake wall clock; the date says three
    // seconds later in whole seconds, as HTTP dates do: what is left of it is 2.6 s.
    try (FakeClock clock = FakeClock.drivingWorkers()) {
      clock.advance(TimeUnit.MILLISECONDS.toNanos(400));
      Script script =
          Script.builtOnArrival(
                  () ->
                      new MockResponse.Builder()
                          .code(503)
                          .setHeader(
                              "Retry-After",
                              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                  Instant.ofEpochMilli(clock.epochMillis() + 3000)
                                      .atZone(ZoneOffset.UTC)))
                          .build())
              .on(clock);
      try (MockWebServer server = Servers.start(script)) {
        JsonNode rec = runOne(clock, server, "--retry-backoff", "1ms");
        assertTrue(rec.get("ok").asBoolean(), rec.toString());
      }
      assertEquals(2, script.arrivals.size());
      assertEquals(
          TimeUnit.MILLISECONDS.toNanos(2600),
          script.arrivals.get(1) - script.arrivals.get(0),
          "the second attempt came exactly at the date");
    }
  }

  @Test
  void retryAfterIsCappedByRetryMaxWait() {
    Script script =
        new Script(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "--retry-max-wait", "50ms");
      assertTrue(rec.get("ok").asBoolean(), rec.toString());
      assertEquals(2, rec.get("attempts").asInt());
    }
  }

  private static MockResponse closedAfterTheRequest() {
    return new MockResponse.Builder()
        .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
        .build();
  }

  private static MockResponse slow() {
    return new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build();
  }

  @Test
  void postWithAReadTimeoutIsNotRetriedByDefault() {
    Script script = new Script(slow(), slow(), slow());
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec =
          runOne(server, "-X", "POST", "-d", "x", "--timeout", "300ms", "--retry-backoff", "1ms");
      assertFalse(rec.get("ok").asBoolean());
      assertTrue(rec.get("error").asText().startsWith("timeout"), rec.toString());
      assertEquals(1, rec.get("attempts").asInt());
      assertEquals(1, script.requests.size());
    }
  }

  @Test
  void postWithAnIdempotencyKeyIsRetriedWithTheSameKeyEveryTime() {
    // The connection closes once the request is read: it may have been processed, which only the
    // key makes safe to retry. (It was two read timeouts under a 300 ms --timeout, which the third,
    // successful attempt could itself exceed on a loaded machine.)
    Script script = new Script(closedAfterTheRequest(), closedAfterTheRequest());
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec =
          runOne(
              server,
              "-X",
              "POST",
              "-d",
              "x",
              "--retry-backoff",
              "1ms",
              "--idempotency-key",
              "order-{data}-{index}");
      assertTrue(rec.get("ok").asBoolean(), rec.toString());
      assertEquals(3, rec.get("attempts").asInt());
      assertEquals(3, script.requests.size());
      for (RecordedRequest r : script.requests) {
        assertEquals("order-one-1", r.getHeaders().get("Idempotency-Key"));
      }
    }
  }

  @Test
  void postIsRetriedOnServiceUnavailableByDefault() {
    Script script = new Script(status(503));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "-X", "POST", "-d", "x", "--retry-backoff", "1ms");
      assertTrue(rec.get("ok").asBoolean(), rec.toString());
      assertEquals(2, rec.get("attempts").asInt());
    }
  }

  @Test
  void postIsNotRetriedOnBadGatewayByDefault() {
    Script script = new Script(status(502));
    try (MockWebServer server = Servers.start(script)) {
      JsonNode rec = runOne(server, "-X", "POST", "-d", "x", "--retry-backoff", "1ms");
      assertFalse(rec.get("ok").asBoolean());
      assertEquals(1, rec.get("attempts").asInt());
    }
  }
}
