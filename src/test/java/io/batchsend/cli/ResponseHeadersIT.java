package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Servers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --response-headers}: the final response's headers in each {@code --responses} line. */
class ResponseHeadersIT {
  @TempDir Path dir;

  /** Answers a POST as an API creating a resource does. */
  private static MockWebServer creating() {
    return Servers.start(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(201)
                .setHeader("Content-Type", "application/json")
                .setHeader("Location", "/users/7")
                .setHeader("X-Request-Id", "abc")
                .setHeader("X-RateLimit-Remaining", "9")
                .body("{\"id\":7}")
                .build();
          }
        });
  }

  private Result post(MockWebServer server, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-q",
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"name\":\"{data}\"}",
                "-o",
                dir.resolve("log").toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("-u", Servers.url(server, "/users"), "-"));
    return cli().stdin("ann\n").run(args.toArray(String[]::new));
  }

  /** One item "x" from standard input, its --responses line on stdout with these headers. */
  private Result oneItemToStdout(String url, String headers) {
    return cli()
        .stdin("x\n")
        .run(
            "-q",
            "-o",
            dir.resolve("log").toString(),
            "--responses",
            "-",
            "--response-headers=" + headers,
            "-u",
            url,
            "-");
  }

  @Test
  void postKeepsLocationAndRequestIdInTheResponsesLine() throws Exception {
    Result r;
    try (MockWebServer server = creating()) {
      r = post(server, "--responses", "-", "--response-headers", "location,X-REQUEST-ID");
      assertEquals("POST", server.takeRequest().getMethod());
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "{\"index\":1,\"item\":\"ann\",\"status\":201,"
            + "\"headers\":{\"location\":\"/users/7\",\"x-request-id\":\"abc\"},"
            + "\"body\":{\"id\":7}}\n",
        r.out());
  }

  @Test
  void headersGoToAResponsesFileToo() throws Exception {
    Path responses = dir.resolve("responses.jsonl");
    Result r;
    try (MockWebServer server = creating()) {
      r = post(server, "--responses", responses.toString(), "--response-headers=Location");
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "{\"index\":1,\"item\":\"ann\",\"status\":201,"
            + "\"headers\":{\"location\":\"/users/7\"},\"body\":{\"id\":7}}\n",
        Files.readString(responses, StandardCharsets.UTF_8));
  }

  @Test
  void theConfigFileCanAskForHeaders() throws Exception {
    Path config = dir.resolve("batchsend.properties");
    Files.writeString(config, "responses=-\nresponse-headers=X-Request-Id,Location\n");
    Result r;
    try (MockWebServer server = creating()) {
      r = post(server, "--config", config.toString());
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "{\"index\":1,\"item\":\"ann\",\"status\":201,"
            + "\"headers\":{\"location\":\"/users/7\",\"x-request-id\":\"abc\"},"
            + "\"body\":{\"id\":7}}\n",
        r.out());
  }

  @Test
  void withoutTheOptionALineHasNoHeaders() throws Exception {
    Result r;
    try (MockWebServer server = creating()) {
      r = post(server, "--responses", "-");
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("{\"index\":1,\"item\":\"ann\",\"status\":201,\"body\":{\"id\":7}}\n", r.out());
  }

  @Test
  void starKeepsEveryHeaderAndMasksSetCookieAndEscapesControlCharacters() throws Exception {
    Result r;
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Set-Cookie", "session=s3cr3t-one; HttpOnly")
                    .addHeader("Set-Cookie", "csrf=s3cr3t-two")
                    .addHeader("Vary", "Accept")
                    .addHeader("Vary", "Origin")
                    .addHeaderLenient("X-Odd", "a\u0007b\"c")
                    .body("ok")
                    .build();
              }
            })) {
      r = oneItemToStdout(Servers.url(server, "/{data}"), "*");
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.out().contains("s3cr3t"), r.out());
    // In the response's order: the server sends Content-Length, set with the body, last.
    assertEquals(
        "{\"index\":1,\"item\":\"x\",\"status\":200,\"headers\":{\"set-cookie\":\"***\","
            + "\"vary\":\"Accept, Origin\",\"x-odd\":\"a\\u0007b\\\"c\",\"content-length\":\"2\"},"
            + "\"body\":\"ok\"}\n",
        r.out());
  }

  @Test
  void aRedirectChainKeepsTheFinalResponsesHeaders() throws Exception {
    Result r;
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                MockResponse.Builder answer = new MockResponse.Builder();
                return switch (path) {
                  case "/start" ->
                      answer
                          .code(302)
                          .setHeader("Location", "/middle")
                          .setHeader("X-Request-Id", "hop-1")
                          .build();
                  case "/middle" ->
                      answer
                          .code(307)
                          .setHeader("Location", "/end")
                          .setHeader("X-Request-Id", "hop-2")
                          .build();
                  default ->
                      answer.code(200).setHeader("X-Request-Id", "final").body("done").build();
                };
              }
            })) {
      r = oneItemToStdout(Servers.url(server, "/start"), "Location,X-Request-Id");
      assertEquals(3, server.getRequestCount());
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "{\"index\":1,\"item\":\"x\",\"status\":200,\"headers\":{\"x-request-id\":\"final\"},"
            + "\"body\":\"done\"}\n",
        r.out());
  }

  @Test
  void aRedirectNotFollowedKeepsItsOwnLocation() throws Exception {
    Result r;
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                    .code(307)
                    .setHeader("Location", "http://localhost:1/elsewhere")
                    .build();
              }
            })) {
      r = post(server, "--responses", "-", "--response-headers=Location");
      assertEquals(1, server.getRequestCount(), "the body was not carried to another origin");
    }
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .startsWith(
                "{\"index\":1,\"item\":\"ann\",\"status\":307,"
                    + "\"headers\":{\"location\":\"http://localhost:1/elsewhere\"},"),
        r.out());
  }

  @Test
  void headersPastTheCapAreLeftOutAndSaidSo() throws Exception {
    String big = "v".repeat(5000);
    Result r;
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                MockResponse.Builder answer = new MockResponse.Builder().code(200);
                for (int i = 0; i < 10; i++) {
                  answer.addHeader("X-Big-" + i, big);
                }
                return answer.build();
              }
            })) {
      r = oneItemToStdout(Servers.url(server, "/{data}"), "*");
    }
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode line = new ObjectMapper().readTree(r.out());
    // 32 KiB hold Content-Length: 0 (the server's, first) and six of the 5,006-character headers
    // (name and value), not seven.
    List<String> kept = new ArrayList<>();
    line.get("headers").fieldNames().forEachRemaining(kept::add);
    assertEquals(
        List.of("content-length", "x-big-0", "x-big-1", "x-big-2", "x-big-3", "x-big-4", "x-big-5"),
        kept);
    assertTrue(line.get("headers_truncated").asBoolean(), r.out());
  }

  @Test
  void noResponseGivesNullHeaders() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Result r = oneItemToStdout("http://127.0.0.1:" + port + "/{data}", "Location");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .startsWith(
                "{\"index\":1,\"item\":\"x\",\"status\":null,\"headers\":null,"
                    + "\"body\":null,\"error\":"),
        r.out());
  }

  @Test
  void responseHeadersWithoutResponsesIsAUsageError() throws Exception {
    Path log = dir.resolve("log");
    Result r;
    try (MockWebServer server = creating()) {
      r = post(server, "--response-headers=Location");
      assertEquals(0, server.getRequestCount(), "nothing sent");
    }
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "batchsend: --response-headers adds to --responses: give --responses too",
        r.err().lines().findFirst().orElse(""));
    assertTrue(r.err().lines().count() <= 2, r.err());
    assertFalse(Files.exists(log), "no log written");
  }

  @Test
  void starWithNamesOrABadNameIsAUsageError() throws Exception {
    try (MockWebServer server = creating()) {
      Result star = post(server, "--responses", "-", "--response-headers=*,Location");
      Result bad = post(server, "--responses", "-", "--response-headers=X Request Id");
      Result empty = post(server, "--responses", "-", "--response-headers=");
      assertEquals(0, server.getRequestCount(), "nothing sent");
      assertEquals(2, star.exitCode(), star.toString());
      assertTrue(star.err().contains("'*' (all) stands alone"), star.toString());
      assertEquals(2, bad.exitCode(), bad.toString());
      assertTrue(
          bad.err().contains("invalid --response-headers: expected header names"), bad.toString());
      assertEquals(2, empty.exitCode(), empty.toString());
    }
  }
}
