package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server certificate as real ones are made (a CA, and a leaf with Key Usage and Extended Key
 * Usage), over TLS 1.3, with every TLS provider and with HTTP/2 and HTTP/1.1.
 *
 * <p>Conscrypt names the key exchange of TLS 1.3 "GENERIC" when it asks the JDK's trust manager;
 * the JDK's end-entity check knows only its own names and refused every such certificate ("tls:
 * Unknown authType: GENERIC"), so with the default provider no HTTPS request to a real site could
 * succeed. Self-signed test certificates without Key Usage skip that check, which is why the other
 * TLS tests did not see it. The certificates are in src/test/resources/tls (made with openssl,
 * valid for 100 years).
 */
class TlsKeyUsageIT {
  private MockWebServer server;
  private Path caCert;

  @org.junit.jupiter.api.io.TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    caCert = dir.resolve("ca.pem");
    Files.writeString(caCert, resource("/tls/key-usage-ca.pem"));
    HeldCertificate leaf = HeldCertificate.decode(resource("/tls/key-usage-server.pem"));
    server = new MockWebServer();
    server.setDispatcher(Servers.answer(200, "ok"));
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({"auto, h2", "auto, http/1.1", "conscrypt, h2", "jdk, h2", "jdk, http/1.1"})
  void aCertificateWithKeyUsageIsTrustedByEveryProvider(String provider, String protocol)
      throws Exception {
    server.setProtocols(
        protocol.equals("h2")
            ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
            : List.of(Protocol.HTTP_1_1));
    server.start(InetAddress.getLoopbackAddress(), 0);
    Path log = dir.resolve("log");
    Result r =
        cli()
            .stdin("a\nb\nc\n")
            .run(
                "-c",
                "3",
                "--tls-provider",
                provider,
                "--cacert",
                caCert.toString(),
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "-u",
                "https://127.0.0.1:" + server.getPort() + "/{data}",
                "-");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(3, Logs.jsonl(log).stream().filter(n -> n.get("ok").asBoolean()).count());
    assertEquals(3, server.getRequestCount());
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = TlsKeyUsageIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
