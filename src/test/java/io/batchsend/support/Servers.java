package io.batchsend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Loopback test servers. */
public final class Servers {
  private Servers() {}

  /** A started server on 127.0.0.1 answering every request with {@code dispatcher}. */
  public static MockWebServer start(Dispatcher dispatcher) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(dispatcher);
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /** A started server answering every request 200 "ok". */
  public static MockWebServer ok() {
    return start(answer(200, "ok"));
  }

  /** A dispatcher giving every request the same answer. */
  public static Dispatcher answer(int code, String body) {
    MockResponse response = new MockResponse.Builder().code(code).body(body).build();
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    };
  }

  /** {@code http://127.0.0.1:PORT} + path. */
  public static String url(MockWebServer server, String pathAndQuery) {
    return "http://127.0.0.1:" + server.getPort() + pathAndQuery;
  }
}
