package io.batchsend.app;

import io.batchsend.config.ExitCodes;
import io.batchsend.engine.RunControl;
import java.io.PrintWriter;
import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGHUP: the first stops the run gracefully (no new items, in-flight calls get
 * the grace period, every started item is logged, exit 130/143/129); a second one exits at once.
 * Each record is a single write, so the log stays line-consistent even then. A signal that comes
 * before the engine took its first item exits at once: nothing was sent, and the run may be stuck
 * where no stop can reach it (opening a named pipe as the log that no one reads, or waiting for the
 * first line of a stalled stdin).
 */
public final class SignalHandlers {
  private SignalHandlers() {}

  /**
   * Installs the handlers for the life of the process.
   *
   * @param err where the one line of an exit before the first item goes
   * @param beforeEarlyExit run before that exit (Main waits there for the TLS preload, whose copy
   *     of a native library would otherwise be left behind)
   */
  public static void install(RunControl control, PrintWriter err, Runnable beforeEarlyExit) {
    handle("INT", 2, control, err, beforeEarlyExit);
    handle("TERM", 15, control, err, beforeEarlyExit);
    // A closed terminal or a dropped ssh session: without this the JVM exited 129 at once, the
    // items in flight sent but never logged and no summary. Under nohup the JVM keeps SIGHUP
    // ignored and installs nothing.
    handle("HUP", 1, control, err, beforeEarlyExit);
  }

  private static void handle(
      String name, int number, RunControl control, PrintWriter err, Runnable beforeEarlyExit) {
    try {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (control.isStopping()) {
              Runtime.getRuntime().halt(ExitCodes.forSignal(number));
            }
            if (!control.stopAndTellIfBegun(number)) {
              err.println("batchsend: interrupted before any item was sent");
              err.flush();
              beforeEarlyExit.run();
              Runtime.getRuntime().halt(ExitCodes.forSignal(number));
            }
          });
    } catch (IllegalArgumentException e) {
      // The signal is not available here (or the JVM uses it): the default handling stays.
    }
  }
}
