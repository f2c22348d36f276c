package io.batchsend.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a disk for real. Needs root (as in CI and the dev
 * container); elsewhere the test is skipped with a message rather than failed.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (created), or skips the test. */
  public static Tmpfs mount(Path dir, int kib) throws IOException, InterruptedException {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "skipped: mounting a tmpfs to fill a disk needs root");
    Files.createDirectories(dir);
    Result r = exec("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
    assumeTrue(r.code == 0, "skipped: cannot mount a tmpfs: " + r.output);
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Fills all but about {@code leaveKib} KiB with a file named {@code filler}. */
  public Path fillAllBut(int leaveKib) throws IOException {
    Path filler = dir.resolve("filler");
    long free = Files.getFileStore(dir).getUsableSpace();
    Files.write(filler, new byte[(int) Math.max(0, free - leaveKib * 1024L)]);
    return filler;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Result r = exec("umount", dir.toString());
    if (r.code != 0) {
      throw new IOException("cannot unmount " + dir + ": " + r.output);
    }
  }

  private record Result(int code, String output) {}

  private static Result exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
