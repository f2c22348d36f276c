package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.EngineSettings;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.TlsProviderChoice;
import io.batchsend.config.UsageException;
import io.batchsend.support.HttpsServers;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS implementation: Conscrypt where it loads, the JDK's otherwise, HTTP/2 with either. */
class TlsProviderIT {
  @TempDir Path dir;

  private MockWebServer server;
  private Path caCert;

  @BeforeEach
  void start() throws Exception {
    caCert = dir.resolve("ca.pem");
    server = HttpsServers.create(caCert);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void autoPicksConscryptWhereItsNativeLibraryLoads() {
    // This build ships the libraries for linux-x86_64 and linux-aarch_64, where tests run.
    TlsProvider tls = TlsProvider.select(TlsProviderChoice.AUTO);
    assertEquals(TlsProvider.Kind.CONSCRYPT, tls.kind(), tls.describe());
    assertTrue(
        tls.describe().matches("Conscrypt \\d+\\.\\d+\\.\\d+ \\(BoringSSL\\)"), tls.describe());
  }

  @Test
  void autoNegotiatesHttp2OverConscryptSockets() throws Exception {
    Socket socket = call(TlsProviderChoice.AUTO, false, Protocol.HTTP_2);
    assertTrue(
        Conscrypt.isConscrypt((javax.net.ssl.SSLSocket) socket), socket.getClass().getName());
  }

  @Test
  void jdkForcedNegotiatesHttp2OverTheJdksSockets() throws Exception {
    Socket socket = call(TlsProviderChoice.JDK, false, Protocol.HTTP_2);
    assertTrue(
        socket.getClass().getName().startsWith("sun.security.ssl."), socket.getClass().getName());
  }

  @Test
  void insecureAcceptsTheUnknownCertificateWithEitherProvider() throws Exception {
    Socket conscrypt = call(TlsProviderChoice.CONSCRYPT, true, Protocol.HTTP_2);
    assertTrue(Conscrypt.isConscrypt((javax.net.ssl.SSLSocket) conscrypt));
    Socket jdk = call(TlsProviderChoice.JDK, true, Protocol.HTTP_2);
    assertTrue(jdk.getClass().getName().startsWith("sun.security.ssl."));
  }

  @Test
  void unknownCertificateIsRefusedWithEitherProvider() {
    for (TlsProviderChoice choice : TlsProviderChoice.values()) {
      OkHttpClient client = client(choice, null, false);
      Request request = new Request.Builder().url(url("/refused")).build();
      assertThrows(
          javax.net.ssl.SSLException.class,
          () -> client.newCall(request).execute().close(),
          choice.toString());
    }
  }

  @Test
  void nativeLibraryThatDoesNotLoadFallsBackToTheJdkAndSaysWhy() {
    TlsProvider tls =
        TlsProvider.select(
            TlsProviderChoice.AUTO,
            () -> {
              throw new UnsatisfiedLinkError(
                  "no conscrypt_openjdk_jni-linux-riscv64 in java.library.path: /usr/lib:/lib");
            });
    assertEquals(TlsProvider.Kind.JDK, tls.kind());
    assertEquals(
        "JDK (SunJSSE), Conscrypt unavailable: no conscrypt_openjdk_jni-linux-riscv64 in"
            + " java.library.path",
        tls.describe());
  }

  @Test
  void noexecTemporaryDirectoryIsNamedAsTheReason() {
    TlsProvider tls =
        TlsProvider.select(
            TlsProviderChoice.AUTO,
            () -> {
              throw (UnsatisfiedLinkError)
                  new UnsatisfiedLinkError("Failed creating temp file (/tmp/libc.so)")
                      .initCause(new java.io.IOException("check volume for \"noexec\" flag"));
            });
    assertEquals(
        "JDK (SunJSSE), Conscrypt unavailable: Failed creating temp file (/tmp/libc.so): check"
            + " volume for \"noexec\" flag",
        tls.describe());
  }

  @Test
  void conscryptAskedForButUnavailableIsAUsageError() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                TlsProvider.select(
                    TlsProviderChoice.CONSCRYPT,
                    () -> {
                      throw new NoClassDefFoundError("org/conscrypt/Conscrypt");
                    }));
    assertEquals(
        "--tls-provider=conscrypt: Conscrypt is not available here: org/conscrypt/Conscrypt",
        e.getMessage());
  }

  @Test
  void jdkForcedNeverTriesConscrypt() {
    TlsProvider tls =
        TlsProvider.select(
            TlsProviderChoice.JDK,
            () -> {
              throw new AssertionError("Conscrypt was tried");
            });
    assertEquals("JDK (SunJSSE)", tls.describe());
  }

  @Test
  void socketFactoryIsNotChosenBeforeTheFirstTlsConnection() throws Exception {
    AtomicReference<String> chosen = new AtomicReference<>();
    DeferredSslSocketFactory sockets =
        new DeferredSslSocketFactory(
            () -> {
              chosen.set("now");
              return TlsProvider.select(TlsProviderChoice.JDK)
                  .socketFactory(Trust.withExtraAnchors(caCert).trustManager);
            });
    assertEquals(null, chosen.get());
    try (Socket s = sockets.createSocket()) {
      assertEquals("now", chosen.get());
    }
  }

  /** One GET over {@code choice}; the TLS socket it went over. */
  private Socket call(TlsProviderChoice choice, boolean insecure, Protocol expected)
      throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    AtomicReference<Socket> socket = new AtomicReference<>();
    OkHttpClient client =
        client(choice, insecure ? null : caCert, insecure)
            .newBuilder()
            .addNetworkInterceptor(
                chain -> {
                  socket.set(chain.connection().socket());
                  return chain.proceed(chain.request());
                })
            .build();
    try (Response response =
        client.newCall(new Request.Builder().url(url("/a")).build()).execute()) {
      assertEquals("ok", response.body().string());
      assertEquals(expected, response.protocol(), choice.toString());
    }
    return socket.get();
  }

  /** The server's URL by its address, which the certificate names. */
  private okhttp3.HttpUrl url(String path) {
    return server.url(path).newBuilder().host("127.0.0.1").build();
  }

  private static OkHttpClient client(TlsProviderChoice choice, Path caCert, boolean insecure) {
    return HttpClientFactory.create(
        EngineSettings.builder()
            .network(new NetworkSettings(insecure, caCert, null, false, choice))
            .build(),
        Map.of());
  }
}
