package io.batchsend.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the packaged jar as a separate process, as a shell or cron would. */
public final class Jar {
  private Jar() {}

  /**
   * The JVM options that the shipped launcher (src/dist/bin/batchsend) starts every run with, so
   * the tests run the jar as users do; C1 alone also starts a run in about half the time (1.1 s
   * instead of 2.0 s for a --demo here), which adds up over the jar tests.
   */
  public static final List<String> LAUNCHER_JVM_OPTIONS = launcherOptions();

  /** The launcher's own {@code default_jvm_opts}, read from it so the two cannot drift apart. */
  private static List<String> launcherOptions() {
    Path launcher = Path.of("src", "dist", "bin", "batchsend");
    try {
      for (String line : Files.readAllLines(launcher)) {
        if (line.startsWith("default_jvm_opts='") && line.endsWith("'")) {
          String opts = line.substring("default_jvm_opts='".length(), line.length() - 1);
          return List.of(opts.trim().split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no default_jvm_opts line in " + launcher);
  }

  /** {@code java <launcher options> -jar /abs/batchsend.jar}, ready for the arguments. */
  public static List<String> command() {
    String jar = System.getProperty("batchsend.jar", "target/batchsend.jar");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LAUNCHER_JVM_OPTIONS);
    cmd.add("-jar");
    cmd.add(Path.of(jar).toAbsolutePath().toString());
    return cmd;
  }

  /** Starts {@code java <launcher options> -jar batchsend.jar args...} in {@code dir}. */
  public static Process start(Path dir, String... args) throws IOException {
    return start(dir, List.of(), args);
  }

  /** How a run of the jar ended: its exit code, standard output and standard error. */
  public record Run(int exit, String out, String err) {}

  /**
   * Runs {@code java <launcher options> jvmOptions... -jar batchsend.jar args...} in {@code dir} to
   * its end (two minutes at most), with no input; its output is also left in {@code dir/stdout} and
   * {@code dir/stderr}.
   */
  public static Run run(Path dir, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    Process p = start(dir, jvmOptions, args);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the jar was still running after two minutes");
    }
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  private static Process start(Path dir, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> cmd = command();
    cmd.addAll(cmd.indexOf("-jar"), jvmOptions);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();
  }
}
