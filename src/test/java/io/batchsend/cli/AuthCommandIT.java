package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth-command}: a token that expires mid-batch is renewed after a 401, once per token,
 * and the refused request is repeated with the new one; the token is never shown.
 */
class AuthCommandIT {
  @TempDir Path dir;

  /**
   * Accepts only the newest token the script has given ({@code secret-token-N}); token N expires
   * after {@code uses} accepted requests (the last one, {@code lastExpiring}, after which tokens
   * never expire) and is then answered 401.
   */
  static final class ExpiringTokens extends Dispatcher {
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    private final int uses;
    private final int lastExpiring;
    private int valid = 1; // guarded by this
    private int used; // guarded by this

    ExpiringTokens(int uses, int lastExpiring) {
      this.uses = uses;
      this.lastExpiring = lastExpiring;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      requests.add(request);
      String expected = "Bearer secret-token-" + valid;
      if (!expected.equals(request.getHeaders().get("Authorization"))) {
        refused.add(request.getUrl().encodedPath());
        return new MockResponse.Builder().code(401).body("expired").build();
      }
      if (++used == uses && valid <= lastExpiring) {
        valid++;
        used = 0;
      }
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  /** A {@code #!/bin/sh} script printing secret-token-1, -2, … from a counter file. */
  private Path tokenScript() throws IOException {
    Path counter = dir.resolve("counter");
    Files.writeString(counter, "0");
    Path script = dir.resolve("get token.sh"); // a blank in the path: quoting is exercised
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "n=$(($(cat \""
            + counter
            + "\") + 1))\n"
            + "echo $n > \""
            + counter
            + "\"\n"
            + "echo \"  secret-token-$n  \"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private int runs() throws IOException {
    return Integer.parseInt(Files.readString(dir.resolve("counter")).strip());
  }

  private static String quoted(Path p) {
    return "'" + p + "'";
  }

  private Result post(MockWebServer server, Path log, int items, String concurrency)
      throws IOException {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(items));
    return cli()
        .run(
            "-v",
            "--log-format",
            "jsonl",
            "-o",
            log.toString(),
            "-c",
            concurrency,
            "-X",
            "POST",
            "-d",
            "{\"id\": \"{data}\"}",
            "-H",
            "Authorization: Bearer ${AUTH}",
            "--auth-command",
            quoted(tokenScript()),
            "-u",
            Servers.url(server, "/items/{data}"),
            data.toString());
  }

