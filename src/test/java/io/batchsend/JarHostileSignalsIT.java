package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM that comes while the run is stuck before its first item, where no graceful stop can
 * reach it. Each test waits until the kernel shows the process blocked where it is meant to be (the
 * thread's wait channel), then sends one SIGTERM, as {@code timeout} or a scheduler would.
 */
class JarHostileSignalsIT {
  @TempDir Path dir;

  @Test
  void sigtermWhileOpeningANamedPipeNoOneReadsAsTheLogExits143() throws Exception {
    Path data = dir.resolve("items.txt");
    Files.writeString(data, "1\n2\n");
    Path fifo = dir.resolve("log.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());

    Process p =
        Jar.start(dir, "-u", "http://127.0.0.1:9/{data}", "-o", fifo.toString(), "items.txt");
    try {
      awaitBlockedIn(p, channel -> channel.equals("wait_for_partner"));
      p.toHandle().destroy(); // one SIGTERM

      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "one SIGTERM ended the run");
      assertEquals(143, p.exitValue(), stderr());
      assertEquals("batchsend: interrupted before any item was sent\n", stderr());
    } finally {
      p.destroyForcibly();
      unblock(fifo);
    }
  }

  @Test
  void sigtermWhileStdinHasNotGivenTheFirstItemExits143() throws Exception {
    List<String> command = Jar.command();
    command.addAll(List.of("-u", "http://127.0.0.1:9/{data}", "-o", "run.log", "-"));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    try {
      // Stdin is a pipe this test holds open and never writes: the first item never comes.
      awaitBlockedIn(p, channel -> channel.contains("pipe_read") || channel.equals("pipe_wait"));
      // One SIGTERM, the pipe left open: Process.destroy would also close it, ending the input.
      p.toHandle().destroy();

      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "one SIGTERM ended the run");
      assertEquals(143, p.exitValue(), stderr());
      assertEquals("batchsend: interrupted before any item was sent\n", stderr());
      Path log = dir.resolve("run.log");
      assertTrue(!Files.exists(log) || Files.size(log) == 0, "no record: nothing was sent");
    } finally {
      p.getOutputStream().close();
      p.destroyForcibly();
    }
  }

  @Test
  void sighupStopsGracefullyExits129AndLogsEveryStartedItemOnce() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(100));
    JarSignalsIT.HoldAfter hold = new JarSignalsIT.HoldAfter(10, 4);
    try (MockWebServer server = Servers.start(hold)) {
      Process p =
          Jar.start(
              dir,
              "-c",
              "4",
              "--grace",
              "200ms",
              "--log-format",
              "jsonl",
              "-o",
              "run.log",
              "--summary",
              "summary.json",
              "-u",
              Servers.url(server, "/{data}"),
              data.toString());
      try {
        assertTrue(hold.held.await(60, TimeUnit.SECONDS), "4 requests in flight");
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());

        if (sighupIgnoredHere()) {
          // Started under nohup (or by a runner that ignores SIGHUP): the run inherits that, as
          // batchsend means it to, and goes on. It failed here as "did not end" before this check.
          hold.release.countDown();
          assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run went on to its end");
          assertEquals(0, p.exitValue(), stderr());
          assertEquals(100, Logs.jsonl(dir.resolve("run.log")).size(), "every item logged");
          return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
        assertEquals(129, p.exitValue(), stderr());
        List<JsonNode> records = Logs.jsonl(dir.resolve("run.log"));
        assertEquals(server.getRequestCount(), records.size(), "every started item logged");
        Set<Long> indexes = new HashSet<>();
        for (JsonNode rec : records) {
          assertTrue(indexes.add(rec.get("index").asLong()), "logged once: " + rec);
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(129, summary.get("exit_code").asInt());
        assertEquals(records.size(), summary.get("ok").asLong() + summary.get("failed").asLong());
      } finally {
        hold.release.countDown();
        p.destroyForcibly();
      }
    }
  }

  @Test
  void sigtermWhileStdinStallsMidRunExits143WithTheItemsSoFarLogged() throws Exception {
    JarSignalsIT.HoldAfter answerAll = new JarSignalsIT.HoldAfter(Integer.MAX_VALUE, 0);
    try (MockWebServer server = Servers.start(answerAll)) {
      List<String> command = Jar.command();
      command.addAll(
          List.of(
              "-c",
              "2",
              "--log-format",
              "jsonl",
              "-o",
              "run.log",
              "-u",
              Servers.url(server, "/{data}"),
              "-"));
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(dir.resolve("stdout").toFile())
              .redirectError(dir.resolve("stderr").toFile())
              .start();
      try {
        // Three items, then the producer stalls with its end of the pipe open.
        p.getOutputStream().write("a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        awaitRecords(p, dir.resolve("run.log"), 3);
        awaitBlockedIn(p, channel -> channel.contains("pipe_read") || channel.equals("pipe_wait"));
        p.toHandle().destroy(); // one SIGTERM, the pipe left open

        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "one SIGTERM ended the run");
        assertEquals(143, p.exitValue(), stderr());
        assertEquals(3, Logs.jsonl(dir.resolve("run.log")).size());
        assertEquals(3, server.getRequestCount());
        assertTrue(stderr().contains("3 items: 3 ok"), stderr());
      } finally {
        p.getOutputStream().close();
        p.destroyForcibly();
      }
    }
  }

  /** Waits until the log holds {@code n} whole lines. */
  private static void awaitRecords(Process p, Path log, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "the run ended early");
      if (Files.exists(log)
          && Files.readString(log, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count()
              >= n) {
        return;
      }
      Thread.sleep(20); // polling the file's content, not waiting for time to pass
    }
    throw new AssertionError("the log never held " + n + " records");
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
  }

  /** Waits until one of the process's threads sleeps in the kernel on a matching wait channel. */
  private static void awaitBlockedIn(Process p, Predicate<String> channel)
      throws InterruptedException {
    Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "the run ended before it blocked");
      try (Stream<Path> threads = Files.list(tasks)) {
        // Until it executes java, the process is the JDK's spawn helper, itself reading a pipe.
        if (isJava(p) && threads.map(JarHostileSignalsIT::waitChannel).anyMatch(channel)) {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread.sleep(20); // polling the kernel's state, not waiting for time to pass
    }
    throw new AssertionError("the run never blocked where expected");
  }

  private static boolean isJava(Process p) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "exe"))
          .endsWith(Path.of("bin", "java"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String waitChannel(Path task) {
    try {
      return Files.readString(task.resolve("wchan"), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return ""; // the thread ended meanwhile
    }
  }

  /** Opens the pipe for reading, so a writer still blocked opening it can go on and end. */
  private static void unblock(Path fifo) {
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                // Nothing to clean up beyond this.
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Whether this JVM, and so the batchsend it starts, has SIGHUP ignored (bit 0 of SigIgn in
   * /proc/self/status): a JVM keeps an ignored SIGHUP ignored and installs no handler for it.
   */
  static boolean sighupIgnoredHere() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1) != 0;
      }
    }
    return false;
  }
}
