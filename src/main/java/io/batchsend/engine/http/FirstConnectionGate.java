package io.batchsend.engine.http;

import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;

/**
 * Lets the first call of a run to an https origin connect alone; the other calls to that origin
 * wait until it holds its connection, then go on together.
 *
 * <p>Why: at the start of a run all workers call at once and find the pool empty, so each one
 * connects. Over HTTP/2 OkHttp then keeps one or two of those connections and closes the rest
 * (calls share a multiplexed connection): at -c 256, 256 TLS handshakes were made and ~254 thrown
 * away, about 40 % of the run's CPU on this machine. Once the first connection is in the pool, the
 * waiting calls share it over HTTP/2 (more connections open only when its stream limit is reached);
 * over HTTP/1.1 they open their own connections in parallel, as before, a handshake later. Plain
 * http is never held: without TLS there is no HTTP/2 to share.
 *
 * <p>The gate opens for good when the first call has a connection or has failed in any way, so a
 * dead server costs the waiting calls at most its connect timeout, once. OkHttp has no public way
 * to open a connection without sending a request, and a request the user did not ask for (a HEAD)
 * is not acceptable, so the first connection is the first item's own call.
 */
final class FirstConnectionGate {
  /** Origins tracked at most: a URL template that varies the host should not grow a map. */
  static final int MAX_ORIGINS = 1024;

  /**
   * An https origin. Its equals and hashCode are written out: a record's generated ones go through
   * method handles, which the launcher's C1-only JIT leaves slow (2 % of a run's CPU samples).
   */
  private record Origin(String host, int port) {
    boolean is(HttpUrl url) {
      return port == url.port() && host.equals(url.host());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Origin o && port == o.port && host.equals(o.host);
    }

    @Override
    public int hashCode() {
      return 31 * host.hashCode() + port;
    }
  }

  private final ConcurrentHashMap<Origin, CountDownLatch> origins = new ConcurrentHashMap<>();

  /** The origin last found open: a run sends nearly every request to one, so no map look-up. */
  private volatile Origin lastOpen;

  /**
   * Waits while another call opens the first connection to {@code url}'s origin.
   *
   * @return the latch this call must open (it is the first to the origin): tag the request with it
   *     and pass it to {@link #opened} when the call is done; null when there is nothing to open
   * @throws InterruptedIOException when interrupted while waiting
   */
  CountDownLatch enter(HttpUrl url) throws InterruptedIOException {
    if (!url.isHttps()) {
      return null;
    }
    Origin open = lastOpen;
    if (open != null && open.is(url)) {
      return null;
    }
    Origin origin = new Origin(url.host(), url.port());
    CountDownLatch gate = origins.get(origin);
    if (gate == null) {
      if (origins.size() >= MAX_ORIGINS) {
        return null;
      }
      CountDownLatch mine = new CountDownLatch(1);
      gate = origins.putIfAbsent(origin, mine);
      if (gate == null) {
        return mine;
      }
    }
    if (gate.getCount() > 0) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the first connection was opened");
      }
    }
    lastOpen = origin;
    return null;
  }

  /** Opens the gate held by {@code first} (null: nothing held); harmless when already open. */
  static void opened(CountDownLatch first) {
    if (first != null) {
      first.countDown();
    }
  }

  /**
   * Opens the first call's gate as soon as it holds a connection (its tag says it is the first),
   * before its response: the others need only the connection.
   */
  static final class Listener extends EventListener {
    @Override
    public void connectionAcquired(Call call, Connection connection) {
      opened(call.request().tag(CountDownLatch.class));
    }
  }
}
