package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server receives: every item's value exact, in the right place, nothing leaked. */
class RequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NASTY =
      List.of(
          "a b",
          "x&y=z",
          "what?",
          "a/b",
          "frag#ment",
          "100%",
          "1+1",
          "../../etc/passwd",
          "café",
          "中文",
          "😀",
          "-leading-dash",
          "{index}",
          "${HOME}");

  @TempDir Path dir;

  private List<RecordedRequest> drain(MockWebServer server, int n) throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(server.takeRequest(10, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void awkwardItemsArriveExactAsOnePathSegmentAndOneQueryValue() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir).items(NASTY).to(server, "/users/{data}/x?q={data}&n={index}").run();
      assertEquals(0, r.exitCode(), r.toString());
      List<RecordedRequest> requests = drain(server, NASTY.size());
      for (int i = 0; i < NASTY.size(); i++) {
        RecordedRequest req = requests.get(i);
        String item = NASTY.get(i);
        assertEquals("127.0.0.1", req.getUrl().host());
        assertEquals(server.getPort(), req.getUrl().port());
        assertEquals(List.of("users", item, "x"), req.getUrl().pathSegments(), "path of " + item);
        assertEquals(item, req.getUrl().queryParameter("q"));
        assertEquals(Integer.toString(i + 1), req.getUrl().queryParameter("n"));
        assertEquals(3, req.getUrl().querySize() + 1, "no extra query parameters for " + item);
      }
    }
  }

  @Test
  void jsonBodyIsValidJsonWithTheExactValue() throws Exception {
    List<String> items = List.of("quote\" back\\slash\ttab", "plain", "\u0001ctl", "ünï");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir)
              .items(items)
              .args("-X", "POST", "-d", "{\"name\": \"{data}\", \"n\": {index}}")
              .to(server, "/p")
              .run();
      assertEquals(0, r.exitCode(), r.toString());
      List<RecordedRequest> requests = drain(server, items.size());
      for (int i = 0; i < items.size(); i++) {
        RecordedRequest req = requests.get(i);
        assertTrue(req.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = JSON.readTree(req.getBody().utf8());
        assertEquals(items.get(i), body.get("name").asText());
        assertEquals(i + 1, body.get("n").asInt());
      }
    }
  }

  @Test
  void formBodyIsFormEncodedWithTheExactValue() throws Exception {
    List<String> items = List.of("a b&c=d+e", "é%");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir)
              .items(items)
              .args("-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded")
              .args("-d", "name={data}&n={index}")
              .to(server, "/f")
              .run();
      assertEquals(0, r.exitCode(), r.toString());
      List<RecordedRequest> requests = drain(server, items.size());
      for (int i = 0; i < items.size(); i++) {
        String body = requests.get(i).getBody().utf8();
        String[] pairs = body.split("&");
        assertEquals(2, pairs.length, body);
        assertEquals(
            items.get(i), URLDecoder.decode(pairs[0].substring(5), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void headerValueWithACarriageReturnIsRefusedForThatItem() throws Exception {
    SendRun send = SendRun.in(dir).jsonl().stdin("good\nbad\rX-Injected: yes\n");
    Path log = send.log();
    try (MockWebServer server = Servers.ok()) {
      Result r = send.args("-H", "X-Item: {data}").to(server, "/h").run();
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(1, server.getRequestCount());
      assertEquals("good", server.takeRequest().getHeaders().get("X-Item"));
    }
    JsonNode bad =
        Logs.jsonl(log).stream().filter(n -> n.get("index").asInt() == 2).findFirst().orElseThrow();
    assertTrue(bad.get("error").asText().startsWith("invalid: header X-Item"), bad.toString());
  }

  @Test
  void secretsNeverAppearInAnyOutput() throws Exception {
    String secret = "s3cr3t-T0KEN-value";
    String queryKey = "qk-987654321";
    Path data = Logs.dataFile(dir, "items.txt", List.of("a", "b"));
    Path log = dir.resolve("log.jsonl");
    Path textLog = dir.resolve("log.txt");
    List<Result> results = new ArrayList<>();
    try (MockWebServer server = Servers.start(Servers.answer(503, "no"))) {
      String url = Servers.url(server, "/x/{data}?api_key=" + queryKey + "&t=${TOKEN}");
      String[] common = {
        "-H",
        "Authorization: Bearer ${TOKEN}",
        "-H",
        "Cookie: session=" + queryKey,
        "-H",
        "X-Key: ${TOKEN}",
        "--retries",
        "1",
        "--retry-backoff",
        "1ms",
        "-u",
        url
      };
      results.add(
          cli()
              .env("TOKEN", secret)
              .run(
                  concat(
                      common,
                      "-v",
                      "--log-format",
                      "jsonl",
                      "-o",
                      log.toString(),
                      data.toString())));
      results.add(
          cli()
              .env("TOKEN", secret)
              .run(concat(common, "-o", textLog.toString(), data.toString())));
      results.add(
          cli().env("TOKEN", secret).run(concat(common, "-v", "--dry-run", data.toString())));
      results.add(cli().env("TOKEN", secret).run(concat(common, "-X", "FETCH", data.toString())));
      RecordedRequest first = server.takeRequest();
      assertEquals(
          "Bearer " + secret, first.getHeaders().get("Authorization"), "the secret is sent");
    }
    assertTrue(results.get(2).out().contains("Authorization: ***"), results.get(2).out());
    assertTrue(
        results.get(0).err().contains("#1 attempt 1: GET "),
        "-v logs each request: " + results.get(0).err());
    assertTrue(results.get(0).err().contains("retrying in"), results.get(0).err());
    assertTrue(results.get(2).out().contains("X-Key: ***"), results.get(2).out());
    List<String> outputs = new ArrayList<>();
    for (Result r : results) {
      outputs.add(r.out());
      outputs.add(r.err());
    }
    outputs.add(Files.readString(log));
    outputs.add(Files.readString(textLog));
    for (String output : outputs) {
      assertFalse(output.contains(secret), "secret leaked into: " + output);
      assertFalse(output.contains(queryKey), "redacted query value leaked into: " + output);
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @Test
  void dryRunPrintsRequestsAndSendsNothing() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a b", "c"));
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "--dry-run",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/u/{data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          "GET " + Servers.url(server, "/u/a%20b") + "\nGET " + Servers.url(server, "/u/c") + "\n",
          r.out().replace("\r\n", "\n"));
      assertEquals(0, server.getRequestCount());
    }
    assertFalse(Files.exists(log), "a dry run writes no log");
  }

  /** Answers with a JSON, a text or a binary body depending on the item. */
  static final class MixedBodies extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String item = request.getUrl().pathSegments().get(0);
      int n = Integer.parseInt(item.substring(4));
      return switch (n % 3) {
        case 0 ->
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\": " + n + ",\n \"nested\": {\"a\": [1, 2]}}")
                .build();
        case 1 ->
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/plain")
                .body("line one " + n + "\nline \"two\"")
                .build();
        default ->
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(new byte[] {0, (byte) 0xFF, (byte) n, 10}))
                .build();
      };
    }
  }

  private static void checkResponses(String text, int n) throws Exception {
    String[] lines = text.split("\n");
    assertEquals(n, lines.length);
    Map<Integer, JsonNode> byIndex = new ConcurrentHashMap<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      assertNull(byIndex.put(node.get("index").asInt(), node), "one line per item");
    }
    for (int i = 1; i <= n; i++) {
      JsonNode node = byIndex.get(i);
      assertEquals("item" + i, node.get("item").asText());
      assertEquals(200, node.get("status").asInt());
      switch (i % 3) {
        case 0 -> assertEquals(i, node.get("body").get("id").asInt(), node.toString());
        case 1 -> assertEquals("line one " + i + "\nline \"two\"", node.get("body").asText());
        default -> {
          assertEquals("base64", node.get("encoding").asText());
          assertEquals(4, java.util.Base64.getDecoder().decode(node.get("body").asText()).length);
        }
      }
    }
  }

  @Test
  void responsesToAFileAndToStdoutAreOneJsonLinePerItem() throws Exception {
    int n = 300;
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(n));
    Path responses = dir.resolve("responses.jsonl");
    try (MockWebServer server = Servers.start(new MixedBodies())) {
      Result toFile =
          cli()
              .run(
                  "-c",
                  "16",
                  "-o",
                  dir.resolve("log1").toString(),
                  "--responses",
                  responses.toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(0, toFile.exitCode(), toFile.toString());
      Result toStdout =
          cli()
              .run(
                  "-c",
                  "16",
                  "-o",
                  dir.resolve("log2").toString(),
                  "--responses",
                  "-",
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(0, toStdout.exitCode(), toStdout.err());
      checkResponses(toStdout.out(), n);
    }
    checkResponses(Files.readString(responses), n);
  }

  @Test
  void saveBodiesWritesOneFilePerItemAndRefusesAnEscapingPath() throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.start(Servers.answer(200, "{\"ok\":true}"))) {
      Result r =
          cli()
              .stdin("a\nb\n../../etc/x\n")
              .run(
                  "-c",
                  "2",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "--save-bodies",
                  out + "/{data}.json",
                  "-u",
                  Servers.url(server, "/{index}"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(2, server.getRequestCount(), "the escaping item is not sent");
    }
    assertEquals("{\"ok\":true}", Files.readString(out.resolve("a.json")));
    assertEquals("{\"ok\":true}", Files.readString(out.resolve("b.json")));
    try (var files = Files.list(out)) {
      assertEquals(2, files.count());
    }
    assertFalse(Files.exists(dir.getParent().resolve("etc")));
    JsonNode refused =
        Logs.jsonl(log).stream().filter(x -> x.get("index").asInt() == 3).findFirst().orElseThrow();
    assertTrue(refused.get("error").asText().contains("escapes"), refused.toString());
  }

  @Test
  void crossOriginRedirectCarriesNoCredentialsOrCustomHeaders() throws Exception {
    try (MockWebServer target = Servers.ok()) {
      String location = Servers.url(target, "/landed");
      // localhost and 127.0.0.1 are different origins (different host names).
      String crossOrigin = location.replace("127.0.0.1", "localhost");
      try (MockWebServer origin =
          Servers.start(
              new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                  return new MockResponse.Builder()
                      .code(302)
                      .setHeader("Location", crossOrigin)
                      .build();
                }
              })) {
        Result r =
            cli()
                .env("TOKEN", "tok-123456")
                .stdin("x\n")
                .run(
                    "-o",
                    dir.resolve("log").toString(),
                    "-H",
                    "Authorization: Bearer ${TOKEN}",
                    "-H",
                    "X-Custom: {data}",
                    "-H",
                    "Cookie: c=1",
                    "-u",
                    Servers.url(origin, "/start/{data}"),
                    "-");
        assertEquals(0, r.exitCode(), r.toString());
        RecordedRequest first = origin.takeRequest();
        assertEquals("Bearer tok-123456", first.getHeaders().get("Authorization"));
        RecordedRequest second = target.takeRequest(10, TimeUnit.SECONDS);
        assertEquals("/landed", second.getUrl().encodedPath());
        assertNull(second.getHeaders().get("Authorization"));
        assertNull(second.getHeaders().get("X-Custom"));
        assertNull(second.getHeaders().get("Cookie"));
      }
    }
  }

  @Test
  void sameOriginRedirectKeepsHeadersAndPostBecomesGetAfter303() throws Exception {
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/start")) {
                  return new MockResponse.Builder()
                      .code(303)
                      .setHeader("Location", "/next")
                      .build();
                }
                return new MockResponse.Builder().code(200).build();
              }
            })) {
      Result r =
          cli()
              .stdin("x\n")
              .run(
                  "-o",
                  dir.resolve("log").toString(),
                  "-X",
                  "POST",
                  "-d",
                  "body",
                  "-H",
                  "X-Custom: {data}",
                  "-u",
                  Servers.url(server, "/start"),
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals("POST", server.takeRequest().getMethod());
      RecordedRequest next = server.takeRequest();
      assertEquals("GET", next.getMethod());
      assertEquals("x", next.getHeaders().get("X-Custom"));
    }
  }
}
