package io.batchsend.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP server on 127.0.0.1 and an ephemeral port that answers every request with 200 and a
 * JSON echo of its method, path and query: the target of {@code --demo}, and over HTTPS of the
 * class-data archive's training run.
 */
public final class EchoServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String scheme;

  private EchoServer(HttpServer server, ExecutorService executor, String scheme) {
    this.server = server;
    this.executor = executor;
    this.scheme = scheme;
  }

  /** Starts a server on loopback. */
  public static EchoServer start() throws IOException {
    noDelay();
    return start(HttpServer.create(loopback(), 64), "http");
  }

  /** Starts an HTTPS server on loopback that presents the key and certificate of {@code tls}. */
  public static EchoServer startHttps(SSLContext tls) throws IOException {
    noDelay();
    HttpsServer server = HttpsServer.create(loopback(), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return start(server, "https");
  }

  /**
   * Without TCP_NODELAY every small response waits ~40 ms on the peer's delayed ACK. The JDK reads
   * the property once, when its first server is made.
   */
  private static void noDelay() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  private static EchoServer start(HttpServer server, String scheme) {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "batchsend-demo-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", EchoServer::echo);
    server.start();
    return new EchoServer(server, executor, scheme);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void echo(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String query = exchange.getRequestURI().getRawQuery();
    String body =
        "{\"method\":\""
            + exchange.getRequestMethod()
            + "\",\"path\":\""
            + jsonSafe(exchange.getRequestURI().getRawPath())
            + "\",\"query\":\""
            + jsonSafe(query == null ? "" : query)
            + "\"}\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Raw paths and queries are percent-encoded ASCII; only quotes and backslashes need care. */
  private static String jsonSafe(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
