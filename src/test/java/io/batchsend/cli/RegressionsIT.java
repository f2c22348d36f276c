package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for bugs found while documenting the tool, one per bug, named after it. */
class RegressionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RecordedRequest sendOne(MockWebServer server, String stdin, String... args)
      throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("-o", dir.resolve("log-" + System.nanoTime()).toString(), "-"));
    Result r = cli().stdin(stdin).run(all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    return server.takeRequest();
  }

  @Test
  void nestedJsonBodyEndingInTwoBracesIsSentWhole() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      RecordedRequest req =
          sendOne(
              server,
              "jo\n",
              "-X",
              "POST",
              "-d",
              "{\"user\": {\"name\": \"{data}\"}}",
              "-u",
              Servers.url(server, "/u"));
      JsonNode body = JSON.readTree(req.getBody().utf8());
      assertEquals("jo", body.get("user").get("name").asText());
    }
  }

  @Test
  void jsonLinesItemAsTheWholeBodyIsSentAsJsonNotAsAString() throws Exception {
    Path data = dir.resolve("items.jsonl");
    Files.writeString(data, "{\"id\":17,\"tags\":[\"a\",\"b\"],\"user\":{\"n\":\"x\"}}\n");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "-X",
                  "POST",
                  "-d",
                  "{data}",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/j"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest req = server.takeRequest();
      assertTrue(req.getHeaders().get("Content-Type").startsWith("application/json"));
      assertEquals(17, JSON.readTree(req.getBody().utf8()).get("id").asInt());
      Result nested =
          cli()
              .run(
                  "-X",
                  "POST",
                  "-d",
                  "{\"t\": {tags}, \"u\": {user}}",
                  "-o",
                  dir.resolve("log2").toString(),
                  "-u",
                  Servers.url(server, "/j"),
                  data.toString());
      assertEquals(0, nested.exitCode(), nested.toString());
      JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
      assertEquals("b", body.get("t").get(1).asText());
      assertEquals("x", body.get("u").get("n").asText());
    }
  }

  @Test
  void linesItemAsTheWholeBodyIsPlainTextNotJson() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      RecordedRequest req =
          sendOne(server, "a\n", "-X", "POST", "-d", "{data}", "-u", Servers.url(server, "/t"));
      assertTrue(
          req.getHeaders().get("Content-Type").startsWith("text/plain"),
          req.getHeaders().toString());
      assertEquals("a", req.getBody().utf8());
    }
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      String url = Servers.url(server, "/b/{data}").replace("http://", "http://alice:pa55w0rd@");
      Result r =
          cli().stdin("x\n").run("--log-format", "jsonl", "-o", log.toString(), "-u", url, "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          okhttp3.Credentials.basic("alice", "pa55w0rd"),
          server.takeRequest().getHeaders().get("Authorization"));
      assertFalse(r.err().contains("pa55w0rd"), r.err());
    }
    String logged = Files.readString(log);
    assertFalse(logged.contains("pa55w0rd"), logged);
    assertTrue(logged.contains("alice:***@"), logged);
  }

  @Test
  void queryValuesNamedByRedactNeverReachTheReports() throws Exception {
    Path summary = dir.resolve("s.json");
    Path html = dir.resolve("r.html");
    Path junit = dir.resolve("j.xml");
    try (MockWebServer server = Servers.start(Servers.answer(500, "no"))) {
      Result r =
          cli()
              .stdin("x\n")
              .run(
                  "--retries",
                  "0",
                  "--redact",
                  "session",
                  "--summary",
                  summary.toString(),
                  "--html",
                  html.toString(),
                  "--junit",
                  junit.toString(),
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/r/{data}?session=LEAKME123"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
      assertFalse(r.err().contains("LEAKME123"), r.err());
    }
    for (Path p : List.of(summary, html, junit, dir.resolve("log"))) {
      String text = Files.readString(p);
      assertFalse(text.contains("LEAKME123"), p + ": " + text);
    }
  }

  @Test
  void verboseOnTheCommandLineWinsOverQuietFromTheConfigFile() throws Exception {
    Path config = dir.resolve("c.properties");
    Files.writeString(config, "quiet=true\n");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .stdin("x\n")
              .run(
                  "--config",
                  config.toString(),
                  "-v",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("attempt 1"), "verbose output: " + r.err());
    }
  }

  @Test
  void anErrorInsideTheRunExitsSeventyNotOne() {
    Map<String, String> brokenEnv =
        new AbstractMap<>() {
          @Override
          public String get(Object key) {
            throw new AssertionError("environment unavailable");
          }

          @Override
          public Set<Entry<String, String>> entrySet() {
            return Set.of();
          }
        };
    Result r =
        cli()
            .envMap(brokenEnv)
            .stdin("x\n")
            .run(
                "-o",
                dir.resolve("log").toString(),
                "-u",
                "http://127.0.0.1:9/${HOME}/{data}",
                "-");
    assertEquals(70, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: internal error: "), r.err());
  }

  @Test
  void oneItemIsSummarisedAsOneItem() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .stdin("x\n")
              .run("-o", dir.resolve("log").toString(), "-u", Servers.url(server, "/{data}"), "-");
      assertTrue(r.err().contains("batchsend: 1 item: 1 ok"), r.err());
    }
  }

  @Test
  void aHeaderValueRefusedBeforeSendingIsNotCountedAsAnAttempt() throws Exception {
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .stdin("café\n")
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-H",
                  "X-Name: {data}",
                  "-u",
                  Servers.url(server, "/n"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(0, server.getRequestCount(), "nothing was sent");
    }
    JsonNode rec = Logs.jsonl(log).get(0);
    assertTrue(rec.get("error").asText().startsWith("invalid: "), rec.toString());
    assertEquals(0, rec.get("attempts").asInt(), rec.toString());
  }
}
