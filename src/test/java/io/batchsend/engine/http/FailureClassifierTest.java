package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
  private static Failure classify(IOException e) {
    return FailureClassifier.classify(e, false);
  }

  @Test
  void connectFailuresAreConnect() {
    assertEquals("connect", classify(new ConnectException("Connection refused")).word());
    assertEquals(
        "connect: connect timed out",
        classify(new SocketTimeoutException("Connect timed out")).describe());
  }

  @Test
  void theCallTimeoutIsATimeoutBeforeAndAfterTheStatus() {
    assertEquals(
        "timeout: no response within --timeout",
        classify(new InterruptedIOException("timeout")).describe());
    assertEquals(
        "timeout: reading the body exceeded --timeout",
        FailureClassifier.classify(new InterruptedIOException("timeout"), true).describe());
  }

  @Test
  void unknownHostIsDns() {
    assertEquals("dns", classify(new UnknownHostException("nowhere.invalid")).word());
  }

  @Test
  void anEndOfStreamBeforeAnyByteIsAReset() {
    IOException e =
        new IOException(
            "unexpected end of stream on http://127.0.0.1/...",
            new EOFException("\\n not found: limit=0 content=…"));
    assertEquals("reset: connection closed before a response", classify(e).describe());
  }

  @Test
  void aResponseHeadOverTheLimitIsAProtocolErrorNotAReset() {
    IOException e =
        new IOException(
            "unexpected end of stream on http://127.0.0.1/...",
            new EOFException("\\n not found: limit=262144 content=485454502f312e31…"));
    Failure f = classify(e);
    assertEquals("protocol", f.word());
    assertTrue(f.message().contains("too large"), f.message());
  }

  @Test
  void anEndOfStreamInTheBodyIsTruncated() {
    assertEquals(
        "truncated", FailureClassifier.classify(new EOFException("source exhausted"), true).word());
  }

  @Test
  void anUntrustedCertificateIsSaidPlainlyWithTheHint() {
    SSLHandshakeException e =
        new SSLHandshakeException(
            "PKIX path building failed: sun.security.provider.certpath."
                + "SunCertPathBuilderException: unable to find valid certification path");
    e.initCause(new CertPathBuilderException("unable to find valid certification path"));
    Failure f = classify(e);
    assertEquals("tls", f.word());
    assertFalse(f.message().contains("PKIX"), f.message());
    assertTrue(f.message().contains("--cacert FILE"), f.message());
    assertTrue(f.message().contains("--insecure"), f.message());
  }

  @Test
  void anExpiredCertificateIsSaidPlainly() {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path validation failed");
    e.initCause(new CertificateExpiredException("NotAfter: ..."));
    assertTrue(classify(e).message().contains("expired"));
  }

  @Test
  void aHostNameMismatchIsSaidPlainly() {
    Failure f = classify(new SSLPeerUnverifiedException("Hostname 127.0.0.1 not verified"));
    assertTrue(f.message().contains("not for this host name"), f.message());
  }

  @Test
  void controlCharactersFromTheServerAreEscaped() {
    Failure f = classify(new ProtocolException("Unexpected status line: \u001b[2J\u0007"));
    assertEquals("protocol: Unexpected status line: \\x1b[2J\\x07", f.describe());
  }
}
