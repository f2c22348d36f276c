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
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback rate limiter that decides as nginx's {@code limit_req} does
 * (ngx_http_limit_req_module, {@code ngx_http_limit_req_lookup}): a leaky bucket kept in
 * milli-requests at millisecond resolution, {@code excess = max(0, excess - rate·ms + 1000)},
 * refused with 429 when {@code excess > burst·1000} ({@code nodelay}: an accepted request is served
 * at once), and a refused request leaves the bucket as it was. With burst 0 a request is served
 * only when at least {@code 1/rate} has passed since the last one served.
 *
 * <p>Time is its {@link #clock()}, a {@link FakeClock} driven by the engine's workers and this
 * server's handlers, which the CLI must run on: arrivals are stamped on it, so the figures are the
 * same on an idle machine and a loaded one.
 *
 * <p>Optionally the limiter reads a clock that lags (nginx stamps a request with the time cached
 * when its event loop woke, up to a few milliseconds old): each arrival is seen {@code lagMillis}
 * late with probability {@code lagShare}, from a seeded sequence. That is what makes requests sent
 * exactly {@code 1/rate} apart arrive "a millisecond early" for the limiter now and then.
 *
 * <p>Optionally its quota is spent for a while ({@link Builder#spent}): as an API whose hourly
 * quota ran out, it then refuses every request, with a Retry-After of the whole seconds left.
 */
public final class LeakyBucketServer implements AutoCloseable {
  /** One request as the server saw it, on the true virtual clock. */
  public record Hit(long arrivalNanos, int status) {}

  /** The handler threads' name: participants of the clock. */
  private static final String THREAD_NAME = "leaky-bucket-server";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inService = new AtomicInteger();
  private final FakeClock clock;
  private final long ratePerSecond;
  private final long burstMilli;
  private final int retryAfterSeconds;
  private final int lagMillis;
  private final double lagShare;
  private final long spentFromNanos;
  private final long spentForNanos;

  /** Guards the bucket and the lag sequence. */
  private final Object bucket = new Object();

  private final SplittableRandom lags = new SplittableRandom(16);
  private long excess;
  private long lastMillis = Long.MIN_VALUE;
  private long firstArrivalNanos;
  private boolean arrived;

  private LeakyBucketServer(Builder b) {
    this.ratePerSecond = b.ratePerSecond;
    this.burstMilli = b.burst * 1000L;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.lagMillis = b.lagMillis;
    this.lagShare = b.lagShare;
    this.spentFromNanos = TimeUnit.MILLISECONDS.toNanos(b.spentFromMillis);
    this.spentForNanos = TimeUnit.MILLISECONDS.toNanos(b.spentForMillis);
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
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code limit_req_zone ... rate=<perSecond>r/s; limit_req zone=z; limit_req_status 429;}. */
  public static Builder limiting(long perSecond) {
    return new Builder(perSecond);
  }

  /** The limiter's settings. */
  public static final class Builder {
    private final long ratePerSecond;
    private int burst;
    private int retryAfterSeconds = -1;
    private int lagMillis;
    private double lagShare;
    private long spentFromMillis;
    private long spentForMillis;

    private Builder(long ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
    }

    /** {@code burst=n nodelay}. */
    public Builder burst(int n) {
      this.burst = n;
      return this;
    }

    /** {@code add_header Retry-After <seconds> always;} on each 429. */
    public Builder retryAfter(int seconds) {
      this.retryAfterSeconds = seconds;
      return this;
    }

    /** The limiter sees {@code share} of the arrivals {@code millis} late (a stale time cache). */
    public Builder lag(int millis, double share) {
      this.lagMillis = millis;
      this.lagShare = share;
      return this;
    }

    /**
     * From {@code fromMillis} after the first arrival, for {@code forMillis}, every request is
     * refused with 429 and a Retry-After of the whole seconds left (rounded up).
     */
    public Builder spent(long fromMillis, long forMillis) {
      this.spentFromMillis = fromMillis;
      this.spentForMillis = forMillis;
      return this;
    }

    public LeakyBucketServer start() {
      return new LeakyBucketServer(this);
    }
  }

  /**
   * While the quota is spent, the whole seconds until it is back; else -1. Requires {@link
   * #bucket}.
   */
  private long spentSecondsLeft(long arrivalNanos) {
    if (!arrived) {
      arrived = true;
      firstArrivalNanos = arrivalNanos;
    }
    long since = arrivalNanos - firstArrivalNanos;
    if (spentForNanos == 0 || since < spentFromNanos || since >= spentFromNanos + spentForNanos) {
      return -1;
    }
    long left = spentFromNanos + spentForNanos - since;
    return (left + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * The Retry-After of a refusal while the quota is spent, 0 when the request arriving now is
   * served (the bucket updated then), or -1 for a refusal of the bucket.
   */
  private long decide(long arrivalNanos) {
    synchronized (bucket) {
      long spent = spentSecondsLeft(arrivalNanos);
      if (spent > 0) {
        return spent;
      }
      return admit(arrivalNanos) ? 0 : -1;
    }
  }

  /** True when the request arriving now is served; updates the bucket then. */
  private boolean admit(long arrivalNanos) {
    synchronized (bucket) {
      long seen = arrivalNanos - (lags.nextDouble() < lagShare ? lagMillis * 1_000_000L : 0);
      long now = TimeUnit.NANOSECONDS.toMillis(seen);
      long ms = lastMillis == Long.MIN_VALUE ? 60_000 : Math.max(0, now - lastMillis);
      long next = Math.max(0, excess - ratePerSecond * ms + 1000);
      if (next > burstMilli) {
        return false;
      }
      excess = next;
      if (ms != 0) {
        lastMillis = now;
      }
      return true;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    inService.incrementAndGet();
    boolean answered = false;
    long arrival = clock.nanoTime();
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      long decision = decide(arrival);
      int status = decision == 0 ? 200 : 429;
      hits.add(new Hit(arrival, status));
      long retryAfter = decision > 0 ? decision : retryAfterSeconds;
      if (status == 429 && retryAfter >= 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
      }
      // The answer goes on the wire: time stands still until the worker has read it.
      inService.decrementAndGet();
      answered = true;
      // No body: the headers go out in one write (see PushbackServer for why).
      exchange.sendResponseHeaders(status, -1);
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

  /** The quota, requests per second. */
  public long ratePerSecond() {
    return ratePerSecond;
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
