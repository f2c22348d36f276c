package io.batchsend.app;

import io.batchsend.config.ExitCodes;
import io.batchsend.engine.RunControl;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM: the first stops the run gracefully (no new items, in-flight calls get the
 * grace period, every started item is logged, exit 130/143); a second one exits at once. Each
 * record is a single write, so the log stays line-consistent even then.
 */
public final class SignalHandlers {
  private SignalHandlers() {}

  /** Installs the handlers for the life of the process. */
  public static void install(RunControl control) {
    handle("INT", 2, control);
    handle("TERM", 15, control);
  }

  private static void handle(String name, int number, RunControl control) {
    try {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (control.isStopping()) {
              Runtime.getRuntime().halt(ExitCodes.forSignal(number));
            }
            control.stop(number);
          });
    } catch (IllegalArgumentException e) {
      // The signal is not available here (or the JVM uses it): the default handling stays.
    }
  }
}
