package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The JDK's trust store, read once per JVM, ahead on a thread of its own when preloaded. */
class PlatformTrustTest {
  @Test
  void aPreloadAndEveryLaterCallerShareTheOneTrustManagerOfTheJdksAnchors() throws Exception {
    Thread preload = new Thread(() -> TlsPreload.run(false));
    preload.start();
    PlatformTrust.loadHere(); // a second load does nothing: the task runs once
    preload.join();
    X509TrustManager first = PlatformTrust.get();
    assertTrue(first.getAcceptedIssuers().length > 10, "the JDK's cacerts");
    assertSame(first, PlatformTrust.get());
  }
}
