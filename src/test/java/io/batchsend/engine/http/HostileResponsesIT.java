package io.batchsend.engine.http;

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
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or broken server answers is reported truthfully and printed safely. */
class HostileResponsesIT {
  @TempDir Path dir;

  private JsonNode runOne(int port, String scheme, String... extra) {
    Path log = dir.resolve("log");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "--retries",
                "0",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                scheme + "://127.0.0.1:" + port + "/x"));
    args.addAll(Arrays.asList(extra));
    args.add("-");
    Result r = cli().stdin("a\n").run(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.toString());
    lastErr = r.err();
    return Logs.jsonl(log).get(0);
  }

  private String lastErr;

  @Test
  void verboseEscapesControlCharactersFromAHostileStatusLine() throws Exception {
    try (RawServer server =
        new RawServer(
            (socket, path) -> {
              try {
                RawServer.write(socket, "\u001b[2J\u0007\u009b31m evil\r\n\r\n");
                socket.close();
              } catch (IOException e) {
                // the client went away
              }
            })) {
      JsonNode record = runOne(server.port(), "http", "-v");
      String err = lastErr;
      assertTrue(err.contains("#1 attempt"), err);
      assertFalse(err.contains("\u001b"), "ESC reached the terminal: " + err);
      assertFalse(err.contains("\u0007"), "BEL reached the terminal: " + err);
      assertFalse(err.contains("\u009b"), "CSI reached the terminal: " + err);
      assertTrue(err.contains("\\x1b[2J\\x07"), err);
      assertFalse(record.get("error").asText().contains("\u001b"), record.toString());
    }
  }

  @Test
  void anEndlessHeaderIsReportedAsTooLargeNotAsAClosedConnection() throws Exception {
    try (RawServer server =
        new RawServer(
            (socket, path) -> {
              try {
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nX-Endless: ".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                while (true) {
                  out.write(chunk); // until the client gives up and closes
                }
              } catch (IOException e) {
                // the client gave up: expected
              }
            })) {
      JsonNode record = runOne(server.port(), "http");
      assertEquals(
          "protocol: response status line or headers too large (over 256 KiB) or cut off",
          record.get("error").asText());
    }
  }

  @Test
  void endlessHeaderLinesAreReportedAsTooLarge() throws Exception {
    try (RawServer server =
        new RawServer(
            (socket, path) -> {
              try {
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] line = "X-More: yes-and-more\r\n".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                  out.write(line);
                }
              } catch (IOException e) {
                // the client gave up: expected
              }
            })) {
      JsonNode record = runOne(server.port(), "http");
      assertTrue(record.get("error").asText().startsWith("protocol: "), record.toString());
    }
  }

  @Test
  void anUntrustedCertificateIsExplainedWithTheOptionsThatHelp() throws Exception {
    HeldCertificate self =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName(InetAddress.getLoopbackAddress().getHostAddress())
            .build();
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(self).build();
    MockWebServer server = new MockWebServer();
    server.useHttps(serverSide.sslSocketFactory());
    server.setDispatcher(Servers.answer(200, "ok"));
    server.start(InetAddress.getLoopbackAddress(), 0);
    try (server) {
      JsonNode record = runOne(server.getPort(), "https");
      String error = record.get("error").asText();
      assertTrue(error.startsWith("tls: the server's certificate is not trusted"), error);
      assertTrue(error.contains("--cacert FILE") && error.contains("--insecure"), error);
      assertFalse(error.contains("PKIX"), error);
    }
  }
}
