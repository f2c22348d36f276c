package io.batchsend.config;

/** The process exit codes, in one place; listed in {@code --help}. */
public final class ExitCodes {
  /** Every item succeeded, or the failures stayed within {@code --max-failures}. */
  public static final int OK = 0;

  /** Failures past the threshold; the whole batch still ran. */
  public static final int FAILURES = 1;

  /** Usage or input error: one line on stderr, nothing sent. */
  public static final int USAGE = 2;

  /** Fatal I/O: the log or another output cannot be written, or --auth-command failed mid-run. */
  public static final int IO = 3;

  /** A bug in batchsend itself (never reported as 1, which means "items failed"). */
  public static final int INTERNAL = 70;

  /** Another run holds {@code --lock}. */
  public static final int LOCKED = 75;

  /** Interrupted by SIGINT. */
  public static final int SIGINT = 130;

  /** Interrupted by SIGTERM. */
  public static final int SIGTERM = 143;

  private ExitCodes() {}

  /** The exit code for a run stopped by signal number {@code signal}. */
  public static int forSignal(int signal) {
    return 128 + signal;
  }

  /** The lines of the {@code --help} section that lists the exit codes. */
  public static String[] helpLines() {
    return new String[] {
      "  0  every item succeeded (or failures within --max-failures)",
      "  1  failures past the threshold (the whole batch still ran)",
      "  2  usage or input error: nothing sent",
      "  3  the log or another output cannot be written, or --auth-command failed mid-run",
      " 70  internal error (a bug: please report it)",
      " 75  another run holds --lock: nothing sent",
      "130  interrupted by SIGINT; 143 by SIGTERM, 129 by SIGHUP (in-flight items logged)",
    };
  }
}
