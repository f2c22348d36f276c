package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 failures a hostile server causes. A body cut after the status is always {@code truncated},
 * never {@code refused} (which would let a POST the server answered be sent again) nor {@code
 * reset} (which the log format keeps for a connection lost before a response). A stream OkHttp
 * could not open because a GOAWAY had come is {@code refused}: it never left.
 */
class HostileFailureClassifierTest {
  @Test
  void aStreamRefusedAfterTheStatusIsTruncatedNotRefused() {
    StreamResetException e = new StreamResetException(ErrorCode.REFUSED_STREAM);
    assertEquals("refused", FailureClassifier.classify(e, false).word());
    assertEquals("truncated", FailureClassifier.classify(e, true).word());
  }

  @Test
  void aStreamCancelledAfterTheStatusIsTruncated() {
    StreamResetException e = new StreamResetException(ErrorCode.CANCEL);
    assertEquals(
        "truncated: response body cut short (HTTP/2 stream reset: CANCEL)",
        FailureClassifier.classify(e, true).describe());
  }

  @Test
  void aConnectionResetAfterTheStatusIsTruncated() {
    SocketException e = new SocketException("Connection reset");
    assertEquals("reset: connection reset", FailureClassifier.classify(e, false).describe());
    assertEquals(
        "truncated: response body cut short (connection reset)",
        FailureClassifier.classify(e, true).describe());
  }

  @Test
  void aStreamNotOpenedBecauseOfAGoawayIsRefusedSoAPostMayBeSentAgain() {
    // OkHttp throws it from newStream before writing anything, when a GOAWAY came between the
    // pool's health check and the new stream; it was "io: ConnectionShutdownException", which
    // failed a POST that never left.
    var failure = FailureClassifier.classify(new ConnectionShutdownException(), false);
    assertEquals("refused", failure.word());
    assertEquals(true, failure.kind().neverReachedServer());
  }

  @Test
  void aStreamResetBeforeTheStatusNamesItsCode() {
    assertEquals(
        "reset: the HTTP/2 stream was reset before a response (INTERNAL_ERROR)",
        FailureClassifier.classify(new StreamResetException(ErrorCode.INTERNAL_ERROR), false)
            .describe());
  }

  @Test
  void connectAndDnsFailuresDoNotRepeatTheHostWhichMayComeFromAVar() {
    assertEquals(
        "connect: connection refused",
        FailureClassifier.classify(
                new ConnectException("Failed to connect to /10.0.0.7:8443"), false)
            .describe());
    assertEquals(
        "dns: the host name did not resolve",
        FailureClassifier.classify(new UnknownHostException("secret-host.example"), false)
            .describe());
  }
}
