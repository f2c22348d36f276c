package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --auth-command}'s own standard error never reaches ours: a failing token tool may
 * print the secret or its credentials there (found by an attack; an in-process test cannot see it,
 * since the child writes to the real file descriptor 2).
 */
class JarAuthCommandIT {
  @TempDir Path dir;

  @Test
  void aFailingCommandsStandardErrorIsNotPassedOn() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a"));
    Process p =
        Jar.start(
            dir,
            "-o",
            dir.resolve("log").toString(),
            "-H",
            "Authorization: Bearer ${AUTH}",
            "--auth-command",
            "sh -c 'echo leaked-SECRET-on-stderr >&2; exit 3'",
            "-u",
            "http://127.0.0.1:9/{data}",
            data.toString());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ended");
    String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.contains("--auth-command 'sh' failed: exit status 3"), err);
    assertFalse(err.contains("leaked-SECRET"), err);
  }
}
