package io.batchsend.engine.http;

import java.security.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.conscrypt.Conscrypt;

/**
 * Loads Conscrypt and its native library, once per JVM; the only class that names Conscrypt's API.
 */
final class ConscryptLoader {
  /**
   * Conscrypt reports through java.util.logging, e.g. a WARNING on stderr when java.io.tmpdir is
   * unusable; batchsend names the outcome itself (-v, --version), so only SEVERE gets through. Held
   * in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
   */
  private static final Logger CONSCRYPT_LOGGER = Logger.getLogger("org.conscrypt");

  private ConscryptLoader() {}

  /**
   * Conscrypt as a TLS provider. The first call extracts the native library for this platform from
   * the jar to java.io.tmpdir and loads it (~3 MB written, 80-300 ms on a busy 2-core machine).
   *
   * @throws LinkageError when the native library does not load (another architecture or C library,
   *     a noexec java.io.tmpdir) or Conscrypt's classes are missing
   */
  static TlsProvider load() {
    if (Loaded.ERROR != null) {
      throw Loaded.ERROR;
    }
    return Loaded.PROVIDER;
  }

  /** The outcome of the one load (the holder idiom: computed at the first {@link #load()}). */
  private static final class Loaded {
    static final TlsProvider PROVIDER;
    static final LinkageError ERROR;

    static {
      TlsProvider provider = null;
      LinkageError error = null;
      try {
        CONSCRYPT_LOGGER.setLevel(Level.SEVERE);
        Conscrypt.checkAvailability();
        Provider conscrypt = Conscrypt.newProvider();
        Conscrypt.Version v = Conscrypt.version();
        String version = v == null ? "" : " " + v.major() + "." + v.minor() + "." + v.patch();
        provider = TlsProvider.conscrypt(conscrypt, "Conscrypt" + version + " (BoringSSL)");
      } catch (LinkageError e) {
        error = e;
      } catch (RuntimeException e) {
        error = (LinkageError) new LinkageError(String.valueOf(e.getMessage())).initCause(e);
      }
      PROVIDER = provider;
      ERROR = error;
    }
  }
}
