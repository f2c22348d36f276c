package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.HttpsServers;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --tls-provider}: every choice sends over TLS with --cacert and --insecure; -v names it.
 */
class TlsProviderOptionIT {
  @TempDir Path dir;

  private MockWebServer server;
  private Path caCert;
  private String url;

  @BeforeEach
  void start() throws Exception {
    caCert = dir.resolve("ca.pem");
    server = HttpsServers.create(caCert);
    server.setDispatcher(Servers.answer(200, "ok"));
    server.start(InetAddress.getLoopbackAddress(), 0);
    url = "https://127.0.0.1:" + server.getPort() + "/{data}";
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({
    "auto, --cacert, Conscrypt",
    "auto, --insecure, Conscrypt",
    "jdk, --cacert, JDK (SunJSSE)",
    "jdk, --insecure, JDK (SunJSSE)",
    "conscrypt, --cacert, Conscrypt",
    "conscrypt, --insecure, Conscrypt",
  })
  void everyProviderSendsWithCacertAndInsecureAndVerboseNamesItOnce(
      String provider, String trust, String named) {
    Path log = dir.resolve("log");
    List<String> args =
        trust.equals("--cacert") ? List.of("--cacert", caCert.toString()) : List.of("--insecure");
    Result r =
        cli()
            .stdin("a\nb\nc\nd\n")
            .run(
                cat(
                    args,
                    "-v",
                    "-c",
                    "4",
                    "--tls-provider",
                    provider,
                    "--log-format",
                    "jsonl",
                    "-o",
                    log.toString(),
                    "-u",
                    url,
                    "-"));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(4, Logs.jsonl(log).stream().filter(n -> n.get("ok").asBoolean()).count());
    List<String> tlsLines = r.err().lines().filter(l -> l.contains("TLS: ")).toList();
    assertEquals(1, tlsLines.size(), r.err());
    assertTrue(tlsLines.get(0).startsWith("batchsend DEBUG: TLS: " + named), tlsLines.get(0));
  }

  @Test
  void plainHttpRunNeverChoosesATlsProvider() throws Exception {
    try (MockWebServer plain = Servers.ok()) {
      Result r =
          cli()
              .stdin("a\n")
              .run(
                  "-v",
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(plain, "/{data}"),
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.err().contains("TLS: "), r.err());
    }
  }

  @Test
  void unknownProviderIsAUsageErrorAndNothingIsSent() {
    Result r = cli().stdin("a\n").run("--tls-provider", "openssl", "-u", url, "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--tls-provider"), r.err());
    assertEquals(0, server.getRequestCount());
  }

  private static String[] cat(List<String> first, String... rest) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
