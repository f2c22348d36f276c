package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS servers a client must not trust, and a TLS server that cuts a body: each item one record with
 * the right kind and message, nothing sent twice, exit 1, and no secret in any output (the run has
 * an Authorization and a Cookie from {@code ${VAR}}s, a URL password and a token query).
 */
class HostileTlsIT {
  private static final long DAY_MS = 86_400_000L;

  /** The secret values; none may appear in the log, stdout or stderr (-v). */
  private static final List<String> SECRETS =
      List.of("tok-S3CR3T", "pw-S3CR3T", "ck-S3CR3T", "q-S3CR3T");

  @TempDir Path dir;

  /** Requests that reached the dispatcher (a failed handshake reaches none). */
  private final AtomicInteger processed = new AtomicInteger();

  private MockWebServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Starts a server presenting {@code certificate} (with its chain) that answers 201 or {@code
   * answer}.
   */
  private void serve(
      HandshakeCertificates certificates, List<Protocol> protocols, MockResponse answer)
      throws Exception {
    server = new MockWebServer();
    server.useHttps(certificates.sslSocketFactory());
    server.setProtocols(protocols);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            processed.incrementAndGet();
            return answer;
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** POSTs items a, b, c at -c 2 with secrets everywhere, trusting {@code cacert} if not null. */
  private Result postThreeItems(Path cacert) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-v",
                "-c",
                "2",
                "-X",
                "POST",
                "-d",
                "{\"id\":\"{data}\"}",
                "-H",
                "Authorization: Bearer ${TOKEN}",
                "-H",
                "Cookie: session=${COOKIE}",
                "--retry-backoff",
                "1ms",
                "--log-format",
                "jsonl",
                "-o",
                dir.resolve("log").toString(),
                "-u",
                "https://user:${PASS}@127.0.0.1:" + server.getPort() + "/{data}?token=q-S3CR3T",
                "-"));
    if (cacert != null) {
      args.addAll(0, List.of("--cacert", cacert.toString()));
    }
    return cli()
        .env("TOKEN", "tok-S3CR3T")
        .env("PASS", "pw-S3CR3T")
        .env("COOKIE", "ck-S3CR3T")
        .stdin("a\nb\nc\n")
        .run(args.toArray(String[]::new));
  }

  /** Checks: exit 1, one failed record per item, each with {@code error}, no secret anywhere. */
  private void assertEveryItemFailedWith(Result r, String error) throws Exception {
    assertEquals(1, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(3, records.size(), records.toString());
    List<String> items = new ArrayList<>();
    for (JsonNode record : records) {
      items.add(record.get("item").asText());
      assertFalse(record.get("ok").asBoolean(), record.toString());
      assertEquals(1, record.get("attempts").asInt(), record.toString());
      assertEquals(error, record.get("error").asText(), record.toString());
    }
    assertEquals(List.of("a", "b", "c"), items.stream().sorted().toList());
    String everything = Files.readString(dir.resolve("log")) + r.out() + r.err();
    for (String secret : SECRETS) {
      assertFalse(everything.contains(secret), secret + " leaked:\n" + everything);
    }
  }

  private Path writePem(String name, HeldCertificate certificate) throws Exception {
    Path pem = dir.resolve(name);
    Files.writeString(pem, certificate.certificatePem());
    return pem;
  }

  @Test
  void anExpiredCertificateFromATrustedAuthorityIsReportedAsExpired() throws Exception {
    // Was: "not trusted (self-signed or an unknown authority): --cacert FILE trusts its
    // authority", advice that cannot help: the authority was trusted. The JDK wraps the expiry.
    long now = System.currentTimeMillis();
    HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate expired =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("127.0.0.1")
            .validityInterval(now - 10 * DAY_MS, now - DAY_MS)
            .signedBy(authority)
            .build();
    serve(
        new HandshakeCertificates.Builder()
            .heldCertificate(expired, authority.certificate())
            .build(),
        List.of(Protocol.HTTP_2, Protocol.HTTP_1_1),
        new MockResponse.Builder().code(201).build());
    Result r = postThreeItems(writePem("authority.pem", authority));
    assertEveryItemFailedWith(
        r, "tls: the server's certificate has expired (--insecure skips the check)");
    assertEquals(0, processed.get());
  }

  @Test
  void anExpiredSelfSignedCertificateGivenToCacertIsRefusedAsExpired() throws Exception {
    // Was: trusted, exit 0. The JDK never checks a trust anchor's dates, and --cacert made the
    // server's own certificate an anchor; curl refuses it.
    long now = System.currentTimeMillis();
    HeldCertificate expired =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("127.0.0.1")
            .validityInterval(now - 10 * DAY_MS, now - DAY_MS)
            .build();
    serve(
        new HandshakeCertificates.Builder().heldCertificate(expired).build(),
        List.of(Protocol.HTTP_2, Protocol.HTTP_1_1),
        new MockResponse.Builder().code(201).build());
    Result r = postThreeItems(writePem("expired.pem", expired));
    assertEveryItemFailedWith(
        r, "tls: the server's certificate has expired (--insecure skips the check)");
    assertEquals(0, processed.get());
  }

  @Test
  void aCertificateForAnotherHostFailsEveryItemOnceWithoutLeakingSecrets() throws Exception {
    HeldCertificate other =
        new HeldCertificate.Builder().addSubjectAlternativeName("example.com").build();
    serve(
        new HandshakeCertificates.Builder().heldCertificate(other).build(),
        List.of(Protocol.HTTP_2, Protocol.HTTP_1_1),
        new MockResponse.Builder().code(201).build());
    Result r = postThreeItems(writePem("other.pem", other));
    assertEveryItemFailedWith(
        r, "tls: the server's certificate is not for this host name (--insecure skips the check)");
    assertEquals(0, processed.get());
  }

  @Test
  void aSelfSignedCertificateWithoutCacertFailsEveryItemOnceWithoutLeakingSecrets()
      throws Exception {
    HeldCertificate self =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    serve(
        new HandshakeCertificates.Builder().heldCertificate(self).build(),
        List.of(Protocol.HTTP_2, Protocol.HTTP_1_1),
        new MockResponse.Builder().code(201).build());
    Result r = postThreeItems(null);
    assertEveryItemFailedWith(
        r,
        "tls: the server's certificate is not trusted (self-signed or an unknown authority):"
            + " --cacert FILE trusts its authority, --insecure skips the check");
    assertEquals(0, processed.get());
  }

  @Test
  void aPostWhoseBodyIsCutOverHttp11TlsIsTruncatedAndNotSentAgain() throws Exception {
    HeldCertificate self =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    serve(
        new HandshakeCertificates.Builder().heldCertificate(self).build(),
        List.of(Protocol.HTTP_1_1),
        new MockResponse.Builder()
            .code(201)
            .body("x".repeat(200_000))
            .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
            .build());
    Result r = postThreeItems(writePem("self.pem", self));
    assertEquals(1, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(3, records.size(), records.toString());
    for (JsonNode record : records) {
      assertEquals(201, record.get("status").asInt(), record.toString());
      assertEquals(1, record.get("attempts").asInt(), record.toString());
      assertTrue(record.get("error").asText().startsWith("truncated: "), record.toString());
    }
    assertEquals(3, processed.get(), "each POST processed once");
  }

  @Test
  void aVarBaseUrlThatCannotBeReachedIsNotPrintedInTheError() throws Exception {
    // Was "connect: Failed to connect to /127.0.0.1:PORT" in the log, the -v line and the
    // summary's first failures, while the URL itself showed ${BASE} as ***.
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Result r =
        cli()
            .env("BASE", "https://127.0.0.1:" + closedPort)
            .stdin("a\n")
            .run(
                "-v",
                "--retries",
                "0",
                "--log-format",
                "jsonl",
                "-o",
                dir.resolve("log").toString(),
                "-u",
                "${BASE}/v1/{data}",
                "-");
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode record = Logs.jsonl(dir.resolve("log")).get(0);
    assertTrue(record.get("error").asText().startsWith("connect: "), record.toString());
    String everything = Files.readString(dir.resolve("log")) + r.out() + r.err();
    assertFalse(everything.contains(":" + closedPort), everything);
  }
}
