package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.EngineSettings;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.TlsProviderChoice;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.Clock;
import io.batchsend.engine.ResponseBody;
import io.batchsend.support.Servers;
import io.batchsend.template.Header;
import io.batchsend.template.RenderedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender against a real loopback server: redirects, origins, bodies kept and cut. */
class OkHttpSenderTest {
  @TempDir Path spool;

  private final MockWebServer server = Servers.start(new mockwebserver3.QueueDispatcher());
  private OkHttpSender sender;

  @AfterEach
  void close() throws Exception {
    if (sender != null) {
      sender.close();
    }
    server.close();
  }

  private OkHttpSender sender(long maxBody, Path spoolDirectory, boolean locationTrusted) {
    EngineSettings settings =
        new EngineSettings(
            2,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            maxBody,
            new NetworkSettings(false, null, null, locationTrusted, TlsProviderChoice.AUTO));
    sender =
        new OkHttpSender(
            HttpClientFactory.create(settings, Map.of()),
            maxBody,
            spoolDirectory,
            locationTrusted,
            Clock.SYSTEM);
    return sender;
  }

  private static RenderedRequest post(String url, String body, Header... headers) {
    return new RenderedRequest(
        "POST",
        url,
        url,
        List.of(headers),
        body.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private static RenderedRequest get(String url) {
    return new RenderedRequest("GET", url, url, List.of(), null, null);
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).setHeader("Location", location).build();
  }

  private static byte[] read(ResponseBody body) throws Exception {
    try (InputStream in = body.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void sameOrigin307KeepsMethodBodyAndHeaders() throws Exception {
    server.enqueue(redirect(307, "/b"));
    server.enqueue(new MockResponse.Builder().body("done").build());
    Attempt a =
        sender(1000, null, false)
            .send(post(Servers.url(server, "/a"), "{}", new Header("X-Key", "k", "k")));
    assertEquals(200, a.status());
    assertNull(a.failure());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("POST", second.getMethod());
    assertEquals("{}", second.getBody().utf8());
    assertEquals("k", second.getHeaders().get("X-Key"));
  }

  @Test
  void crossOrigin307WithABodyIsRefusedWithoutLocationTrusted() throws Exception {
    String other = Servers.url(server, "/b").replace("127.0.0.1", "localhost");
    server.enqueue(redirect(307, other));
    Attempt a = sender(1000, null, false).send(post(Servers.url(server, "/a"), "{\"s\":1}"));
    assertEquals(307, a.status());
    assertEquals("redirect", a.failure().word());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void crossOrigin307WithLocationTrustedSendsTheBodyButNotTheHeaders() throws Exception {
    String other = Servers.url(server, "/b").replace("127.0.0.1", "localhost");
    server.enqueue(redirect(307, other));
    server.enqueue(new MockResponse.Builder().body("done").build());
    Attempt a =
        sender(1000, null, true)
            .send(
                post(
                    Servers.url(server, "/a"),
                    "{\"s\":1}",
                    new Header("Authorization", "Bearer t", "***")));
    assertEquals(200, a.status());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("{\"s\":1}", second.getBody().utf8());
    assertNull(second.getHeaders().get("Authorization"));
  }

  @Test
  void crossOrigin307ForAPostWithoutABodyIsFollowed() throws Exception {
    String other = Servers.url(server, "/b").replace("127.0.0.1", "localhost");
    server.enqueue(redirect(307, other));
    server.enqueue(new MockResponse.Builder().body("done").build());
    String url = Servers.url(server, "/a");
    Attempt a =
        sender(1000, null, false)
            .send(new RenderedRequest("POST", url, url, List.of(), null, null));
    assertEquals(200, a.status());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void crossOriginGetIsFollowedWithoutCredentials() throws Exception {
    String other = Servers.url(server, "/b").replace("127.0.0.1", "localhost");
    server.enqueue(redirect(302, other));
    server.enqueue(new MockResponse.Builder().body("done").build());
    Attempt a = sender(1000, null, false).send(get(Servers.url(server, "/a")));
    assertEquals(200, a.status());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void redirectsStopAfterTheLimit() throws Exception {
    for (int i = 0; i <= OkHttpSender.MAX_REDIRECTS; i++) {
      server.enqueue(redirect(302, "/again"));
    }
    Attempt a = sender(1000, null, false).send(get(Servers.url(server, "/a")));
    assertEquals(302, a.status());
    assertEquals(OkHttpSender.MAX_REDIRECTS + 1, server.getRequestCount());
  }

  @Test
  void aSmallBodyIsKeptInMemory() throws Exception {
    server.enqueue(new MockResponse.Builder().body("small").build());
    Attempt a = sender(1000, spool, false).send(get(Servers.url(server, "/")));
    assertNull(a.body().file());
    assertEquals("small", new String(read(a.body()), StandardCharsets.UTF_8));
  }

  @Test
  void aLargeBodyIsStreamedToASpoolFileNotHeldInMemory() throws Exception {
    byte[] large = new byte[BodySpool.IN_MEMORY_LIMIT * 4];
    Arrays.fill(large, (byte) 'x');
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(large)).build());
    Attempt a = sender(10_000_000, spool, false).send(get(Servers.url(server, "/")));
    ResponseBody body = a.body();
    assertNotNull(body.file(), "a body over the in-memory limit goes to a file");
    assertTrue(body.isTemporary());
    assertEquals(spool, body.file().getParent());
    assertEquals(large.length, body.size());
    assertArrayEquals(large, read(body));
    body.discard();
    assertFalse(Files.exists(body.file()));
  }

  @Test
  void aBodyOverMaxBodyIsCutAndMarked() throws Exception {
    byte[] large = new byte[200_000];
    Arrays.fill(large, (byte) 'y');
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(large)).build());
    Attempt a = sender(100_000, spool, false).send(get(Servers.url(server, "/")));
    assertEquals("too-large", a.failure().word());
    assertEquals(100_000, a.bytes());
    assertTrue(a.body().truncated());
    assertEquals(100_000, a.body().size());
    a.body().discard();
  }

  @Test
  void withoutASpoolDirectoryBodiesAreCountedNotKept() throws Exception {
    server.enqueue(new MockResponse.Builder().body("counted").build());
    Attempt a = sender(1000, null, false).send(get(Servers.url(server, "/")));
    assertNull(a.body());
    assertEquals(7, a.bytes());
  }
}
