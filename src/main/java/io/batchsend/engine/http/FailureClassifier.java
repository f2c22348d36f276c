package io.batchsend.engine.http;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns the exceptions of an HTTP exchange into the record's short error kinds. */
final class FailureClassifier {
  private FailureClassifier() {}

  /**
   * @param afterStatus true when the status line had arrived (the body was being read)
   */
  static Failure classify(IOException e, boolean afterStatus) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (e instanceof SocketTimeoutException) {
      if (lower.contains("connect")) {
        return new Failure(FailureKind.CONNECT, "connect timed out");
      }
      return timeout(afterStatus);
    }
    if (e instanceof InterruptedIOException) {
      if (lower.equals("timeout")) {
        return timeout(afterStatus); // the call timeout, i.e. --timeout
      }
      return new Failure(FailureKind.INTERRUPTED, "cancelled");
    }
    if (lower.equals("canceled")) {
      return new Failure(FailureKind.INTERRUPTED, "cancelled");
    }
    // The exception's text names the host and port ("Failed to connect to /10.0.0.7:8443"), which
    // may come from a ${VAR} the URL shows as ***; the record's URL already says where it went.
    if (e instanceof NoRouteToHostException) {
      return new Failure(FailureKind.CONNECT, "no route to host");
    }
    if (e instanceof ConnectException) {
      return new Failure(
          FailureKind.CONNECT,
          lower.contains("timed out") ? "connect timed out" : "connection refused");
    }
    if (e instanceof UnknownHostException) {
      return new Failure(FailureKind.DNS, "the host name did not resolve");
    }
    if (e instanceof SSLException) {
      return tls(e, message);
    }
    if (!afterStatus && headersTooLarge(e)) {
      // OkHttp reads at most 256 KiB of status line and headers, then fails as if the stream had
      // ended: memory stays bounded, but "closed before a response" would be untrue.
      return new Failure(
          FailureKind.PROTOCOL,
          "response status line or headers too large (over 256 KiB) or cut off");
    }
    if (lower.startsWith("header byte count limit")) {
      // OkHttp's HTTP/2 reader holds response headers to the same 256 KiB as HTTP/1.1's.
      return new Failure(FailureKind.PROTOCOL, "response headers too large (over 256 KiB)");
    }
    if (afterStatus && (e instanceof EOFException || lower.contains("unexpected end of stream"))) {
      return new Failure(FailureKind.TRUNCATED, "response body cut short");
    }
    if (e instanceof EOFException || lower.contains("unexpected end of stream")) {
      return new Failure(FailureKind.RESET, "connection closed before a response");
    }
    if (e instanceof SocketException
        && (lower.contains("reset") || lower.contains("broken pipe") || lower.contains("closed"))) {
      // After the status the body was cut, whichever way the connection ended: an HTTP/2 body cut
      // by a closed socket surfaced as this or as a stream reset, depending on timing.
      return afterStatus
          ? new Failure(FailureKind.TRUNCATED, "response body cut short (connection reset)")
          : new Failure(FailureKind.RESET, "connection reset");
    }
    if (afterStatus && streamReset(e)) {
      // Once the status arrived the server has processed the request, whatever code the reset
      // carries: REFUSED_STREAM (or a GOAWAY below this stream) then is a broken promise, and
      // "refused" would let a POST be sent again.
      return new Failure(
          FailureKind.TRUNCATED,
          "response body cut short (HTTP/2 stream reset: " + resetCode(message) + ")");
    }
    if (e.getClass().getSimpleName().equals("ConnectionShutdownException")) {
      // OkHttp's, thrown only when it opens a stream on a connection a GOAWAY already closed to new
      // streams, before anything is written (with retryOnConnectionFailure off it is not retried).
      return new Failure(
          FailureKind.REFUSED,
          "the server's GOAWAY came before the request was sent on its connection");
    }
    if (refusedStream(e, lower)) {
      return new Failure(
          FailureKind.REFUSED,
          "the server refused the HTTP/2 stream without processing the request (REFUSED_STREAM)");
    }
    if (streamReset(e)) {
      // Any other code (CANCEL, INTERNAL_ERROR, PROTOCOL_ERROR...), or the connection under the
      // stream ended: the request may have been processed, so only "reset", like a lost connection.
      return new Failure(
          FailureKind.RESET,
          "the HTTP/2 stream was reset before a response (" + resetCode(message) + ")");
    }
    if (e instanceof ProtocolException) {
      return new Failure(
          afterStatus ? FailureKind.TRUNCATED : FailureKind.PROTOCOL,
          shorten(message, "protocol error"));
    }
    return new Failure(FailureKind.IO, shorten(message, e.getClass().getSimpleName()));
  }

  /**
   * True for OkHttp's StreamResetException with REFUSED_STREAM (its class is internal to OkHttp, so
   * it is known by name and message): a stream the server reset that way, or one above the last
   * stream a GOAWAY said it processed.
   */
  private static boolean refusedStream(IOException e, String lower) {
    return streamReset(e) && lower.endsWith("refused_stream");
  }

  /**
   * True for OkHttp's StreamResetException (internal to OkHttp, so known by name): the server reset
   * the HTTP/2 stream, or the connection under it ended (OkHttp then resets its streams with CANCEL
   * or PROTOCOL_ERROR).
   */
  private static boolean streamReset(IOException e) {
    return e.getClass().getSimpleName().equals("StreamResetException");
  }

  /**
   * True when the response head ended without its line break although bytes had arrived: a head
   * over OkHttp's limit (an endless header, a huge line) or one cut off mid-line. OkHttp wraps
   * okio's {@code EOFException("\\n not found: limit=N content=HEX…")}; an empty content means the
   * connection closed at a line boundary, the usual "closed before a response".
   */
  private static boolean headersTooLarge(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (t instanceof EOFException && m != null && m.startsWith("\\n not found: limit=")) {
        int content = m.indexOf(" content=");
        return content >= 0 && !m.startsWith("…", content + " content=".length());
      }
    }
    return false;
  }

  /** The error code of OkHttp's "stream was reset: CODE", e.g. {@code CANCEL}. */
  private static String resetCode(String message) {
    return shorten(message.substring(message.lastIndexOf(':') + 1).trim(), "no code");
  }

  /** A TLS failure in plain words, with what the user can do about it. */
  private static Failure tls(IOException e, String message) {
    // The JDK wraps the expiry in a CertPathValidatorException: look for it through the whole
    // chain first, or an expired certificate from a trusted authority reads as "not trusted".
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateExpiredException) {
        return new Failure(
            FailureKind.TLS, "the server's certificate has expired (--insecure skips the check)");
      }
      if (t instanceof java.security.cert.CertificateNotYetValidException) {
        return new Failure(
            FailureKind.TLS,
            "the server's certificate is not valid yet (--insecure skips the check)");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return new Failure(
            FailureKind.TLS,
            "the server's certificate is not trusted (self-signed or an unknown authority):"
                + " --cacert FILE trusts its authority, --insecure skips the check");
      }
    }
    if (e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      return new Failure(
          FailureKind.TLS,
          "the server's certificate is not for this host name (--insecure skips the check)");
    }
    return new Failure(FailureKind.TLS, shorten(message, "handshake failed"));
  }

  /** Every timeout after the connection was made is --timeout's: the only socket timeout is off. */
  private static Failure timeout(boolean afterStatus) {
    return new Failure(
        FailureKind.TIMEOUT,
        afterStatus ? "reading the body exceeded --timeout" : "no response within --timeout");
  }

  private static String shorten(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    String oneLine = ControlCharacters.escape(message.replace('\n', ' ').replace('\r', ' '));
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
