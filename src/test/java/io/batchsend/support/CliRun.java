package io.batchsend.support;

import io.batchsend.cli.CommandLines;
import io.batchsend.engine.Clock;
import io.batchsend.engine.Randomness;
import io.batchsend.engine.RunControl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Runs the real command line in-process with captured stdout and stderr. */
public final class CliRun {
  private Map<String, String> env = new HashMap<>();
  private InputStream stdin = new ByteArrayInputStream(new byte[0]);
  private final RunControl control = new RunControl();
  private Clock clock = Clock.SYSTEM;
  private RandomGenerator random = Randomness.SYSTEM;

  public static CliRun cli() {
    return new CliRun();
  }

  public CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Replaces the whole environment map, e.g. with one that misbehaves. */
  public CliRun envMap(Map<String, String> map) {
    this.env = map;
    return this;
  }

  public CliRun stdin(String text) {
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  public CliRun stdin(byte[] bytes) {
    this.stdin = new ByteArrayInputStream(bytes);
    return this;
  }

  /** Runs on {@code clock}, such as a {@link FakeClock}, instead of the system clock. */
  public CliRun clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Draws backoff jitter from {@code random}. */
  public CliRun random(RandomGenerator random) {
    this.random = random;
    return this;
  }

  public RunControl control() {
    return control;
  }

  /** Runs {@code batchsend args...}. */
  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CommandLines.execute(
            args, env, stdin, new PrintWriter(out), new PrintWriter(err), control, clock, random);
    return new Result(code, out.toString(), err.toString());
  }

  /** What one run produced. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
