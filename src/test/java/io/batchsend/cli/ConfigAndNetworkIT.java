package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config}, TLS trust and proxies. */
class ConfigAndNetworkIT {
  @TempDir Path dir;

  @Test
  void configDefaultsApplyAndTheCommandLineWins() throws Exception {
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.ok()) {
      Path config = dir.resolve("batchsend.properties");
      Files.writeString(
          config,
          "# a comment\n"
              + "url="
              + Servers.url(server, "/cfg/{data}")
              + "\n"
              + "log-format=text\n"
              + "concurrency=2\n"
              + "header.1=X-From-Config: yes\n"
              + "header.2=Authorization: Bearer ${TOKEN}\n"
              + "header.3=X-Overridden: config\n");
      Result r =
          cli()
              .env("TOKEN", "tok-abcdef")
              .stdin("a\n")
              .run(
                  "--config",
                  config.toString(),
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-H",
                  "X-Overridden: cli",
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      RecordedRequest req = server.takeRequest();
      assertEquals("/cfg/a", req.getUrl().encodedPath());
      assertEquals("yes", req.getHeaders().get("X-From-Config"));
      assertEquals("Bearer tok-abcdef", req.getHeaders().get("Authorization"));
      assertEquals(List.of("cli"), req.getHeaders().values("X-Overridden"));
    }
    assertEquals(1, Logs.jsonl(log).size(), "--log-format from the command line wins");
  }

  @Test
  void unknownConfigKeyIsRejectedAndNothingIsSent() throws Exception {
    try (MockWebServer server = Servers.ok()) {
      Path config = dir.resolve("bad.properties");
      Files.writeString(config, "url=" + Servers.url(server, "/{data}") + "\nconcurency=4\n");
      Result r =
          cli().stdin("a\n").run("--config=" + config, "-o", dir.resolve("log").toString(), "-");
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("batchsend: unknown key 'concurency' in --config "), r.err());
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void missingConfigFileIsAUsageError() {
    Result r = cli().run("--config", dir.resolve("none.properties").toString(), "x.txt");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("cannot read --config"), r.err());
  }

  @Test
  void everyKeyOfTheExampleConfigIsAnOption() throws Exception {
    Path example = Path.of("config", "batchsend.properties");
    // The example's keys are commented out; uncommented, each must still be accepted.
    List<String> lines = Files.readAllLines(example);
    List<String> uncommented =
        lines.stream().map(l -> l.matches("# [a-z][a-z0-9.-]*=.*") ? l.substring(2) : l).toList();
    assertTrue(
        uncommented.stream().filter(l -> l.contains("=") && !l.startsWith("#")).count() >= 10);
    Path live = dir.resolve("example.properties");
    Files.write(live, uncommented);
    Result r = cli().env("API_TOKEN", "t0ken-xyz").run("--config", live.toString(), "--help");
    assertEquals(0, r.exitCode(), r.toString());
  }

  private static MockWebServer httpsServer(HeldCertificate certificate) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(Servers.answer(200, "ok"));
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    server.useHttps(serverCerts.sslSocketFactory());
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  @Test
  void selfSignedCertificateIsRefusedByDefaultAcceptedWithCacertOrInsecure() throws Exception {
    HeldCertificate cert =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("127.0.0.1")
            .commonName("test")
            .build();
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, cert.certificatePem());
    try (MockWebServer server = httpsServer(cert)) {
      String url = "https://127.0.0.1:" + server.getPort() + "/{data}";
      Path log = dir.resolve("default.log");
      Result refused =
          cli()
              .stdin("a\n")
              .run("--retries", "0", "--log-format", "jsonl", "-o", log.toString(), "-u", url, "-");
      assertEquals(1, refused.exitCode(), refused.toString());
      JsonNode rec = Logs.jsonl(log).get(0);
      assertTrue(rec.get("error").asText().startsWith("tls: "), rec.toString());

      Result trusted =
          cli()
              .stdin("a\n")
              .run("--cacert", pem.toString(), "-o", dir.resolve("b").toString(), "-u", url, "-");
      assertEquals(0, trusted.exitCode(), trusted.toString());
      assertFalse(trusted.err().contains("warning"), trusted.err());

      Result insecure =
          cli().stdin("a\n").run("--insecure", "-o", dir.resolve("c").toString(), "-u", url, "-");
      assertEquals(0, insecure.exitCode(), insecure.toString());
      assertTrue(insecure.err().contains("warning: --insecure"), insecure.err());
    }
  }

  @Test
  void cacertThatIsNotAPemFileIsAUsageError() throws Exception {
    Path notPem = dir.resolve("x.pem");
    Files.writeString(notPem, "hello");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .stdin("a\n")
              .run(
                  "--cacert",
                  notPem.toString(),
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  "-");
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("--cacert"), r.err());
      assertEquals(0, server.getRequestCount());
      assertFalse(Files.exists(dir.resolve("log")));
    }
  }

  @Test
  void proxyOptionAndEnvironmentSendThroughTheProxyAndNoProxyGoesDirect() throws Exception {
    try (MockWebServer proxy = Servers.ok();
        MockWebServer direct = Servers.ok()) {
      String target = "http://127.0.0.1:" + direct.getPort() + "/t/{data}";
      Result viaOption =
          cli()
              .stdin("a\n")
              .run(
                  "--proxy",
                  "http://127.0.0.1:" + proxy.getPort(),
                  "-o",
                  dir.resolve("l1").toString(),
                  "-u",
                  target,
                  "-");
      assertEquals(0, viaOption.exitCode(), viaOption.toString());
      RecordedRequest seen = proxy.takeRequest(10, TimeUnit.SECONDS);
      assertTrue(
          seen.getRequestLine().contains("http://127.0.0.1:" + direct.getPort() + "/t/a"),
          seen.getRequestLine());

      Result viaEnv =
          cli()
              .env("http_proxy", "127.0.0.1:" + proxy.getPort())
              .stdin("b\n")
              .run("-o", dir.resolve("l2").toString(), "-u", target, "-");
      assertEquals(0, viaEnv.exitCode(), viaEnv.toString());
      assertTrue(proxy.takeRequest(10, TimeUnit.SECONDS).getRequestLine().contains("/t/b"));

      Result bypassed =
          cli()
              .env("http_proxy", "127.0.0.1:" + proxy.getPort())
              .env("NO_PROXY", "localhost,127.0.0.1")
              .stdin("c\n")
              .run("-o", dir.resolve("l3").toString(), "-u", target, "-");
      assertEquals(0, bypassed.exitCode(), bypassed.toString());
      assertEquals(2, proxy.getRequestCount());
      assertEquals("/t/c", direct.takeRequest(10, TimeUnit.SECONDS).getUrl().encodedPath());
    }
  }
}
