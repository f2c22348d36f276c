package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Clock;
import io.batchsend.engine.RateLimiter;
import io.batchsend.engine.RunControl;
import io.batchsend.support.Arrivals;
import io.batchsend.support.FakeClock;
import io.batchsend.support.Servers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The start burst of issue 12 item 14, reproduced: the workers' rate slots pass while the first
 * connections are still being made, and those connections become ready together. Connecting is a
 * sleep on a {@link FakeClock} until one instant, as when a run's first connections wait on the
 * same one-time setup; the write gate must still space the writes.
 */
class RateSlotInterceptorTest {
  private static final long MILLIS = 1_000_000L;

  /** Sockets whose connect completes only when virtual time reaches {@code readyAt}. */
  private static SocketFactory readyAt(FakeClock clock, long readyAt) {
    RunControl never = new RunControl();
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            try {
              clock.sleep(readyAt - clock.nanoTime(), never);
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException();
            }
            super.connect(endpoint, timeout);
          }
        };
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void requestsWhoseConnectionsBecomeReadyTogetherAreStillWrittenOneSlotApart() throws Exception {
    int workers = 4;
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, r -> new Thread(r, "burst-worker-" + names.incrementAndGet()));
    try (FakeClock clock = FakeClock.drivenBy("burst-worker-", Set.of())) {
      Arrivals arrivals = Arrivals.ok(clock);
      // 20/s: the workers' slots are at 0, 50, 100 and 150 ms; every connection is ready at 200.
      RateLimiter rate = RateLimiter.perSecond(20, clock);
      OkHttpClient client =
          RateSlotInterceptor.install(
              new OkHttpClient.Builder()
                  // Connects on the calling thread, the one that sleeps on the clock.
                  .fastFallback(false)
                  .socketFactory(readyAt(clock, clock.nanoTime() + 200 * MILLIS))
                  .build(),
              rate,
              clock);
      RunControl control = new RunControl();
      try (MockWebServer server = Servers.start(arrivals)) {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
          String url = Servers.url(server, "/" + i);
          calls.add(pool.submit(() -> call(client, url, rate, clock, control)));
        }
        for (Future<Integer> call : calls) {
          assertEquals(200, call.get(60, TimeUnit.SECONDS));
        }
      }
      List<Long> t = arrivals.times();
      assertEquals(workers, t.size());
      assertTrue(
          arrivals.minGapNanos() >= 50 * MILLIS,
          "requests written "
              + arrivals.minGapNanos() / MILLIS
              + " ms apart at 20/s once their connections were ready: "
              + arrivals.all());
      assertEquals(FakeClock.START_NANOS + 200 * MILLIS, t.get(0), "the first as soon as it could");
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    } finally {
      pool.shutdownNow();
    }
  }

  /** What a worker does: wait for its own rate slot, then make the call. */
  private static int call(
      OkHttpClient client, String url, RateLimiter rate, Clock clock, RunControl control)
      throws Exception {
    assertTrue(clock.sleep(rate.reserve(), control));
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
