package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Servers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.connection.ConnectionListener;
import org.junit.jupiter.api.Test;

/**
 * The connection pool's clean-up runs on a timer instead of being woken by every released
 * connection, and still does its job. Every check waits for an event (a poll of the clean-up
 * thread, a closed connection), never for an amount of time.
 */
class PolledCleanupBackendIT {
  /** Counts closed connections. */
  private static final class Closes extends ConnectionListener {
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void connectionClosed(Connection connection) {
      closed.countDown();
    }
  }

  private static String get(OkHttpClient client, String url) throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.body().string();
    }
  }

  @Test
  void connectionsAreReusedAndAnIdleOneWithinItsKeepAliveOutlivesThePolls() throws Exception {
    PolledCleanupBackend backend = new PolledCleanupBackend();
    Closes listener = new Closes();
    ConnectionPool pool = backend.newPool(4, 5, TimeUnit.MINUTES, listener);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    try (MockWebServer server = Servers.ok()) {
      for (int i = 0; i < 3; i++) {
        assertEquals("ok", get(client, server.url("/" + i).toString()));
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(0, server.takeRequest().getConnectionIndex(), "request " + i);
      }
      backend.polls.drainPermits();
      // The release scheduled a clean-up; two polls later it has run and kept the connection.
      assertTrue(backend.polls.tryAcquire(2, 60, TimeUnit.SECONDS), "the clean-up never polled");
      assertEquals(1, pool.idleConnectionCount());
      assertEquals(1, listener.closed.getCount(), "closed before its keep-alive");
    }
  }

  @Test
  void anIdleConnectionPastItsKeepAliveIsClosed() throws Exception {
    Closes listener = new Closes();
    ConnectionPool pool = new PolledCleanupBackend().newPool(4, 1, TimeUnit.MILLISECONDS, listener);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    try (MockWebServer server = Servers.ok()) {
      assertEquals("ok", get(client, server.url("/").toString()));
      assertTrue(listener.closed.await(60, TimeUnit.SECONDS), "the idle connection stayed open");
      assertEquals(0, pool.connectionCount());
    }
  }

  /**
   * With a five-minute keep-alive the clean-up thread, after its first run, sleeps until then; a
   * released connection does not wake it. The pool's limit of idle connections is still enforced
   * because the thread wakes on its own at least once a second.
   */
  @Test
  void anIdleConnectionOverThePoolsLimitIsClosedWithoutWaitingForTheKeepAlive() throws Exception {
    Closes listener = new Closes();
    ConnectionPool pool = new PolledCleanupBackend().newPool(1, 5, TimeUnit.MINUTES, listener);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    CountDownLatch bothArrived = new CountDownLatch(2);
    Dispatcher holdUntilBoth =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            bothArrived.countDown();
            bothArrived.await(30, TimeUnit.SECONDS); // so the two calls need two connections
            return new MockResponse.Builder().body("ok").build();
          }
        };
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (MockWebServer server = Servers.start(holdUntilBoth)) {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String url = server.url("/" + i).toString();
        calls.add(callers.submit(() -> get(client, url)));
      }
      for (Future<String> call : calls) {
        assertEquals("ok", call.get(30, TimeUnit.SECONDS));
      }
      assertTrue(
          listener.closed.await(60, TimeUnit.SECONDS),
          "two idle connections with a limit of one: one should have been closed");
      assertEquals(1, pool.connectionCount());
    } finally {
      callers.shutdownNow();
    }
  }
}
