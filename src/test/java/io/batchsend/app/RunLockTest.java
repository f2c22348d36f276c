package io.batchsend.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.OutputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void holderWritesItsPidAndASecondAcquireIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("job.lock");
    String pid = Long.toString(ProcessHandle.current().pid());
    try (RunLock lock = RunLock.acquire(file)) {
      assertEquals(pid, Files.readString(file, StandardCharsets.US_ASCII).strip());
      RunLock.HeldException held =
          assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(file));
      assertEquals("another run holds --lock " + file + " (pid " + pid + ")", held.getMessage());
    }
    assertEquals("", Files.readString(file), "no stale pid once released");
    try (RunLock again = RunLock.acquire(file)) {
      assertTrue(Files.exists(again.path()));
    }
  }

  @Test
  void aStalePidFromACrashedRunDoesNotHoldTheLock() throws Exception {
    Path file = Files.writeString(dir.resolve("job.lock"), "999999\n");
    try (RunLock lock = RunLock.acquire(file)) {
      assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(file).strip());
    }
  }

  @Test
  void aLockFileThatCannotBeCreatedIsAnOutputError() {
    OutputException e =
        assertThrows(
            OutputException.class, () -> RunLock.acquire(dir.resolve("no/such/dir/job.lock")));
    assertTrue(e.getMessage().contains("--lock"), e.getMessage());
  }
}
