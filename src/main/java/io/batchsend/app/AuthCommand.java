package io.batchsend.app;

import io.batchsend.config.AuthSettings;
import io.batchsend.config.Durations;
import io.batchsend.engine.AuthException;
import io.batchsend.engine.TokenCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code --auth-command} directly (no shell), and reads its standard output, trimmed, as
 * the token. Its standard input is empty (the batch may be reading ours); its standard error is
 * discarded: a token tool that fails may print the secret or the credentials it used there, and
 * nothing of the command's output may reach a terminal or a CI log. Messages name the program and
 * its exit status, never its output.
 */
final class AuthCommand implements TokenCommand {
  /** The most output read: a JWT is a few KiB; more is not a token but a mistake. */
  static final int MAX_OUTPUT = 64 * 1024;

  private final AuthSettings settings;

  AuthCommand(AuthSettings settings) {
    this.settings = settings;
  }

  @Override
  public String fetch() throws AuthException {
    String program = "--auth-command '" + settings.program() + "'";
    Process process;
    try {
      process =
          new ProcessBuilder(settings.command())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new AuthException("cannot run " + program + ": " + e.getMessage());
    }
    try {
      process.getOutputStream().close();
      OutputReader output = new OutputReader(process.getInputStream());
      output.start();
      // The command's own time limit is real time: a token service answers in seconds.
      if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AuthException(
            program + " did not finish within " + Durations.format(settings.timeout()));
      }
      output.join(TimeUnit.SECONDS.toMillis(5)); // the pipe closes with the process
      int status = process.exitValue();
      if (status != 0) {
        throw new AuthException(program + " failed: exit status " + status);
      }
      if (output.tooLong) {
        throw new AuthException(program + " printed more than 64 KiB: not a token");
      }
      String token = output.text().strip();
      if (token.isEmpty()) {
        throw new AuthException(program + " printed no token (exit status 0)");
      }
      if (token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new AuthException(program + " printed more than one line: not a token");
      }
      return token;
    } catch (IOException e) {
      throw new AuthException("cannot read the output of " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AuthException(program + " was interrupted");
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  /** Reads the command's output on its own thread, so that a full pipe never blocks it. */
  private static final class OutputReader extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean tooLong;

    OutputReader(InputStream in) {
      super("batchsend-auth-output");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (bytes.size() + n > MAX_OUTPUT) {
            tooLong = true; // keep draining, so that the command can finish
          } else {
            synchronized (bytes) {
              bytes.write(buffer, 0, n);
            }
          }
        }
      } catch (IOException e) {
        // The process ended or was killed: what was read is all there is.
      }
    }

    String text() throws IOException {
      if (isAlive()) {
        throw new IOException("its output did not end with it");
      }
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
