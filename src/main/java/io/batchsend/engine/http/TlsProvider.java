package io.batchsend.engine.http;

import io.batchsend.config.TlsProviderChoice;
import io.batchsend.config.UsageException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS implementation of a run: Conscrypt (BoringSSL) where its native library loads, the JDK's
 * otherwise. Measured through the launcher, 10,000 GETs to nginx over TLS with 20 ms of service
 * time, medians of 5 interleaved runs on a busy 2-core machine: Conscrypt used 0.72-0.75× the CPU
 * of the JDK's SunJSSE at -c 256 (HTTP/1.1 and HTTP/2) and 0.81-0.86× at -c 64, for more resident
 * memory (BoringSSL's and its engine sockets' buffers): +24 to +26 MB at -c 256, +5 MB at -c 64.
 */
public final class TlsProvider {
  /** The implementations batchsend can use. */
  public enum Kind {
    CONSCRYPT,
    JDK
  }

  private final Kind kind;
  private final Provider provider; // null: the JDK's default provider of "TLS"
  private final String name;
  private final String conscryptUnavailable;

  private TlsProvider(Kind kind, Provider provider, String name, String conscryptUnavailable) {
    this.kind = kind;
    this.provider = provider;
    this.name = name;
    this.conscryptUnavailable = conscryptUnavailable;
  }

  /** Conscrypt through {@code provider}, named e.g. "Conscrypt 2.9.0 (BoringSSL)". */
  static TlsProvider conscrypt(Provider provider, String name) {
    return new TlsProvider(Kind.CONSCRYPT, provider, name, null);
  }

  /**
   * The implementation {@code choice} stands for.
   *
   * @throws UsageException for {@code conscrypt} when Conscrypt does not load
   */
  public static TlsProvider select(TlsProviderChoice choice) {
    return select(choice, ConscryptLoader::load);
  }

  /**
   * As {@link #select(TlsProviderChoice)}, with Conscrypt from {@code conscrypt}, which throws a
   * {@link LinkageError} when it cannot be loaded.
   */
  static TlsProvider select(TlsProviderChoice choice, Supplier<TlsProvider> conscrypt) {
    switch (choice) {
      case JDK:
        return jdk(null);
      case CONSCRYPT:
        try {
          return conscrypt.get();
        } catch (LinkageError e) {
          throw new UsageException(
              "--tls-provider=conscrypt: Conscrypt is not available here: " + reason(e));
        }
      case AUTO:
      default:
        try {
          return conscrypt.get();
        } catch (LinkageError e) {
          return jdk(reason(e));
        }
    }
  }

  private static TlsProvider jdk(String conscryptUnavailable) {
    String name;
    try {
      name = "JDK (" + SSLContext.getInstance("TLS").getProvider().getName() + ")";
    } catch (GeneralSecurityException e) {
      name = "JDK";
    }
    return new TlsProvider(Kind.JDK, null, name, conscryptUnavailable);
  }

  /** The first line of what went wrong, without the search path a missing library lists. */
  private static String reason(Throwable e) {
    StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      why.append(": ").append(e.getCause().getMessage());
    }
    String text = why.toString().strip();
    int path = text.indexOf(" in java.library.path");
    if (path >= 0) {
      text = text.substring(0, path + " in java.library.path".length());
    }
    int newline = text.indexOf('\n');
    return ControlCharacters.escape(newline < 0 ? text : text.substring(0, newline).strip());
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The implementation and, when Conscrypt was wanted but did not load, why: "Conscrypt 2.9.0
   * (BoringSSL)", or "JDK (SunJSSE), Conscrypt unavailable: …".
   */
  public String describe() {
    return conscryptUnavailable == null
        ? name
        : name + ", Conscrypt unavailable: " + conscryptUnavailable;
  }

  /** Sockets of this implementation that trust what {@code trust} trusts. */
  SSLSocketFactory socketFactory(X509TrustManager trust) {
    try {
      SSLContext context =
          provider == null
              ? SSLContext.getInstance("TLS")
              : SSLContext.getInstance("TLS", provider);
      // Conscrypt asks with its own name for TLS 1.3, which the JDK's trust managers refuse.
      X509TrustManager asked = provider == null ? trust : GenericAuthTypeTrustManager.wrap(trust);
      context.init(null, new TrustManager[] {asked}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available from " + name, e);
    }
  }

  /**
   * A server-side context of this implementation that presents {@code keys}: for the class-data
   * archive's loopback training server (io.batchsend.ArchiveTraining). With the JDK's engine there,
   * an archive made where Conscrypt loads held ~580 classes of the JDK's TLS that a client over
   * Conscrypt never uses, and every archived byte is resident in every run (the JVM relocates the
   * archive at each start): 5-6 MB of RSS.
   */
  public SSLContext serverContext(KeyManager[] keys) throws GeneralSecurityException {
    SSLContext context =
        provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
    context.init(keys, null, null);
    return context;
  }

  @Override
  public String toString() {
    return describe();
  }
}
