package io.batchsend.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** MockWebServers over TLS, for the tests that need HTTPS or HTTP/2 on loopback. */
public final class HttpsServers {
  private HttpsServers() {}

  /**
   * A server, not started, that speaks TLS with a certificate for 127.0.0.1 made afresh, offering
   * HTTP/2 and HTTP/1.1 by ALPN. The certificate's PEM is written to {@code authorityPem}, for
   * {@code --cacert}. Set its dispatcher, then start it on the loopback address.
   */
  public static MockWebServer create(Path authorityPem) throws IOException {
    HeldCertificate certificate =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("127.0.0.1")
            .commonName("t")
            .build();
    Files.writeString(authorityPem, certificate.certificatePem());
    MockWebServer server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(certificate)
            .build()
            .sslSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    return server;
  }
}
