package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.EngineSettings;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.TlsProviderChoice;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.Clock;
import io.batchsend.support.Servers;
import io.batchsend.template.RenderedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first calls of a run to an https origin: over HTTP/2 one connection serves them all (no
 * handshakes made and thrown away), over HTTP/1.1 they still connect in parallel, and a first call
 * that fails does not hold the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang fails instead of blocking the build
class FirstConnectionGateIT {
  private static final int WORKERS = 8;
  private static final String HOST = "gate.test";

  private final List<Thread> workers = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(WORKERS);
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private MockWebServer server;
  private OkHttpSender sender;

  @AfterEach
  void close() throws Exception {
    for (Thread worker : workers) {
      worker.interrupt();
    }
    if (sender != null) {
      sender.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Counts DNS lookups (OkHttp looks the host up once per new connection it plans). The first
   * lookup waits until every other worker has either looked the host up too or is waiting, so that
   * all workers have reached the point of connecting before the first connection is made: what a
   * run's first calls look like, without depending on timing.
   */
  private final class CountingDns implements Dns {
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public List<InetAddress> lookup(String hostname) {
      if (lookups.incrementAndGet() == 1) {
        awaitUninterruptibly(ready);
        while (lookups.get() + waitingWorkers() < WORKERS) {
          LockSupport.parkNanos(1_000_000);
        }
      }
      return List.of(InetAddress.getLoopbackAddress());
    }
  }

  private int waitingWorkers() {
    int waiting = 0;
    for (Thread worker : workers) {
      if (worker.getState() == Thread.State.WAITING) {
        waiting++;
      }
    }
    return waiting;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean done = false;
    while (!done) {
      try {
        latch.await();
        done = true;
      } catch (InterruptedException e) {
        // a lookup is not interruptible; the test's workers are interrupted only at the end
      }
    }
  }

  private MockWebServer httpsServer(List<Protocol> protocols, Dispatcher dispatcher)
      throws Exception {
    HeldCertificate certificate =
        new HeldCertificate.Builder().addSubjectAlternativeName(HOST).build();
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    MockWebServer started = new MockWebServer();
    started.useHttps(serverSide.sslSocketFactory());
    started.setProtocols(protocols);
    started.setDispatcher(dispatcher);
    started.start(InetAddress.getLoopbackAddress(), 0);
    return started;
  }

  private OkHttpSender sender(Dns dns) {
    EngineSettings settings =
        new EngineSettings(
            WORKERS,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            1024,
            new NetworkSettings(true, null, null, false, TlsProviderChoice.AUTO));
    OkHttpClient client =
        HttpClientFactory.create(settings, Map.of()).newBuilder().dns(dns).build();
    sender = new OkHttpSender(client, 1024, null, false, Clock.SYSTEM);
    return sender;
  }

  /** All workers send one GET to {@code url} at once; returns when all have their attempt. */
  private void sendFromEveryWorker(String url) throws InterruptedException {
    RenderedRequest get = new RenderedRequest("GET", url, url, List.of(), null, null);
    for (int i = 0; i < WORKERS; i++) {
      Thread worker =
          new Thread(
              () -> {
                ready.countDown();
                attempts.add(sender.send(get));
              },
              "gate-worker-" + i);
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  @Test
  void theFirstCallsOverHttp2ShareOneConnectionInsteadOfEachHandshaking() throws Exception {
    server = httpsServer(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1), Servers.answer(200, "ok"));
    CountingDns dns = new CountingDns();
    sender(dns);

    sendFromEveryWorker("https://" + HOST + ":" + server.getPort() + "/item");

    assertEquals(WORKERS, attempts.size());
    for (Attempt attempt : attempts) {
      assertEquals(200, attempt.status(), String.valueOf(attempt));
    }
    assertEquals(1, dns.lookups.get(), "connections planned");
    for (int i = 0; i < WORKERS; i++) {
      RecordedRequest request = server.takeRequest();
      assertEquals(0, request.getConnectionIndex(), "every request on the first connection");
    }
  }

  @Test
  void theFirstCallsOverHttp11StillConnectInParallel() throws Exception {
    // Each request is answered only once all of them have arrived: a worker held until the first
    // response would never let that happen.
    CountDownLatch allArrived = new CountDownLatch(WORKERS);
    Dispatcher afterAll =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allArrived.countDown();
            allArrived.await();
            return new MockResponse.Builder().code(200).body("ok").build();
          }
        };
    server = httpsServer(List.of(Protocol.HTTP_1_1), afterAll);
    CountingDns dns = new CountingDns();
    sender(dns);

    sendFromEveryWorker("https://" + HOST + ":" + server.getPort() + "/item");

    assertEquals(WORKERS, attempts.size());
    for (Attempt attempt : attempts) {
      assertEquals(200, attempt.status(), String.valueOf(attempt));
    }
    assertEquals(WORKERS, server.getRequestCount());
  }

  @Test
  void aFirstCallThatCannotConnectDoesNotHoldTheOthers() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    CountingDns dns = new CountingDns();
    sender(dns);

    sendFromEveryWorker("https://" + HOST + ":" + deadPort + "/item");

    assertEquals(WORKERS, attempts.size());
    for (Attempt attempt : attempts) {
      assertNotNull(attempt.failure(), String.valueOf(attempt));
      assertTrue(attempt.failure().kind().neverReachedServer(), String.valueOf(attempt));
    }
  }
}
