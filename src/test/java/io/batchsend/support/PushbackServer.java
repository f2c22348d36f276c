package io.batchsend.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.batchsend.engine.RunControl;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that pushes back like a real API does, and records server-side when each
 * request arrived and what it was answered. Time is its {@link #clock()}, a {@link FakeClock}
 * driven by the engine's workers and this server's handlers: the sleeps in the handlers are
 * simulated service time on it and arrivals are stamped on it, so the figures are the same on an
 * idle machine and a loaded one. Run the CLI on that clock.
 */
public final class PushbackServer implements AutoCloseable {
  /** One request as the server saw it. */
  public record Hit(long arrivalNanos, int status) {}

  /** What the server answers: a status and a Retry-After in seconds, or -1 for none. */
  private record Answer(int status, int retryAfterSeconds) {}

  @FunctionalInterface
  private interface Policy {
    Answer answer(FakeClock clock) throws InterruptedException;
  }

  /** The handler threads' name: participants of the clock. */
  private static final String THREAD_NAME = "pushback-server";

  /** Never stopped: a handler's service time always runs out. */
  private static final RunControl SERVING = new RunControl();

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
  private final CountDownLatch firstPushback = new CountDownLatch(1);

  /** Requests from arrival until their answer is written: while a worker waits on one of them. */
  private final AtomicInteger inService = new AtomicInteger();

  private final FakeClock clock;

  private PushbackServer(Policy policy) {
    clock = FakeClock.drivingWorkersAndServer(THREAD_NAME, inService::get);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, THREAD_NAME);
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, policy));
    server.start();
  }

  /**
   * Serves at most {@code slots} requests at once, each for {@code holdMillis}; answers 429 (no
   * Retry-After) to any request beyond that.
   */
  public static PushbackServer withCapacity(int slots, long holdMillis) {
    Semaphore free = new Semaphore(slots);
    return new PushbackServer(
        clock -> {
          if (!free.tryAcquire()) {
            return new Answer(429, -1);
          }
          try {
            hold(clock, holdMillis);
          } finally {
            // Released before the answer is written: a client that has its answer sees a slot.
            free.release();
          }
          return new Answer(200, -1);
        });
  }

  /**
   * Serves {@code perSecond} requests in each second since the server started; beyond that answers
   * 429 with {@code Retry-After: 1}.
   */
  public static PushbackServer withRateLimit(int perSecond) {
    Object lock = new Object();
    long[] window = {0};
    int[] used = {0};
    return new PushbackServer(
        clock -> {
          synchronized (lock) {
            long current = clock.elapsedNanos() / 1_000_000_000L;
            if (current != window[0]) {
              window[0] = current;
              used[0] = 0;
            }
            if (used[0] < perSecond) {
              used[0]++;
              return new Answer(200, -1);
            }
          }
          return new Answer(429, 1);
        });
  }

  /** Answers 429 with {@code Retry-After: seconds} to everything. */
  public static PushbackServer alwaysRetryAfter(int seconds) {
    return new PushbackServer(clock -> new Answer(429, seconds));
  }

  /**
   * Takes {@code fastMillis} per request while at most {@code knee} are in flight, {@code
   * slowMillis} for each request that arrives beyond that.
   */
  public static PushbackServer slowerAbove(int knee, long fastMillis, long slowMillis) {
    AtomicInteger inFlight = new AtomicInteger();
    return new PushbackServer(
        clock -> {
          int n = inFlight.incrementAndGet();
          try {
            hold(clock, n > knee ? slowMillis : fastMillis);
          } finally {
            inFlight.decrementAndGet();
          }
          return new Answer(200, -1);
        });
  }

  /** Answers 200 to everything after {@code holdMillis}. */
  public static PushbackServer healthy(long holdMillis) {
    return new PushbackServer(
        clock -> {
          hold(clock, holdMillis);
          return new Answer(200, -1);
        });
  }

  /** Service time: a sleep on the virtual clock. */
  private static void hold(FakeClock clock, long millis) throws InterruptedException {
    clock.sleep(TimeUnit.MILLISECONDS.toNanos(millis), SERVING);
  }

  private void handle(HttpExchange exchange, Policy policy) throws IOException {
    inService.incrementAndGet();
    boolean answered = false;
    long arrival = clock.nanoTime();
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      Answer answer;
      try {
        answer = policy.answer(clock);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = new Answer(503, -1);
      }
      hits.add(new Hit(arrival, answer.status()));
      if (answer.status() != 200) {
        firstPushback.countDown();
      }
      if (answer.retryAfterSeconds() >= 0) {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Integer.toString(answer.retryAfterSeconds()));
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

  /** Counted down when the server first answers anything but 200. */
  public CountDownLatch firstPushback() {
    return firstPushback;
  }

  /** Every request so far, sorted by arrival. */
  public List<Hit> hits() {
    List<Hit> sorted = new ArrayList<>(hits);
    sorted.sort((a, b) -> Long.compare(a.arrivalNanos(), b.arrivalNanos()));
    return sorted;
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
