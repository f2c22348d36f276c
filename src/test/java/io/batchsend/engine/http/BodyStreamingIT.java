package io.batchsend.engine.http;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies larger than the in-memory spool reach --responses and --save-bodies whole, and no spool
 * file is left behind.
 */
class BodyStreamingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LARGE = 3 * BodySpool.IN_MEMORY_LIMIT + 17;

  @TempDir Path dir;

  private static byte[] text(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i % 80 == 79 ? '\n' : 'a' + i % 26);
    }
    return b;
  }

  private static MockWebServer serving(String type, byte[] body) {
    return Servers.start(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .setHeader("Content-Type", type)
                .body(new Buffer().write(body))
                .build();
          }
        });
  }

  private Result run(MockWebServer server, String... capture) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-c", "4", "-o", dir.resolve("log").toString(), "-u", Servers.url(server, "/")));
    args.addAll(List.of(capture));
    args.add("-");
    return cli().stdin("1\n2\n3\n4\n5\n").run(args.toArray(String[]::new));
  }

  private void assertNoSpoolLeft(Path directory) throws Exception {
    try (var files = Files.list(directory)) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().endsWith(".part")),
          "a spool file was left in " + directory);
    }
  }

  @Test
  void largeTextBodiesReachResponsesAndSavedFilesWhole() throws Exception {
    byte[] body = text(LARGE);
    Path responses = dir.resolve("responses.jsonl");
    Path out = dir.resolve("out");
    try (MockWebServer server = serving("text/plain", body)) {
      Result r = run(server, "--responses", responses.toString(), "--save-bodies", out + "/{data}");
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<String> lines = Files.readAllLines(responses);
    assertEquals(5, lines.size());
    for (String line : lines) {
      assertEquals(
          new String(body, StandardCharsets.UTF_8), JSON.readTree(line).get("body").asText());
    }
    for (int i = 1; i <= 5; i++) {
      assertArrayEquals(body, Files.readAllBytes(out.resolve(Integer.toString(i))));
    }
    assertNoSpoolLeft(out);
    assertNoSpoolLeft(dir);
  }

  @Test
  void largeJsonBodyIsEmbeddedAsJsonOnOneLine() throws Exception {
    String value = new String(text(LARGE), StandardCharsets.US_ASCII).replace('\n', ' ');
    byte[] body =
        ("{\n  \"s\": \"" + value + "\",\n  \"n\": [1, 2]\n}\n").getBytes(StandardCharsets.UTF_8);
    Path responses = dir.resolve("responses.jsonl");
    try (MockWebServer server = serving("application/json", body)) {
      Result r = run(server, "--responses", responses.toString());
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<String> lines = Files.readAllLines(responses);
    assertEquals(5, lines.size());
    JsonNode first = JSON.readTree(lines.get(0)).get("body");
    assertEquals(value, first.get("s").asText());
    assertEquals(2, first.get("n").get(1).asInt());
    assertNoSpoolLeft(dir);
  }

  @Test
  void largeBinaryBodyIsBase64InPieces() throws Exception {
    byte[] body = new byte[LARGE];
    Arrays.fill(body, (byte) 0);
    body[LARGE - 1] = (byte) 0xFF;
    Path responses = dir.resolve("responses.jsonl");
    try (MockWebServer server = serving("application/octet-stream", body)) {
      Result r = run(server, "--responses", responses.toString());
      assertEquals(0, r.exitCode(), r.toString());
    }
    JsonNode line = JSON.readTree(Files.readAllLines(responses).get(0));
    assertEquals("base64", line.get("encoding").asText());
    assertArrayEquals(body, Base64.getDecoder().decode(line.get("body").asText()));
  }

  /**
   * Found by an attack: a body cut at --max-body was saved under the item's own name, where nothing
   * told it from a whole one (32 files of 10 MiB for items that failed too-large).
   */
  @Test
  void bodyCutAtMaxBodyIsNotSavedButShownTruncatedInResponses() throws Exception {
    byte[] body = text(LARGE);
    Path out = dir.resolve("out");
    Path responses = dir.resolve("responses.jsonl");
    try (MockWebServer server = serving("text/plain", body)) {
      Result r =
          run(
              server,
              "--max-body",
              "100000",
              "--responses",
              responses.toString(),
              "--save-bodies",
              out + "/{data}");
      assertEquals(1, r.exitCode(), r.toString());
    }
    assertFalse(Files.exists(out.resolve("1")), "a part of a body saved as the item's file");
    JsonNode line = JSON.readTree(Files.readAllLines(responses).get(0));
    assertTrue(line.get("truncated").asBoolean());
    assertEquals(100000, line.get("body").asText().length());
    assertNoSpoolLeft(out);
  }

  @Test
  void bodyCutAtMaxBodyLeavesNoFileWithoutResponsesEither() throws Exception {
    Path out = dir.resolve("out");
    try (MockWebServer server = serving("text/plain", text(LARGE))) {
      Result r = run(server, "--max-body", "100000", "--save-bodies", out + "/{data}");
      assertEquals(1, r.exitCode(), r.toString());
    }
    assertFalse(Files.exists(out.resolve("1")), "a part of a body saved as the item's file");
    assertNoSpoolLeft(out);
  }

  @Test
  void aRetriedAttemptsBodyIsDroppedAndTheFinalOneKept() throws Exception {
    byte[] first = text(LARGE);
    Arrays.fill(first, (byte) 'z');
    byte[] last = text(LARGE);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    Path responses = dir.resolve("responses.jsonl");
    try (MockWebServer server =
        Servers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                boolean busy = calls.incrementAndGet() == 1;
                return new MockResponse.Builder()
                    .code(busy ? 503 : 200)
                    .setHeader("Content-Type", "text/plain")
                    .body(new Buffer().write(busy ? first : last))
                    .build();
              }
            })) {
      Result r =
          cli()
              .stdin("1\n")
              .run(
                  "--retry-backoff",
                  "1ms",
                  "-o",
                  dir.resolve("log").toString(),
                  "--responses",
                  responses.toString(),
                  "-u",
                  Servers.url(server, "/"),
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(2, server.getRequestCount());
    }
    JsonNode line = JSON.readTree(Files.readAllLines(responses).get(0));
    assertEquals(new String(last, StandardCharsets.UTF_8), line.get("body").asText());
    assertNoSpoolLeft(dir);
  }
}
