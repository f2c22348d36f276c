package io.batchsend.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server (the JDK's) whose time is a {@link FakeClock} it shares with the run it
 * serves, and which records server-side when each request arrived and what it was answered. A
 * subclass only says what a request is answered (its {@link Responder}); this class stamps the
 * arrival, counts the request as in service until its answer is written, and writes the answer.
 *
 * <p>The responder is handed to the constructor, built before the server starts, rather than asked
 * of an overridden method: a request served while a subclass is still being constructed would see
 * its fields unset.
 */
public abstract class VirtualTimeServer implements AutoCloseable {
  /** One request as the server saw it, on the virtual clock. */
  public record Hit(long arrivalNanos, int status) {}

  /** What a request is answered: a status and a Retry-After in seconds, or -1 for none. */
  record Answer(int status, long retryAfterSeconds) {}

  /** Decides the answer to the request that arrived at {@code arrivalNanos}, on the handler. */
  @FunctionalInterface
  interface Responder {
    Answer answer(FakeClock clock, long arrivalNanos) throws InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
  private final CountDownLatch firstRefusal = new CountDownLatch(1);

  /** Requests from arrival until their answer is written: while a worker waits on one of them. */
  private final AtomicInteger inService = new AtomicInteger();

  private final FakeClock clock;

  /**
   * Starts serving on an ephemeral loopback port.
   *
   * @param threadName the handler threads' name, by which the clock knows them as participants
   */
  VirtualTimeServer(String threadName, Responder responder) {
    clock = FakeClock.drivingWorkersAndServer(threadName, inService::get);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, responder));
    server.start();
  }

  private void handle(HttpExchange exchange, Responder responder) throws IOException {
    inService.incrementAndGet();
    boolean answered = false;
    long arrival = clock.nanoTime();
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      Answer answer;
      try {
        answer = responder.answer(clock, arrival);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = new Answer(503, -1);
      }
      hits.add(new Hit(arrival, answer.status()));
      if (answer.status() != 200) {
        firstRefusal.countDown();
      }
      if (answer.retryAfterSeconds() >= 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfterSeconds()));
      }
      // The answer goes on the wire: time stands still until the worker has read it.
      inService.decrementAndGet();
      answered = true;
      // No body: the headers go out in one write. A body written after them waits for the
      // client's delayed ACK (Nagle), about 40 ms, which would dwarf the service times.
      exchange.sendResponseHeaders(answer.status(), -1);
    } finally {
      if (!answered) {
        inService.decrementAndGet();
      }
    }
  }

  /** {@code http://127.0.0.1:PORT} + path. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** The virtual time this server and the run it serves share. */
  public FakeClock clock() {
    return clock;
  }

  /** Every request so far, sorted by arrival. */
  public List<Hit> hits() {
    List<Hit> sorted = new ArrayList<>(hits);
    sorted.sort((a, b) -> Long.compare(a.arrivalNanos(), b.arrivalNanos()));
    return sorted;
  }

  /** Counted down, once the hit is recorded, when the server first answers anything but 200. */
  CountDownLatch firstRefusal() {
    return firstRefusal;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      clock.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