  @Test
  void expiredTokenIsRenewedAndTheRefusedPostRepeatedOnce() throws Exception {
    ExpiringTokens tokens = new ExpiringTokens(7, Integer.MAX_VALUE);
    Path log = dir.resolve("run.log");
    try (MockWebServer server = Servers.start(tokens)) {
      Result r = post(server, log, 30, "1");
      assertEquals(0, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      assertEquals(30, records.size());
      for (JsonNode rec : records) {
        assertTrue(rec.get("ok").asBoolean(), rec.toString());
      }
      // 30 items at 7 per token: tokens 1-4 expire, token 5 sends the last two.
      assertEquals(5, runs());
      assertEquals(4, tokens.refused.size(), tokens.refused.toString());
      assertEquals(4, r.err().lines().filter(l -> l.contains("401: repeating")).count(), r.err());
      assertEquals(34, tokens.requests.size());
      Map<String, Integer> sends = new HashMap<>();
      for (RecordedRequest q : tokens.requests) {
        assertEquals("POST", q.getMethod());
        sends.merge(q.getUrl().encodedPath(), 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> e : sends.entrySet()) {
        int expected = tokens.refused.contains(e.getKey()) ? 2 : 1;
        assertEquals(expected, e.getValue(), e.getKey() + " sent " + e.getValue() + " times");
      }
      assertTokenNeverShown(r, log);
    }
  }

  @Test
  void workersSharingAnExpiredTokenRenewItOnce() throws Exception {
    ExpiringTokens tokens = new ExpiringTokens(10, 1); // token 1 expires, token 2 never does
    Path log = dir.resolve("run.log");
    try (MockWebServer server = Servers.start(tokens)) {
      Result r = post(server, log, 60, "4");
      assertEquals(0, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      assertEquals(60, records.size());
      records.forEach(rec -> assertTrue(rec.get("ok").asBoolean(), rec.toString()));
      assertEquals(2, runs());
      assertEquals(60 + tokens.refused.size(), tokens.requests.size());
      assertFalse(tokens.refused.isEmpty());
      assertTokenNeverShown(r, log);
    }
  }

  @Test
  void repeatAfter401DoesNotCountAgainstRetries() throws Exception {
    ExpiringTokens tokens = new ExpiringTokens(1, Integer.MAX_VALUE);
    Path log = dir.resolve("run.log");
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(3));
    try (MockWebServer server = Servers.start(tokens)) {
      Result r =
          cli()
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-c",
                  "1",
                  "--retries",
                  "0",
                  "-u",
                  Servers.url(server, "/items/{data}?t=${AUTH}"),
                  "-H",
                  "Authorization: Bearer ${AUTH}",
                  "--auth-command",
                  quoted(tokenScript()),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      records.forEach(rec -> assertTrue(rec.get("ok").asBoolean(), rec.toString()));
      assertEquals(3, runs());
      assertTrue(records.get(1).get("url").asText().endsWith("?t=***"), records.toString());
      assertTokenNeverShown(r, log);
    }
  }

  @Test
  void tokenOlderThanAuthTtlIsRenewedBeforeUseOnTheRunsClock() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    Path log = dir.resolve("run.log");
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(7));
    try (FakeClock clock = FakeClock.manual();
        MockWebServer server =
            Servers.start(
                new Dispatcher() {
                  @Override
                  public MockResponse dispatch(RecordedRequest request) {
                    sent.add(request.getHeaders().get("Authorization"));
                    clock.advance(TimeUnit.MINUTES.toNanos(20)); // each request takes 20 min
                    return new MockResponse.Builder().code(200).body("ok").build();
                  }
                })) {
      Result r =
          cli()
              .clock(clock)
              .run(
                  "-o",
                  log.toString(),
                  "-c",
                  "1",
                  "-H",
                  "Authorization: Bearer ${AUTH}",
                  "--auth-command",
                  quoted(tokenScript()),
                  "--auth-ttl",
                  "50m",
                  "-u",
                  Servers.url(server, "/items/{data}"),
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      // Ages at use: 0, 20, 40, then 60 >= 50: renewed; and again at the 7th item.
      List<String> expected = new ArrayList<>();
      for (int token : new int[] {1, 1, 1, 2, 2, 2, 3}) {
        expected.add("Bearer secret-token-" + token);
      }
      assertEquals(expected, sent);
      assertEquals(3, runs());
      assertTokenNeverShown(r, log);
    }
  }

  @Test
  void commandFailingBeforeAnythingIsSentIsExit2NamingItsStatus() throws Exception {
    try (MockWebServer server = Servers.start(new ExpiringTokens(5, 0))) {
      Result r =
          cli()
              .stdin("a\n")
              .run(
                  "-o",
                  dir.resolve("run.log").toString(),
                  "-H",
                  "Authorization: Bearer ${AUTH}",
                  "--auth-command",
                  "sh -c 'echo secret-token-x; exit 7'",
                  "-u",
                  Servers.url(server, "/items/{data}"),
                  "-");
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals(
          "batchsend: --auth-command 'sh' failed: exit status 7; nothing sent",
          r.err().lines().filter(l -> l.startsWith("batchsend:")).findFirst().orElse(""),
          r.toString());
      assertEquals(0, server.getRequestCount());
      assertFalse(r.err().contains("secret-token"), r.err());
    }
  }

  @Test
  void commandFailingMidRunStopsItWithExit3AndRecordsTheItem() throws Exception {
    Path counter = dir.resolve("counter");
    Files.writeString(counter, "0");
    String command =
        "sh -c 'n=$(($(cat \"$0\") + 1)); echo $n > \"$0\"; [ $n -eq 1 ] || exit 4;"
            + " echo secret-token-$n' "
            + quoted(counter);
    Path log = dir.resolve("run.log");
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(5));
    try (MockWebServer server = Servers.start(new ExpiringTokens(2, Integer.MAX_VALUE))) {
      Result r =
          cli()
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-c",
                  "1",
                  "-H",
                  "Authorization: Bearer ${AUTH}",
                  "--auth-command",
                  command,
                  "-u",
                  Servers.url(server, "/items/{data}"),
                  data.toString());
      assertEquals(3, r.exitCode(), r.toString());
      assertTrue(
          r.err().contains("batchsend: --auth-command 'sh' failed: exit status 4"), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      assertEquals(3, records.size(), records.toString());
      assertTrue(records.get(0).get("ok").asBoolean());
      assertTrue(records.get(1).get("ok").asBoolean());
      JsonNode third = records.get(2);
      assertFalse(third.get("ok").asBoolean());
      assertEquals(401, third.get("status").asInt(), third.toString());
      assertEquals(
          "auth: --auth-command 'sh' failed: exit status 4",
          third.get("error").asText(),
          "the record says what the console says");
      assertEquals(3, server.getRequestCount());
      assertFalse(r.err().contains("secret-token"), r.err());
    }
  }

  @Test
  void authWithoutAuthCommandIsRefused() {
    Result r = cli().stdin("a\n").run("-H", "X-T: ${AUTH}", "-u", "http://127.0.0.1:9/{data}", "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("${AUTH} needs --auth-command"), r.err());
  }

  @Test
  void authCommandWithoutAuthIsRefused() {
    Result r =
        cli()
            .stdin("a\n")
            .run("--auth-command", "echo x", "-u", "http://127.0.0.1:9/{data}", "--dry-run", "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no -u, -H or -d uses its token"), r.err());
  }

  @Test
  void authTtlWithoutAuthCommandIsRefused() {
    Result r = cli().stdin("a\n").run("--auth-ttl", "50m", "-u", "http://127.0.0.1:9/{data}", "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--auth-ttl needs --auth-command"), r.err());
  }

  @Test
  void unclosedQuoteInAuthCommandIsRefused() {
    Result r =
        cli()
            .stdin("a\n")
            .run("-H", "A: ${AUTH}", "--auth-command", "get 'x", "-u", "http://127.0.0.1:9/a", "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("invalid --auth-command: unclosed ' quote"), r.err());
  }

  @Test
  void dryRunShowsTheTokenMaskedAndRunsNoCommand() throws Exception {
    Path marker = dir.resolve("ran");
    Result r =
        cli()
            .stdin("a\n")
            .run(
                "--dry-run",
                "-v",
                "-H",
                "Authorization: Bearer ${AUTH}",
                "--auth-command",
                "touch " + quoted(marker),
                "-u",
                "http://127.0.0.1:9/{data}?access_key=${AUTH}",
                "-");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("http://127.0.0.1:9/a?access_key=***"), r.out());
    assertFalse(Files.exists(marker));
  }

  private static void assertTokenNeverShown(Result r, Path log) throws IOException {
    List<String> places = new ArrayList<>(List.of(r.out(), r.err()));
    places.add(Files.readString(log, StandardCharsets.UTF_8));
    for (String text : places) {
      assertFalse(text.contains("secret-token"), text);
    }
  }
}
