package io.batchsend.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the packaged jar as a separate process, as a shell or cron would. */
public final class Jar {
  private Jar() {}

  /** Starts {@code java -jar batchsend.jar args...} in {@code dir}, output to files there. */
  public static Process start(Path dir, String... args) throws IOException {
    String jar = System.getProperty("batchsend.jar", "target/batchsend.jar");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Path.of(jar).toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();
  }
}
