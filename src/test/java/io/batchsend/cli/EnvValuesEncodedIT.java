package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}} values arrive exactly as set, encoded for their place, and are never shown. */
class EnvValuesEncodedIT {
  private static final String TOKEN = "ab+c/de&admin=1#frag";
  private static final String QUOTED = "say \"hi\" \\ bye";
  private static final String PASSWORD = "p@ss:w/rd#1";

  @TempDir Path dir;

  private RecordedRequest take(MockWebServer server) throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  private void assertNoSecretIn(Result r, Path log, String... secrets) throws Exception {
    String all = r.out() + r.err() + Files.readString(log);
    for (String secret : secrets) {
      assertFalse(all.contains(secret), "secret shown: " + all);
    }
  }

  @Test
  void tokenInAQueryArrivesAsOneValueAndAddsNoParameter() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .env("TOKEN", TOKEN)
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/x?t=${TOKEN}&id={data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest req = take(server);
      assertEquals(TOKEN, req.getUrl().queryParameter("t"));
      assertEquals(Set.of("t", "id"), req.getUrl().queryParameterNames());
      assertEquals("a", req.getUrl().queryParameter("id"));
      assertNoSecretIn(r, log, TOKEN, "ab%2Bc%2Fde%26admin");
    }
  }

  @Test
  void quoteAndBackslashInAJsonBodyKeepTheBodyValidJson() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .env("SECRET", QUOTED)
              .run(
                  "-X",
                  "POST",
                  "-d",
                  "{\"s\": \"${SECRET}\", \"id\": \"{data}\"}",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  Servers.url(server, "/x"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      JsonNode body = new ObjectMapper().readTree(take(server).getBody().utf8());
      assertEquals(QUOTED, body.get("s").asText());
      assertEquals("a", body.get("id").asText());
      assertNoSecretIn(r, log, QUOTED, "say \\\"hi\\\"");
    }
  }

  @Test
  void passwordHoldingAtSignInUserinfoIsSentAsBasicAuthentication() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      String url = "http://me:${PASS}@127.0.0.1:" + server.getPort() + "/users/{data}";
      Result r =
          cli()
              .env("PASS", PASSWORD)
              .run("--log-format", "jsonl", "-o", log.toString(), "-u", url, data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest req = take(server);
      assertEquals("/users/a", req.getUrl().encodedPath());
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("me:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertEquals(expected, req.getHeaders().get("Authorization"));
      assertNoSecretIn(r, log, PASSWORD, "p%40ss");
      assertEquals(
          "http://me:***@127.0.0.1:" + server.getPort() + "/users/a",
          Logs.jsonl(log).get(0).get("url").asText());
    }
  }

  @Test
  void baseUrlFromTheEnvironmentStillGivesSchemeHostAndPort() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a b"));
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .env("BASE", Servers.url(server, "/v1"))
              .run(
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  "${BASE}/users/{data}",
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals("/v1/users/a%20b", take(server).getUrl().encodedPath());
    }
  }
}
