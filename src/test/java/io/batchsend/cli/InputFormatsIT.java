package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSON Lines input end to end: what the server receives, and what is refused up front. */
class InputFormatsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  MockWebServer server;
  Path log;

  @BeforeEach
  void start() {
    server = Servers.ok();
    log = dir.resolve("run.log");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void csvQuotedCommasQuotesAndNewlinesArriveAsOneValueEach() throws Exception {
    Path data =
        write(
            "people.csv",
            "id,name,note\r\n"
                + "1,\"Smith, Jo\",\"say \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "2,plain,\"two\r\nlines\"\r\n");
    Result r = send(data, "/u/{id}?name={name}&note={note}");
    assertEquals(0, r.exitCode(), r.toString());
    List<RecordedRequest> got = received(2);
    assertEquals("/u/1", got.get(0).getUrl().encodedPath());
    assertEquals("Smith, Jo", got.get(0).getUrl().queryParameter("name"));
    assertEquals("say \"hi\"", got.get(0).getUrl().queryParameter("note"));
    assertEquals("plain", got.get(1).getUrl().queryParameter("name"));
    assertEquals("two\r\nlines", got.get(1).getUrl().queryParameter("note"));
    List<JsonNode> records = Logs.jsonl(log);
    assertEquals("1,\"Smith, Jo\",\"say \"\"hi\"\"\"", itemOf(records, 1));
    assertEquals("2,plain,\"two\r\nlines\"", itemOf(records, 2));
  }

  @Test
  void csvDataPlaceholderIsTheRecordAsOneCsvLine() throws Exception {
    Path data = write("rows.csv", "a,b\nx,\"y,z\"\n");
    assertEquals(0, send(data, "/r?row={data}&i={index}").exitCode());
    RecordedRequest got = received(1).get(0);
    assertEquals("x,\"y,z\"", got.getUrl().queryParameter("row"));
    assertEquals("1", got.getUrl().queryParameter("i"));
  }

  @Test
  void postFromCsvArrivesAsValidJsonWithTheExactValue() throws Exception {
    List<String> values = List.of("quote \" here", "back\\slash", "new\nline", "tab\there", "é 😀");
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 0; i < values.size(); i++) {
      csv.append(i + 1).append(",\"").append(values.get(i).replace("\"", "\"\"")).append("\"\n");
    }
    Path data = write("names.csv", csv.toString());
    Result r =
        send(data)
            .args("-X", "POST", "-d", "{\"name\": \"{name}\", \"id\": {id}}")
            .to(server, "/people")
            .run();
    assertEquals(0, r.exitCode(), r.toString());
    List<RecordedRequest> got = received(values.size());
    for (int i = 0; i < values.size(); i++) {
      JsonNode body = JSON.readTree(got.get(i).getBody().utf8());
      assertEquals(values.get(i), body.get("name").asText());
      assertEquals(i + 1, body.get("id").asInt());
      assertTrue(got.get(i).getHeaders().get("Content-Type").startsWith("application/json"));
    }
  }

  @Test
  void jsonlNestedKeysArriveAndAnObjectRendersAsJson() throws Exception {
    Path data =
        write(
            "users.jsonl",
            "{\"id\": 1, \"user\": {\"name\": \"Jo Smith\", \"address\": {\"city\": \"Oslo\"}}}\n"
                + "\n"
                + "{\"id\": 2, \"user\": {\"name\": \"Ann\", \"address\": {\"city\": \"São Paulo\"}}}\n");
    Result r =
        send(data)
            .jsonl()
            .args("-X", "PUT", "-H", "Content-Type: text/plain", "-d", "{user.address}")
            .to(server, "/u/{id}?name={user.name}&city={user.address.city}")
            .run();
    assertEquals(0, r.exitCode(), r.toString());
    List<RecordedRequest> got = received(2);
    assertEquals("/u/1", got.get(0).getUrl().encodedPath());
    assertEquals("Jo Smith", got.get(0).getUrl().queryParameter("name"));
    assertEquals("Oslo", got.get(0).getUrl().queryParameter("city"));
    assertEquals("{\"city\":\"Oslo\"}", got.get(0).getBody().utf8());
    assertEquals("São Paulo", got.get(1).getUrl().queryParameter("city"));
    assertEquals(
        "{\"id\":2,\"user\":{\"name\":\"Ann\",\"address\":{\"city\":\"São Paulo\"}}}",
        itemOf(Logs.jsonl(log), 2));
  }

  @Test
  void ndjsonExtensionIsReadAsJsonLines() throws Exception {
    Path data = write("events.ndjson", "{\"k\": \"v1\"}\n{\"k\": \"v2\"}\n");
    assertEquals(0, send(data, "/e?k={k}").exitCode());
    assertEquals("v2", received(2).get(1).getUrl().queryParameter("k"));
  }

  @Test
  void inputFormatOptionOverridesTheExtension() throws Exception {
    Path csvInTxt = write("table.txt", "k\nv\n");
    Result r =
        cli()
            .run(
                "--input-format=csv",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/x?k={k}"),
                csvInTxt.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("v", received(1).get(0).getUrl().queryParameter("k"));

    Path linesInCsv = write("lines.csv", "k\nv\n");
    r =
        cli()
            .run(
                "--input-format",
                "LINES",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/y?d={data}"),
                linesInCsv.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(3, server.getRequestCount(), "the header line is an item too");
  }

  @Test
  void stdinCsvWithInputFormat() throws Exception {
    Result r =
        SendRun.in(dir)
            .stdin("\uFEFFid,name\r\n1,\"a,b\"\r\n2,\"c\nd\"\r\n")
            .log(log)
            .args("--input-format=csv")
            .to(server, "/s/{id}?n={name}")
            .run();
    assertEquals(0, r.exitCode(), r.toString());
    List<RecordedRequest> got = received(2);
    assertEquals("/s/1", got.get(0).getUrl().encodedPath());
    assertEquals("a,b", got.get(0).getUrl().queryParameter("n"));
    assertEquals("c\nd", got.get(1).getUrl().queryParameter("n"));
  }

  @Test
  void stdinJsonlWithInputFormat() throws Exception {
    Result r =
        SendRun.in(dir)
            .stdin("{\"a\": {\"b\": \"x y\"}}\n\n{\"a\": {\"b\": 2}}\n")
            .log(log)
            .args("--input-format", "jsonl")
            .to(server, "/j?b={a.b}&a={a}")
            .run();
    assertEquals(0, r.exitCode(), r.toString());
    List<RecordedRequest> got = received(2);
    assertEquals("x y", got.get(0).getUrl().queryParameter("b"));
    assertEquals("{\"b\":\"x y\"}", got.get(0).getUrl().queryParameter("a"));
    assertEquals("2", got.get(1).getUrl().queryParameter("b"));
  }

  @Test
  void stdinWithoutInputFormatIsReadAsLines() throws Exception {
    Result r =
        cli()
            .stdin("id,name\n1,x\n")
            .run("-o", log.toString(), "-u", Servers.url(server, "/l?d={data}"), "-");
    assertEquals(0, r.exitCode(), r.toString());
    // Two workers send the two lines concurrently: compare what arrived, not the order.
    assertEquals(
        java.util.Set.of("id,name", "1,x"),
        received(2).stream()
            .map(req -> req.getUrl().queryParameter("d"))
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void laterMalformedCsvRecordOnStdinBecomesThatItemsFailedRecord() throws Exception {
    Result r =
        cli()
            .stdin("id,name\n1,a\n2,b,extra\n3,c\n")
            .run(
                "--input-format=csv",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/s/{id}"),
                "-");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(2, server.getRequestCount());
    JsonNode bad = recordOf(Logs.jsonl(log), 2);
    assertEquals("input: line 3: 3 fields where the header has 2", bad.get("error").asText());
    assertEquals("2,b,extra", bad.get("item").asText());
  }

  @Test
  void laterMalformedJsonLineOnStdinBecomesThatItemsFailedRecord() throws Exception {
    Result r =
        cli()
            .stdin("{\"k\": 1}\n\n[2]\n{\"k\": 3}\n")
            .run(
                "--input-format=jsonl",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                Servers.url(server, "/k/{k}"),
                "-");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(2, server.getRequestCount());
    assertEquals(
        "input: line 3: not a JSON object: an array",
        recordOf(Logs.jsonl(log), 2).get("error").asText());
  }

  @Test
  void malformedFirstRecordOnStdinIsAnInputError() {
    assertRefused(
        cli()
            .stdin("id,name\n1,\"open\n")
            .run("--input-format=csv", "-o", log.toString(), "-u", url("/{id}"), "-"),
        "<stdin>: line 2: malformed quote");
    assertRefused(
        cli()
            .stdin("not json\n{\"k\": 1}\n")
            .run("--input-format=jsonl", "-o", log.toString(), "-u", url("/{k}"), "-"),
        "<stdin>: line 1: invalid JSON");
  }

  @Test
  void malformedCsvInAFileIsRefusedNamingTheLine() {
    Path data = write("bad.csv", "id,note\n1,\"multi\nline\"\n2,ok\n3,too,many\n4,fine\n");
    assertRefused(send(data, "/{id}"), data + ": line 5: 3 fields where the header has 2");
  }

  @Test
  void malformedQuoteInAFileIsRefusedNamingTheLineWhereTheRecordStarts() {
    Path data = write("quote.csv", "id,note\n1,ok\n\n2,\"unclosed\n3,x\n");
    assertRefused(send(data, "/{id}"), data + ": line 4: malformed quote");
  }

  @Test
  void invalidUtf8InACsvFileIsRefusedNamingTheLine() throws IOException {
    Path data = dir.resolve("latin1.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("id,name\n1,ok\n2,caf".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xE9);
    bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    Files.write(data, bytes.toByteArray());
    assertRefused(send(data, "/{id}"), data + ": line 3: invalid UTF-8");
  }

  @Test
  void duplicateCsvColumnIsRefused() {
    Path data = write("dup.csv", "id,name,id\n1,a,2\n");
    assertRefused(send(data, "/{id}"), "line 1: duplicate column name 'id'");
  }

  @Test
  void malformedJsonInAFileIsRefusedNamingTheLine() {
    Path data = write("bad.jsonl", "{\"k\": 1}\n\n{\"k\": 2,}\n{\"k\": 3}\n");
    assertRefused(send(data, "/{k}"), data + ": line 3: invalid JSON at column 9");
  }

  @Test
  void jsonlRecordMissingAUsedFieldInAFileIsRefusedNamingTheLine() {
    Path data =
        write(
            "partial.jsonl",
            "{\"id\": 1, \"a\": {\"b\": 1}}\n{\"id\": 2, \"a\": {\"b\": 2}}\n{\"id\": 3, \"a\": {}}\n");
    assertRefused(send(data, "/{id}?b={a.b}"), data + ": line 3: missing field {a.b}");
  }

  @Test
  void unknownPlaceholderNamesWhatTheCsvHas() {
    Path data = write("people.csv", "id,name\n1,a\n");
    assertRefused(
        send(data, "/{nmae}"),
        "unknown placeholder {nmae} in --url: CSV input has {data}, {index} and {id}, {name}");
  }

  @Test
  void unknownPlaceholderNamesWhatTheFirstJsonObjectHas() {
    Path data = write("people.jsonl", "{\"id\": 1, \"a\": {\"b\": 2}}\n");
    assertRefused(
        send(data, "/{a.c}"),
        "unknown placeholder {a.c} in --url: JSON Lines input has {data}, {index} and {id}, {a},"
            + " {a.b}");
  }

  @Test
  void unknownInputFormatIsRefused() {
    Path data = write("x.txt", "a\n");
    Result r =
        cli()
            .run("--input-format=xml", "-o", log.toString(), "-u", url("/{data}"), data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: ") && r.err().contains("xml"), r.err());
    assertEquals(0, server.getRequestCount());
  }

  private Result send(Path data, String pathAndQuery) {
    return send(data).jsonl().to(server, pathAndQuery).run();
  }

  /** A run of {@code data} at {@code -c 1} logging to {@link #log}. */
  private SendRun send(Path data) {
    return SendRun.in(dir).input(data).log(log);
  }

  private String url(String pathAndQuery) {
    return Servers.url(server, pathAndQuery);
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The first {@code n} requests the server received, in order (the runs use one worker). */
  private List<RecordedRequest> received(int n) throws InterruptedException {
    assertEquals(n, server.getRequestCount(), "requests received");
    List<RecordedRequest> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Every request is already queued: the run is over.
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      assertNotNull(request);
      got.add(request);
    }
    return got;
  }

  private static JsonNode recordOf(List<JsonNode> records, long index) {
    return records.stream()
        .filter(rec -> rec.get("index").asLong() == index)
        .findFirst()
        .orElseThrow();
  }

  private static String itemOf(List<JsonNode> records, long index) {
    return recordOf(records, index).get("item").asText();
  }

  private void assertRefused(Result r, String expected) {
    assertEquals(2, r.exitCode(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertFalse(lines.isEmpty(), "an error message");
    assertTrue(
        lines.get(0).startsWith("batchsend: ") && lines.get(0).contains(expected),
        "expected '" + expected + "' in: " + r.err());
    assertTrue(
        lines.size() == 1 || (lines.size() == 2 && lines.get(1).equals(ErrorHandlers.TRY_HELP)),
        "one line: " + r.err());
    assertEquals(0, server.getRequestCount(), "nothing sent");
    assertFalse(Files.exists(log), "no log written");
  }
}
