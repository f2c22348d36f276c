package io.batchsend.engine.http;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a redirect may do with a request that has a body: never resend it, never leak it. */
class RedirectTrustIT {
  @TempDir Path dir;

  private static MockWebServer redirecting(int code, String location) {
    return Servers.start(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(code).setHeader("Location", location).build();
          }
        });
  }

  /** A loopback port where nothing listens. */
  private static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private JsonNode onlyRecord(Path log) {
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals(1, records.size(), records.toString());
    return records.get(0);
  }

  private Result post(MockWebServer server, Path log, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"apiKey\":\"${TOKEN}\",\"item\":\"{data}\"}",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/start")));
    args.addAll(List.of(extra));
    args.add("-");
    return cli().env("TOKEN", "tok-secret-42").stdin("x\n").run(args.toArray(String[]::new));
  }

  @Test
  void postAnswered303ToDeadPortIsNotResent() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer server = redirecting(303, "http://127.0.0.1:" + deadPort() + "/gone")) {
      Result r = post(server, log);
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(1, server.getRequestCount(), "the POST was sent again");
    }
    JsonNode record = onlyRecord(log);
    assertEquals(1, record.get("attempts").asInt());
    assertTrue(record.get("error").asText().startsWith("redirect: "), record.toString());
  }

  @Test
  void getAnswered303ToDeadPortIsStillRetried() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer server = redirecting(303, "http://127.0.0.1:" + deadPort() + "/gone")) {
      Result r =
          cli()
              .stdin("x\n")
              .run(
                  "--retry-backoff",
                  "1ms",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/start"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(3, server.getRequestCount(), "a GET is retried as io");
    }
    assertEquals(3, onlyRecord(log).get("attempts").asInt());
  }

  @Test
  void bodyIsNotSentToAnotherOriginOn307() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer target = Servers.ok()) {
      String crossOrigin = Servers.url(target, "/landed").replace("127.0.0.1", "localhost");
      try (MockWebServer origin = redirecting(307, crossOrigin)) {
        Result r = post(origin, log);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, origin.getRequestCount());
      }
      assertEquals(0, target.getRequestCount(), "the body, token included, crossed origins");
    }
    JsonNode record = onlyRecord(log);
    assertFalse(record.get("ok").asBoolean());
    assertEquals(307, record.get("status").asInt());
    assertEquals(
        "redirect: not following 307 to another origin with a request body"
            + " (--location-trusted allows it)",
        record.get("error").asText());
  }

  @Test
  void bodyIsNotSentToAnotherOriginOn308() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer target = Servers.ok()) {
      String otherPort = "http://127.0.0.1:" + target.getPort() + "/landed";
      try (MockWebServer origin = redirecting(308, otherPort)) {
        Result r = post(origin, log);
        assertEquals(1, r.exitCode(), r.toString());
      }
      assertEquals(0, target.getRequestCount());
    }
    assertEquals(308, onlyRecord(log).get("status").asInt());
  }

  @Test
  void locationTrustedSendsTheBodyToAnotherOrigin() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer target = Servers.ok()) {
      String crossOrigin = Servers.url(target, "/landed").replace("127.0.0.1", "localhost");
      try (MockWebServer origin = redirecting(307, crossOrigin)) {
        Result r = post(origin, log, "--location-trusted");
        assertEquals(0, r.exitCode(), r.toString());
      }
      RecordedRequest landed = target.takeRequest();
      assertEquals("POST", landed.getMethod());
      assertTrue(landed.getBody().utf8().contains("tok-secret-42"));
    }
    assertTrue(onlyRecord(log).get("ok").asBoolean());
  }

  @Test
  void sameOrigin307KeepsMethodAndBody() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().equals("/start")) {
                  return new MockResponse.Builder()
                      .code(307)
                      .setHeader("Location", "/landed")
                      .build();
                }
                return new MockResponse.Builder().body("ok").build();
              }
            })) {
      Result r = post(server, log);
      assertEquals(0, r.exitCode(), r.toString());
      server.takeRequest();
      RecordedRequest landed = server.takeRequest();
      assertEquals("/landed", landed.getTarget());
      assertEquals("POST", landed.getMethod());
      assertTrue(landed.getBody().utf8().contains("\"item\":\"x\""));
    }
  }

  @Test
  void crossOrigin303AfterPostIsFollowedAsAGetWithoutTheBody() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer target = Servers.ok()) {
      String crossOrigin = Servers.url(target, "/landed").replace("127.0.0.1", "localhost");
      try (MockWebServer origin = redirecting(303, crossOrigin)) {
        Result r = post(origin, log);
        assertEquals(0, r.exitCode(), r.toString());
      }
      RecordedRequest landed = target.takeRequest();
      assertEquals("GET", landed.getMethod());
      assertEquals(0, landed.getBodySize());
    }
  }
}
