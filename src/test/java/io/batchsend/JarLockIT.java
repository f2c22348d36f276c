package io.batchsend;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --lock} between real processes: the second run exits 75; SIGKILL frees the lock. */
class JarLockIT {
  @TempDir Path dir;

  /** Holds every request until released, counting the ones that arrived. */
  static final class Holding extends Dispatcher {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      arrived.countDown();
      release.await(120, TimeUnit.SECONDS);
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  @Test
  void secondRunExits75NamingTheHolderAndSigkillFreesTheLock() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(20));
    Path lock = dir.resolve("job.lock");
    Holding holding = new Holding();
    try (MockWebServer held = Servers.start(holding);
        MockWebServer other = Servers.ok()) {
      Process first =
          Jar.start(
              dir,
              "--lock=" + lock,
              "-c",
              "1",
              "-o",
              "first.log",
              "-u",
              Servers.url(held, "/{data}"),
              data.toString());
      try {
        assertTrue(holding.arrived.await(60, TimeUnit.SECONDS), "the first run is mid-run");
        assertEquals(
            Long.toString(first.pid()),
            Files.readString(lock, StandardCharsets.US_ASCII).strip(),
            "the holder's pid is in the lock file");

        Result second =
            cli()
                .run(
                    "--lock",
                    lock.toString(),
                    "-o",
                    dir.resolve("second.log").toString(),
                    "-u",
                    Servers.url(other, "/{data}"),
                    data.toString());
        assertEquals(75, second.exitCode(), second.toString());
        assertEquals(
            "batchsend: another run holds --lock " + lock + " (pid " + first.pid() + ")\n",
            second.err());
        // The first run cannot end while its request is held: the second did not wait for the lock.
        assertTrue(first.isAlive(), "the second run returned while the lock was still held");
        assertEquals(0, other.getRequestCount(), "the second run sent nothing");
        assertTrue(Files.notExists(dir.resolve("second.log")), "and wrote no log");

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock call
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first run was killed");
      } finally {
        holding.release.countDown();
        first.destroyForcibly();
      }

      Result third =
          cli()
              .run(
                  "--lock",
                  lock.toString(),
                  "-o",
                  dir.resolve("third.log").toString(),
                  "-u",
                  Servers.url(other, "/{data}"),
                  data.toString());
      assertEquals(0, third.exitCode(), third.toString());
      assertEquals(20, other.getRequestCount());
    }
    assertEquals("", Files.readString(lock), "released with no stale pid");
  }
}
