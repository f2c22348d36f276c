package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.Header;
import okhttp3.internal.http2.Http2Reader;
import okhttp3.internal.http2.Http2Writer;
import okhttp3.internal.http2.Settings;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw HTTP/2 server (MockWebServer cannot choose a GOAWAY's last stream id) that takes three
 * POSTs on its first connection, answers the lowest stream, then sends GOAWAY naming that stream as
 * the last it processed (RFC 9113, 6.8): the two streams above it were not processed and may be
 * sent again, the answered one must not be. Later connections answer every stream 201.
 */
class HostileGoawayIT {
  @TempDir Path dir;

  /** Streams whose whole request arrived, on any connection. */
  private final AtomicInteger received = new AtomicInteger();

  /** Streams answered with a status: each a POST the server processed. */
  private final AtomicInteger processed = new AtomicInteger();

  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private SSLServerSocket server;
  private Path caCert;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Starts the server. On the first connection, once {@code streams} requests are whole: {@code
   * halfAnswered} false answers the lowest stream whole and sends GOAWAY with it as the last; true
   * also starts answering the second-lowest (status and part of the body) before that GOAWAY, which
   * then wrongly calls the second unprocessed: a hostile or broken server may do so.
   */
  private void start(int streams, boolean halfAnswered) throws Exception {
    HeldCertificate certificate =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    caCert = dir.resolve("ca.pem");
    Files.writeString(caCert, certificate.certificatePem());
    HandshakeCertificates certs =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    server =
        (SSLServerSocket)
            certs
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters parameters = server.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"});
    server.setSSLParameters(parameters);
    Thread acceptor =
        new Thread(
            () -> {
              boolean first = true;
              while (!server.isClosed()) {
                try {
                  SSLSocket s = (SSLSocket) server.accept();
                  sockets.add(s);
                  boolean hostile = first;
                  first = false;
                  Thread t = new Thread(() -> serve(s, hostile ? streams : 0, halfAnswered));
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Serves one connection; {@code goawayAfter} 0 answers every stream at once. */
  private void serve(SSLSocket socket, int goawayAfter, boolean halfAnswered) {
    try {
      socket.startHandshake();
      BufferedSource in = Okio.buffer(Okio.source(socket.getInputStream()));
      Http2Writer out = new Http2Writer(Okio.buffer(Okio.sink(socket.getOutputStream())), false);
      Http2Reader reader = new Http2Reader(in, false);
      TreeSet<Integer> whole = new TreeSet<>();
      Http2Reader.Handler handler =
          new Handler() {
            @Override
            void whole(int streamId) throws IOException {
              received.incrementAndGet();
              if (goawayAfter == 0) {
                answer(out, streamId, true);
                return;
              }
              whole.add(streamId);
              if (whole.size() == goawayAfter) {
                int lowest = whole.first();
                answer(out, lowest, true);
                if (halfAnswered) {
                  answer(out, whole.higher(lowest), false);
                }
                out.goAway(lowest, ErrorCode.NO_ERROR, new byte[0]);
                out.flush();
              }
            }

            @Override
            public void settings(boolean clearPrevious, Settings settings) {
              try {
                out.applyAndAckSettings(settings);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          };
      reader.readConnectionPreface(handler);
      out.settings(new Settings());
      out.flush();
      while (reader.nextFrame(false, handler)) {
        // Frames are handled as they come.
      }
    } catch (IOException | RuntimeException e) {
      // The client closed the connection, or the test ended.
    }
  }

  /** Answers 201 with a body, whole or (not {@code complete}) only its first part. */
  private void answer(Http2Writer out, int streamId, boolean complete) throws IOException {
    processed.incrementAndGet();
    out.headers(false, streamId, List.of(new Header(":status", "201")));
    Buffer body = new Buffer().writeUtf8("made");
    out.data(complete, streamId, body, 4);
    out.flush();
  }

  /** Calls {@link #whole} when a stream's request has fully arrived; ignores everything else. */
  private abstract static class Handler implements Http2Reader.Handler {
    abstract void whole(int streamId) throws IOException;

    @Override
    public void data(boolean inFinished, int streamId, BufferedSource source, int length)
        throws IOException {
      source.skip(length);
      if (inFinished) {
        whole(streamId);
      }
    }

    @Override
    public void headers(
        boolean inFinished, int streamId, int associatedStreamId, List<Header> headerBlock) {
      if (inFinished) {
        try {
          whole(streamId);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    public void rstStream(int streamId, ErrorCode errorCode) {}

    @Override
    public void ackSettings() {}

    @Override
    public void ping(boolean ack, int payload1, int payload2) {}

    @Override
    public void goAway(int lastGoodStreamId, ErrorCode errorCode, ByteString debugData) {}

    @Override
    public void windowUpdate(int streamId, long windowSizeIncrement) {}

    @Override
    public void priority(int streamId, int streamDependency, int weight, boolean exclusive) {}

    @Override
    public void pushPromise(int streamId, int promisedStreamId, List<Header> requestHeaders) {}

    @Override
    public void alternateService(
        int streamId, String origin, ByteString protocol, String host, int port, long maxAge) {}
  }

  private Result postThree() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                "3",
                "-X",
                "POST",
                "-d",
                "{\"id\":\"{data}\"}",
                "--cacert",
                caCert.toString(),
                "--retry-backoff",
                "1ms",
                "--log-format",
                "jsonl",
                "-o",
                dir.resolve("log").toString(),
                "-u",
                "https://127.0.0.1:" + server.getLocalPort() + "/users",
                "-"));
    return cli().stdin("a\nb\nc\n").run(args.toArray(String[]::new));
  }

  @Test
  void goawayBelowStreamsSentResendsOnlyTheUnprocessedPosts() throws Exception {
    start(3, false);
    Result r = postThree();
    assertEquals(0, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(3, records.size(), records.toString());
    List<Integer> attempts = new ArrayList<>();
    for (JsonNode record : records) {
      assertTrue(record.get("ok").asBoolean(), record.toString());
      attempts.add(record.get("attempts").asInt());
    }
    assertEquals(List.of(1, 2, 2), attempts.stream().sorted().toList(), records.toString());
    assertEquals(3, processed.get(), "each POST processed once");
    assertEquals(5, received.get(), "the two refused POSTs were sent once more");
  }

  @Test
  void goawayBelowAStreamAlreadyAnsweredDoesNotResendThatPost() throws Exception {
    start(3, true);
    Result r = postThree();
    assertEquals(1, r.exitCode(), r.toString());
    List<JsonNode> records = Logs.jsonl(dir.resolve("log"));
    assertEquals(3, records.size(), records.toString());
    int truncated = 0;
    for (JsonNode record : records) {
      if (!record.get("ok").asBoolean()) {
        truncated++;
        assertEquals(1, record.get("attempts").asInt(), record.toString());
        assertTrue(record.get("error").asText().startsWith("truncated: "), record.toString());
      }
    }
    assertEquals(1, truncated, records.toString());
    // The lowest answered, the second's answer begun (so processed), the third refused and sent
    // again: each processed once, four streams in all.
    assertEquals(3, processed.get(), records.toString());
    assertEquals(4, received.get(), records.toString());
  }
}
