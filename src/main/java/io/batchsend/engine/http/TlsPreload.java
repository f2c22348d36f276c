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

  /**
   * How long an exit waits for Conscrypt's load: its extraction takes 25-300 ms; a java.io.tmpdir
   * that hangs (a dead network mount) must not hang a run that has ended.
   */
  static final long EXIT_WAIT_MILLIS = 10_000;

  private final Thread thread;
  private final boolean conscrypt;

  private TlsPreload(Thread thread, boolean conscrypt) {
    this.thread = thread;
    this.conscrypt = conscrypt;
  }

  /** Starts the preload for a command line of {@code args}. */
  public static TlsPreload start(String[] args) {
    return start(namesHttpsWithoutATlsChoice(args), TlsPreload::loadConscrypt);
  }

  /**
   * Starts the preload; {@code loadConscrypt} runs after the trust store when {@code conscrypt}.
   */
  static TlsPreload start(boolean conscrypt, Runnable loadConscrypt) {
    Thread t = new Thread(() -> run(conscrypt, loadConscrypt), THREAD_NAME);
    t.setDaemon(true);
    t.start();
    return new TlsPreload(t, conscrypt);
  }

  static void run(boolean conscrypt) {
    run(conscrypt, TlsPreload::loadConscrypt);
  }

  private static void run(boolean conscrypt, Runnable loadConscrypt) {
    PlatformTrust.loadHere();
    if (conscrypt) {
      loadConscrypt.run();
    }
  }

  private static void loadConscrypt() {
    try {
      ConscryptLoader.load();
    } catch (LinkageError e) {
      // The run meets the same error when it asks, and falls back or says so (-v, --version).
    }
  }

  /**
   * Called before the JVM exits: waits for a Conscrypt load under way (10 s at most). Conscrypt
   * deletes its copy of the native library in java.io.tmpdir only once the library is loaded, so a
   * run that ended meanwhile (a usage error, --dry-run) left 0.2 to 2 MB there, about every other
   * run. The trust store alone writes nothing: a plain-http run does not wait.
   */
  public void awaitBeforeExit() {
    if (!conscrypt) {
      return;
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000;
    while (thread.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        thread.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true; // exiting anyway; the wait is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
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
