package io.batchsend;

import io.batchsend.app.SignalHandlers;
import io.batchsend.cli.CommandLines;
import io.batchsend.engine.Clock;
import io.batchsend.engine.Randomness;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.http.TlsPreload;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bootstraps: wraps the real streams, asks the command line for an exit code, and exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Every run's client needs the JDK's trust store, and an https run Conscrypt: read them while
    // picocli reads the arguments.
    TlsPreload preload = TlsPreload.start(args);
    PrintWriter out = writer(FileDescriptor.out);
    PrintWriter err = writer(FileDescriptor.err);
    RunControl control = new RunControl();
    SignalHandlers.install(control, err, preload::finish);
    int code =
        CommandLines.execute(
            args, System.getenv(), System.in, out, err, control, Clock.SYSTEM, Randomness.SYSTEM);
    out.flush();
    err.flush();
    preload.finish();
    System.exit(code);
  }

  /** UTF-8 whatever the platform locale, so items and messages print the same under LANG=C. */
  private static PrintWriter writer(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }
}
