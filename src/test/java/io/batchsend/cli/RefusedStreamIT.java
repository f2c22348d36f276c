package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.HttpsServers;
import io.batchsend.support.Logs;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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

/**
 * An HTTP/2 server that refuses a stream (RST_STREAM with REFUSED_STREAM; OkHttp reports the
 * streams a GOAWAY left unprocessed the same way) has promised that it did not process the request
 * (RFC 9113, 8.7), so even a POST may be sent again. Servers refuse streams when a client opens
 * more than they allow, as OkHttp does before the server's SETTINGS reach it: at {@code -c 256}
 * against a server allowing 16 or 32 streams, items failed with {@code io: stream was reset:
 * REFUSED_STREAM}, and a POST was never retried.
 */
class RefusedStreamIT {
  /** HTTP/2's REFUSED_STREAM error code. */
  private static final int REFUSED_STREAM = 0x7;

  @TempDir Path dir;

  /** Streams that reached the server's dispatcher, refused ones included. */
  private final AtomicInteger arrivals = new AtomicInteger();

  private final Queue<String> versions = new ConcurrentLinkedQueue<>();
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
   * Refuses the first {@code refusals} streams, then answers 201. The refusal is decided in {@code
   * peek}: MockWebServer takes an HTTP/2 stream's socket effects from the response it peeks at when
   * the stream starts (before the stream's request is dispatched), and the dispatched one only for
   * what it writes. One item at a time, so a stream's peek sees every earlier stream dispatched.
   */
  private void refuseFirst(int refusals) throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse peek() {
            return arrivals.get() < refusals
                ? new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseStream(REFUSED_STREAM))
                    .build()
                : new MockResponse.Builder().build();
          }

          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.incrementAndGet();
            versions.add(request.getVersion());
            return new MockResponse.Builder().code(201).body("made").build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  private Result post(String... more) {
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
                "https://127.0.0.1:" + server.getPort() + "/users"));
    args.addAll(List.of(more));
    args.add("-");
    return cli().stdin("a\n").run(args.toArray(String[]::new));
  }

  @Test
  void aPostWhoseStreamTheServerRefusedIsSentAgainAndSucceeds() throws Exception {
    refuseFirst(1);
    Result r = post();
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode record = Logs.jsonl(dir.resolve("log")).get(0);
    assertTrue(record.get("ok").asBoolean(), record.toString());
    assertEquals(2, record.get("attempts").asInt(), record.toString());
    assertEquals(201, record.get("status").asInt(), record.toString());
    assertEquals(2, arrivals.get(), "the refused POST, then the one that was processed");
    assertEquals(List.of("HTTP/2", "HTTP/2"), List.copyOf(versions));
  }

  @Test
  void refusalsBeyondRetriesLeaveAFailedRecordThatSaysTheServerRefusedTheStream() throws Exception {
    refuseFirst(Integer.MAX_VALUE);
    Result r = post("--retries", "1");
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = Logs.jsonl(dir.resolve("log")).get(0);
    assertEquals(2, record.get("attempts").asInt(), record.toString());
    assertTrue(record.get("error").asText().startsWith("refused: "), record.toString());
    assertEquals(2, arrivals.get());
  }
}
