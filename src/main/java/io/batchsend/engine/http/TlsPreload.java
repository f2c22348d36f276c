package io.batchsend.engine.http;

import java.util.Locale;

/**
 * What a run's TLS needs, read on a daemon thread at start-up while picocli reads the command line
 * on the main thread (the second core is otherwise idle then):
 *
 * <ul>
 *   <li>the JDK's trust store, which every run's client builds its trust from, plain http too
 *       (30-35 ms of CPU, see {@link PlatformTrust});
 *   <li>when the command line names an https URL, Conscrypt's native library, extracted from the
 *       jar and loaded (25-30 ms). Loaded at the first TLS connection instead, it held that
 *       connection, and every other worker waiting behind it at the {@link FirstConnectionGate}.
 * </ul>
 *
 * <p>Each is done once per JVM by whoever asks first (a FutureTask, a class initialiser), so the
 * run gets what it would have loaded itself, waiting only for what is still under way. Conscrypt is
 * left alone when the command line chooses a {@code --tls-provider} or reads a {@code --config}
 * (which may choose one): whoever picked the JDK's TLS may have done so because Conscrypt's library
 * misbehaves on that machine.
 */
public final class TlsPreload {
  static final String THREAD_NAME = "batchsend-tls-preload";

  private TlsPreload() {}

  /** Starts the preload for a command line of {@code args}. */
  public static void start(String[] args) {
    boolean conscrypt = namesHttpsWithoutATlsChoice(args);
    Thread t = new Thread(() -> run(conscrypt), THREAD_NAME);
    t.setDaemon(true);
    t.start();
  }

  static void run(boolean conscrypt) {
    PlatformTrust.loadHere();
    if (conscrypt) {
      try {
        ConscryptLoader.load();
      } catch (LinkageError e) {
        // The run meets the same error when it asks, and falls back or says so (-v, --version).
      }
    }
  }

  /**
   * True when an argument holds an https URL and none chooses a TLS implementation or a config
   * file. A guess from the words alone: an https URL that only a file or the items bring is loaded
   * at the first connection, as before.
   */
  static boolean namesHttpsWithoutATlsChoice(String[] args) {
    boolean https = false;
    for (String arg : args) {
      if (arg.startsWith("--tls-provider") || arg.startsWith("--config")) {
        return false;
      }
      https |= arg.toLowerCase(Locale.ROOT).contains("https://");
    }
    return https;
  }
}
