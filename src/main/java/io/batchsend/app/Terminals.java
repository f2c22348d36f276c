package io.batchsend.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether file descriptor 2 is a terminal. {@code System.console()} cannot tell (it looks at stdin
 * and stdout), so this reads where {@code /proc/self/fd/2} points, and elsewhere asks the shell.
 */
final class Terminals {
  private Terminals() {}

  static boolean isStderrTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    try {
      Process p =
          new ProcessBuilder("sh", "-c", "test -t 2")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
