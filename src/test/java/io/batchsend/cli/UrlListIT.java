package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of whole URLs ({@code -u '{data}'}), and placeholders kept out of a URL's origin. */
class UrlListIT {
  @TempDir Path dir;

  @Test
  void fileOfUrlsIsSentOneRequestPerUrl() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path data =
          Logs.dataFile(
              dir,
              "urls.txt",
              List.of(Servers.url(server, "/users/1"), Servers.url(server, "/a%2Fb?q=x y&n=1")));
      Result r = SendRun.in(dir).input(data).url("{data}").run();
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest first = server.takeRequest(10, TimeUnit.SECONDS);
      RecordedRequest second = server.takeRequest(10, TimeUnit.SECONDS);
      assertEquals("GET /users/1 HTTP/1.1", first.getRequestLine());
      assertEquals("GET /a%2Fb?q=x%20y&n=1 HTTP/1.1", second.getRequestLine());
    }
  }

  @Test
  void csvColumnNamingTheUrlIsTheWholeUrl() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path data =
          Logs.dataFile(dir, "urls.csv", List.of("id,url", "1," + Servers.url(server, "/p/1")));
      Result r = cli().run("-o", dir.resolve("log").toString(), "-u", "{url}", data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals("/p/1", server.takeRequest(10, TimeUnit.SECONDS).getUrl().encodedPath());
    }
  }

  @Test
  void badUrlInARegularFileIsRefusedBeforeAnythingIsSent() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path data =
          Logs.dataFile(
              dir, "urls.txt", List.of(Servers.url(server, "/1"), "ftp://127.0.0.1/x", "nope"));
      Result r = cli().run("-o", dir.resolve("log").toString(), "-u", "{data}", data.toString());
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("line 2: not an http(s) URL"), r.err());
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void badUrlOnStdinIsThatItemsFailedRecord() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path log = dir.resolve("log.jsonl");
      Result r =
          SendRun.in(dir)
              .stdin(Servers.url(server, "/1") + "\nhttp:///nohost\n" + Servers.url(server, "/3\n"))
              .jsonl()
              .log(log)
              .url("{data}")
              .run();
      assertEquals(1, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      assertEquals(3, records.size());
      JsonNode bad = records.stream().filter(n -> n.get("index").asInt() == 2).findFirst().get();
      assertEquals("http:///nohost", bad.get("item").asText());
      assertTrue(
          bad.get("error").asText().startsWith("invalid: not an http(s) URL"), bad.toString());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void passwordAndRedactedQueryValuesOfAnItemUrlAreMaskedInTheLogUrl() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      String url = "http://me:hunter22@127.0.0.1:" + server.getPort() + "/x?token=t0ps3cret&a=1";
      Path data = Logs.dataFile(dir, "urls.txt", List.of(url));
      Path log = dir.resolve("log.jsonl");
      Result r =
          cli().run("--log-format", "jsonl", "-o", log.toString(), "-u", "{data}", data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          "http://me:***@127.0.0.1:" + server.getPort() + "/x?token=***&a=1",
          Logs.jsonl(log).get(0).get("url").asText());
      Result dry = cli().run("--dry-run", "-u", "{data}", data.toString());
      assertFalse(dry.out().contains("hunter22") || dry.out().contains("t0ps3cret"), dry.out());
    }
  }

  @Test
  void placeholderInTheHostIsRefusedQuotingTheTemplateAsTyped() {
    Path data = Logs.dataFile(dir, "items.txt", List.of("127.0.0.1"));
    Result r = cli().run("--dry-run", "-u", "http://{data}/x", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("invalid --url 'http://{data}/x'"), r.err());
    assertTrue(r.err().contains("-u '{data}'"), r.err());
  }

  @Test
  void placeholderInThePortIsRefusedNotCalledAMissingHost() {
    Path data = Logs.dataFile(dir, "items.csv", List.of("port", "8080"));
    Result r = cli().run("--dry-run", "-u", "http://127.0.0.1:{port}/users/1", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("'http://127.0.0.1:{port}/users/1'"), r.err());
    assertTrue(r.err().contains("{port} stands in the scheme, host or port"), r.err());
  }

  @Test
  void errorsQuoteTheTemplateNeverAStandIn() {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Result r = cli().run("--dry-run", "-u", "/users/{data}", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("invalid --url '/users/{data}': no scheme"), r.err());
  }

  @Test
  void placeholderInUserinfoIsStillAllowed() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path data = Logs.dataFile(dir, "users.csv", List.of("user", "a@b"));
      Result r =
          cli()
              .run(
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  "http://{user}:pw@127.0.0.1:" + server.getPort() + "/x",
                  data.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(
          server
              .takeRequest(10, TimeUnit.SECONDS)
              .getHeaders()
              .get("Authorization")
              .startsWith("Basic "));
    }
  }

  @Test
  void reservedExpansionKeepsSlashesInThePathSent() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path data = Logs.dataFile(dir, "items.txt", List.of("status/200", "a b;v=1"));
      Result r = SendRun.in(dir).input(data).to(server, "/{+data}?raw={data}").run();
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(
          "GET /status/200?raw=status%2F200 HTTP/1.1",
          server.takeRequest(10, TimeUnit.SECONDS).getRequestLine());
      assertEquals(
          "GET /a%20b;v=1?raw=a%20b%3Bv%3D1 HTTP/1.1",
          server.takeRequest(10, TimeUnit.SECONDS).getRequestLine());
      Result dry = cli().run("--dry-run", "-u", "http://h/{+data}", data.toString());
      assertTrue(dry.out().contains("GET http://h/status/200\n"), dry.out());
    }
  }

  @Test
  void indexAloneIsNotAUrl() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Result r = cli().run("--dry-run", "-u", "{index}", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("{index} is a number, not a URL"), r.err());
    assertTrue(Files.exists(data));
  }
}
