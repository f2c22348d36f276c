package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.RawServer;
import io.batchsend.support.Servers;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport failures are records with an error kind; the run always ends. */
class FailuresIT {
  @TempDir Path dir;

  @Test
  void resetGarbageTruncatedAndSilentServersEachGiveOneFailedRecord() throws Exception {
    Path data =
        Logs.dataFile(
            dir, "items.txt", List.of("reset", "garbage", "truncated", "silent", "stalled"));
    Path log = dir.resolve("log");
    try (RawServer server = new RawServer(FailuresIT::misbehave)) {
      Result r =
          cli()
              .run(
                  "--retries",
                  "0",
                  "--timeout",
                  "1s",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  "http://127.0.0.1:" + server.port() + "/{data}",
                  data.toString());
      assertEquals(1, r.exitCode(), r.toString());
    }
    Map<String, String> errors = new HashMap<>();
    for (JsonNode rec : Logs.jsonl(log)) {
      assertFalse(rec.get("ok").asBoolean());
      assertTrue(errors.put(rec.get("item").asText(), rec.get("error").asText()) == null);
    }
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.get("reset").startsWith("reset: "), errors.toString());
    assertTrue(errors.get("garbage").startsWith("protocol: "), errors.toString());
    assertTrue(errors.get("truncated").startsWith("truncated: "), errors.toString());
    // --timeout bounds the whole call (there are no separate socket timeouts): before the status
    // line and while the body is read.
    assertEquals("timeout: no response within --timeout", errors.get("silent"));
    assertEquals("timeout: reading the body exceeded --timeout", errors.get("stalled"));
  }

  private static void misbehave(Socket s, String path) {
    try {
      switch (path) {
        case "/reset" -> {
          s.setSoLinger(true, 0);
          s.close();
        }
        case "/garbage" -> {
          RawServer.write(s, "HELLO I AM NOT HTTP\r\n\r\n");
          s.close();
        }
        case "/truncated" -> {
          RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
          s.close();
        }
        case "/stalled" -> {
          // Headers and part of the body, then nothing; the socket closes with the server.
          RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart of it");
        }
        default -> {
          // "/silent": read the request and never answer; the socket closes with the server.
        }
      }
    } catch (IOException e) {
      // The client gave up first.
    }
  }

  @Test
  void endlessBodyStopsAtMaxBodyWithBytesCountedAndMemoryBounded() throws Exception {
    long tenGiB = 10L << 30;
    MockResponseBody endless =
        new MockResponseBody() {
          @Override
          public long getContentLength() {
            return tenGiB;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < tenGiB; sent += chunk.length) {
              sink.write(chunk);
            }
          }
        };
    Dispatcher huge =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(200).body(endless).build();
          }
        };
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.start(huge)) {
      Result r =
          cli()
              .stdin("big\n")
              .run(
                  "--max-body",
                  "1MiB",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
    }
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(1, records.size());
    JsonNode rec = records.get(0);
    assertEquals(200, rec.get("status").asInt());
    assertFalse(rec.get("ok").asBoolean());
    assertEquals(1L << 20, rec.get("bytes").asLong());
    assertTrue(rec.get("error").asText().startsWith("too-large: "), rec.toString());
  }

  @Test
  void connectionRefusedIsAConnectFailure() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path log = dir.resolve("log");
    Result r =
        cli()
            .stdin("x\n")
            .run(
                "--retries",
                "1",
                "--retry-backoff",
                "1ms",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                "http://127.0.0.1:" + closedPort + "/{data}",
                "-");
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode rec = Logs.jsonl(log).get(0);
    assertTrue(rec.get("error").asText().startsWith("connect: "), rec.toString());
    assertEquals(2, rec.get("attempts").asInt(), "connect failures are retried");
    assertTrue(rec.get("status").isNull());
  }
}
