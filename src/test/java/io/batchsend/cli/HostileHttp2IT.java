package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.HttpsServers;
import io.batchsend.support.Logs;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An HTTP/2 server that misbehaves on purpose: streams reset with every error code before and after
 * the response began, bodies cut short, a connection shut down mid-body. What must hold: each item
 * one record with the right kind, a POST the server may have processed never sent again, exit 1.
 */
class HostileHttp2IT {
  /** HTTP/2 error codes (RFC 9113, 7). */
  private static final int PROTOCOL_ERROR = 0x1;

  private static final int INTERNAL_ERROR = 0x2;
  private static final int REFUSED_STREAM = 0x7;
  private static final int CANCEL = 0x8;

  /** A body long enough that MockWebServer's mid-body socket effects cut it. */
  private static final String LONG_BODY = "x".repeat(200_000);

  @TempDir Path dir;

  /** Requests the dispatcher answered: each one a POST the server processed. */
  private final AtomicInteger processed = new AtomicInteger();

  private MockWebServer server;
  private Path caCert;

  @BeforeEach
  void start() throws Exception {
    caCert = dir.resolve("ca.pem");
    server = HttpsServers.create(caCert);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /**
   * Serves every stream with {@code atStart} (MockWebServer takes a stream's start effects from the
   * peeked response, see RefusedStreamIT) and answers it with {@code answer}, whose mid-body
   * effects apply.
   */
  private void serve(MockResponse atStart, MockResponse answer) throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse peek() {
            return atStart;
          }

          @Override
          public MockResponse dispatch(RecordedRequest request) {
            processed.incrementAndGet();
            return answer;
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** Answers 201 with a long body, then applies {@code effect} halfway through it. */
  private void cutBodyWith(SocketEffect effect) throws Exception {
    serve(
        new MockResponse.Builder().build(),
        new MockResponse.Builder().code(201).body(LONG_BODY).onResponseBody(effect).build());
  }

  /** POSTs one item {@code a} with the default retry policy (two retries). */
  private Result post() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-X",
                "POST",
                "-d",
                "{\"id\":\"{data}\"}",
                "--cacert",
                caCert.toString(),
                "--retry-backoff",
                "1ms",
                "--log-format",
                "jsonl",
                "-o",
                dir.resolve("log").toString(),
                "-u",
                "https://127.0.0.1:" + server.getPort() + "/users",
                "-"));
    return cli().stdin("a\n").run(args.toArray(String[]::new));
  }

  /** The run's one record, after checking there is exactly one. */
  private JsonNode onlyRecord() {
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(1, records.size(), records.toString());
    return records.get(0);
  }

  @Test
  void postWhoseStreamIsRefusedAfterItsResponseBeganIsNotSentAgain() throws Exception {
    // REFUSED_STREAM promises the request was not processed; after a 201 that promise is false.
    cutBodyWith(new SocketEffect.CloseStream(REFUSED_STREAM));
    Result r = post();
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = onlyRecord();
    assertEquals(1, processed.get(), "the 201 proves the POST was processed: " + record);
    assertEquals(1, record.get("attempts").asInt(), record.toString());
    assertEquals(201, record.get("status").asInt(), record.toString());
    assertTrue(record.get("error").asText().startsWith("truncated: "), record.toString());
  }

  @Test
  void bodyCutByAClosedHttp2ConnectionIsTruncatedAndThePostNotSentAgain() throws Exception {
    cutBodyWith(new SocketEffect.CloseSocket(true, false, false));
    Result r = post();
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = onlyRecord();
    assertEquals(1, processed.get(), record.toString());
    assertEquals(1, record.get("attempts").asInt(), record.toString());
    assertTrue(record.get("error").asText().startsWith("truncated: "), record.toString());
  }

  @Test
  void bodyEndedShortOfItsContentLengthByAGoawayIsTruncated() throws Exception {
    // MockWebServer ends the stream halfway after a GOAWAY; OkHttp does not check HTTP/2 DATA
    // against Content-Length (RFC 9113, 8.1.1 calls such a response malformed), so it reads as a
    // whole 100,000-byte body of a 200,000-byte response.
    cutBodyWith(SocketEffect.ShutdownConnection.INSTANCE);
    Result r = post();
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = onlyRecord();
    assertFalse(record.get("ok").asBoolean(), record.toString());
    assertEquals(1, processed.get(), record.toString());
    assertTrue(record.get("error").asText().startsWith("truncated: "), record.toString());
  }

  /**
   * Only REFUSED_STREAM promises the request was not processed: a POST whose stream was reset with
   * any other code before its response may have been, so it is not sent again by default.
   */
  @ParameterizedTest
  @ValueSource(ints = {CANCEL, INTERNAL_ERROR, PROTOCOL_ERROR})
  void postWhoseStreamIsResetBeforeAResponseIsNotSentAgain(int errorCode) throws Exception {
    serve(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseStream(errorCode)).build(),
        new MockResponse.Builder().code(201).body("made").build());
    Result r = post();
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = onlyRecord();
    assertEquals(1, processed.get(), record.toString());
    assertEquals(1, record.get("attempts").asInt(), record.toString());
    assertTrue(record.get("status").isNull(), record.toString());
    // Was "io: stream was reset: CANCEL"; the log format's "reset" is a connection closed or reset
    // before a response.
    assertTrue(
        record.get("error").asText().startsWith("reset: the HTTP/2 stream was reset before a"),
        record.toString());
  }

  /** Released when the test ends: the stream of item "never" waits on it. */
  private final java.util.concurrent.CountDownLatch release =
      new java.util.concurrent.CountDownLatch(1);

  /**
   * Guards --timeout per item on a multiplexed connection (FailuresIT's silent server is HTTP/1.1):
   * the unanswered stream fails alone, the run ends. 2 s leaves the other items room on a busy
   * machine; nothing asserts a duration.
   */
  @Test
  void aStreamNeverAnsweredWhileOthersCompleteIsBoundedByTimeout() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            processed.incrementAndGet();
            if (request.getUrl().encodedPath().equals("/never")) {
              release.await();
            }
            return new MockResponse.Builder().code(201).body("made").build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    try {
      Result r =
          cli()
              .stdin("a\nnever\nb\nc\n")
              .run(
                  "-c",
                  "4",
                  "-X",
                  "POST",
                  "-d",
                  "{data}",
                  "--timeout",
                  "2s",
                  "--cacert",
                  caCert.toString(),
                  "--log-format",
                  "jsonl",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  "https://127.0.0.1:" + server.getPort() + "/{data}",
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
      assertEquals(4, records.size(), records.toString());
      for (JsonNode record : records) {
        assertEquals(1, record.get("attempts").asInt(), record.toString());
        if (record.get("item").asText().equals("never")) {
          assertEquals("timeout: no response within --timeout", record.get("error").asText());
        } else {
          assertTrue(record.get("ok").asBoolean(), record.toString());
        }
      }
      assertEquals(4, processed.get(), "the unanswered POST was not sent again");
    } finally {
      release.countDown();
    }
  }

  @Test
  void responseHeadersOverTheLimitAreAProtocolErrorAndThePostIsNotSentAgain() throws Exception {
    // Was "io: header byte count limit of 262144 exceeded"; over HTTP/1.1 the same limit reads
    // "protocol: …", which the log format documents.
    MockResponse.Builder huge = new MockResponse.Builder().code(201).body("made");
    for (int i = 0; i < 300; i++) {
      huge.addHeader("X-Big-" + i, "v".repeat(1000));
    }
    serve(new MockResponse.Builder().build(), huge.build());
    Result r = post();
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = onlyRecord();
    assertEquals(1, processed.get(), record.toString());
    assertEquals(1, record.get("attempts").asInt(), record.toString());
    assertEquals(
        "protocol: response headers too large (over 256 KiB)",
        record.get("error").asText(),
        record.toString());
  }

  @Test
  void anHttp2RedirectToPlainHttpElsewhereCarriesNoCredentials() throws Exception {
    // Guards network-and-secrets.md "Redirects" end to end over HTTP/2 and a change of scheme:
    // OkHttpSenderTest checks it for HTTP/1.1 and -H headers only, not URL credentials.
    try (MockWebServer plain = io.batchsend.support.Servers.ok()) {
      String elsewhere = "http://127.0.0.1:" + plain.getPort() + "/landing";
      serve(
          new MockResponse.Builder().build(),
          new MockResponse.Builder().code(302).addHeader("Location", elsewhere).build());
      Result r =
          cli()
              .env("PASS", "pw-S3CR3T")
              .env("COOKIE", "ck-S3CR3T")
              .stdin("a\n")
              .run(
                  "-H",
                  "Cookie: session=${COOKIE}",
                  "-H",
                  "X-Api-Key: ${COOKIE}",
                  "--cacert",
                  caCert.toString(),
                  "--log-format",
                  "jsonl",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  "https://user:${PASS}@127.0.0.1:" + server.getPort() + "/{data}",
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest first = server.takeRequest();
      assertEquals("HTTP/2", first.getVersion());
      assertTrue(first.getHeaders().get("Authorization").startsWith("Basic "), first.toString());
      RecordedRequest landed = plain.takeRequest();
      assertEquals("/landing", landed.getUrl().encodedPath());
      assertEquals(null, landed.getHeaders().get("Authorization"), landed.getHeaders().toString());
      assertEquals(null, landed.getHeaders().get("Cookie"), landed.getHeaders().toString());
      assertEquals(null, landed.getHeaders().get("X-Api-Key"), landed.getHeaders().toString());
      assertEquals(1, plain.getRequestCount());
    }
  }
}
