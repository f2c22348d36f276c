package io.batchsend;

import io.batchsend.app.SignalHandlers;
import io.batchsend.cli.CommandLines;
import io.batchsend.engine.Clock;
import io.batchsend.engine.Randomness;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.http.TlsPreload;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
            args,
            System.getenv(),
            stdin(control),
            out,
            err,
            control,
            Clock.SYSTEM,
            Randomness.SYSTEM);
    out.flush();
    err.flush();
    preload.finish();
    System.exit(code);
  }

  /**
   * Stdin read through a channel that a stop closes: a read blocked on a producer that stalls (an
   * open pipe that gives no more lines) then ends, where System.in's read would wait for the
   * producer and a SIGTERM would not end the run.
   */
  private static InputStream stdin(RunControl control) {
    FileChannel channel = new FileInputStream(FileDescriptor.in).getChannel();
    control.whenStopped(
        () -> {
          try {
            channel.close();
          } catch (IOException e) {
            // Closing only cuts a wait short; the run is stopping either way.
          }
        });
    return new FilterInputStream(Channels.newInputStream(channel)) {
      @Override
      public int available() {
        return 0; // the channel's own asks the position, which a pipe does not have
      }
    };
  }

  /** UTF-8 whatever the platform locale, so items and messages print the same under LANG=C. */
  private static PrintWriter writer(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }
}
