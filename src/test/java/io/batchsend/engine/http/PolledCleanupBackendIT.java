package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Servers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.connection.ConnectionListener;
import org.junit.jupiter.api.Test;

/** The connection pool's clean-up runs on a timer, and still closes idle connections. */
class PolledCleanupBackendIT {
  @Test
  void connectionsAreReusedAndAnIdleOneIsStillClosedAfterItsKeepAlive() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    ConnectionListener listener =
        new ConnectionListener() {
          @Override
          public void connectionClosed(Connection connection) {
            closed.countDown();
          }
        };
    ConnectionPool pool =
        new ConnectionPool(
            4, 200, TimeUnit.MILLISECONDS, PolledCleanupBackend.taskRunner(), listener);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    try (MockWebServer server = Servers.ok()) {
      for (int i = 0; i < 3; i++) {
        try (Response response =
            client.newCall(new Request.Builder().url(server.url("/" + i)).build()).execute()) {
          assertEquals("ok", response.body().string());
        }
      }
      assertEquals(1, pool.connectionCount(), "one connection, reused");
      assertTrue(closed.await(30, TimeUnit.SECONDS), "the idle connection was never closed");
      assertEquals(0, pool.connectionCount());
    }
  }
}
