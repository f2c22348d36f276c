package io.batchsend.engine.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's trust manager over its own trust store (cacerts), made once per JVM, at start-up on
 * {@link TlsPreload}'s thread.
 *
 * <p>Why: every run builds its client's trust before the first request, plain http too, and reading
 * and parsing the ~140 certificates of cacerts took 30-35 ms of the main thread's CPU
 * (async-profiler, one-item runs through the launcher), while picocli was still reading the command
 * line on it.
 */
public final class PlatformTrust {
  /** Runs once: by the preloading thread, or by the first caller when there is none. */
  private static final FutureTask<X509TrustManager> LOAD = new FutureTask<>(PlatformTrust::load);

  private PlatformTrust() {}

  /**
   * Loads the trust store on this thread unless it has been, or is being, loaded elsewhere; a
   * failure is kept for {@link #get()}.
   */
  static void loadHere() {
    LOAD.run();
  }

  /** The platform's X.509 trust manager, waiting for the preload when it is under way. */
  static X509TrustManager get() throws GeneralSecurityException {
    LOAD.run(); // loads here unless it has run or is running elsewhere
    try {
      return LOAD.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GeneralSecurityException("interrupted while the trust store was read", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GeneralSecurityException gse) {
        throw gse;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new GeneralSecurityException(cause);
    }
  }

  private static X509TrustManager load() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}
