package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive under what users do to an installation: an archive damaged
 * after it was made, runs under other time zones, a first run interrupted or killed while the
 * archive is made, a full disk, another build of the same Java version. The archive is only an
 * optimisation: every run must succeed and print exactly what it prints without one.
 */
class LauncherArchiveAttackIT {
  @TempDir Path dir;
  Path home;
  Path lib;
  Path work;

  record Proc(int exit, String out, String err) {}

  @BeforeEach
  void unpack() throws Exception {
    Path install = Files.createDirectory(dir.resolve("install"));
    Proc tar =
        run(
            Map.of(),
            List.of("tar", "-xzf", DistributionIT.tarball().toString(), "-C", install.toString()));
    assertEquals(0, tar.exit(), tar.err());
    try (Stream<Path> top = Files.list(install)) {
      home = top.findFirst().orElseThrow();
    }
    lib = home.resolve("lib");
    work = Files.createDirectory(dir.resolve("work"));
  }

  Proc run(Map<String, String> env, List<String> command) throws Exception {
    Process p = start(env, command);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process ended: " + command);
    return ended(p);
  }

  Process start(Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work == null ? dir.toFile() : work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  Proc ended(Process p) throws IOException {
    return new Proc(
        p.exitValue(),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  /** bin/batchsend args... on the JVM running the tests, with {@code env} added. */
  Proc launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/batchsend").toString()));
    command.addAll(List.of(args));
    return run(withJava(env), command);
  }

  static Map<String, String> withJava(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("JAVA_HOME", System.getProperty("java.home"));
    return all;
  }

  /** The launcher's temporary files (archive, class list, stamp) left in lib/. */
  List<String> leftovers() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(lib)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (name.startsWith(".batchsend.jsa.") || name.startsWith("batchsend.jsa.id.")) {
          names.add(name);
        }
      }
    }
    return names;
  }

  @Test
  void aTruncatedArchiveIsNotMappedAndTheRunSucceedsQuietly() throws Exception {
    // A truncated archive passed the JVM's header checks and crashed it (SIGBUS, exit 134, the
    // crash report on stdout) at every run, since the stamp still matched.
    Proc first = launch(Map.of(), "--version");
    assertEquals(0, first.exit(), first.err());
    Path jsa = lib.resolve("batchsend.jsa");
    assertTrue(Files.size(jsa) > 4096, "an archive was made");
    try (var channel =
        java.nio.channels.FileChannel.open(jsa, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(4096); // its header, none of its classes: a copy or a disk cut short
    }

    Proc truncated = launch(Map.of(), "--version");
    assertEquals(0, truncated.exit(), truncated.out() + truncated.err());
    assertEquals(first.out(), truncated.out(), "only the version lines");
    assertEquals("", truncated.err());
    assertTrue(Files.size(jsa) > 4096, "lib/ is writable: the archive was made again");
  }

  @Test
  void runsUnderAnotherTimeZoneOrLsStyleUseTheArchiveMadeUnderThisOne() throws Exception {
    // The stamp held the jar's time as `ls -l` prints it, in the caller's time zone and locale: a
    // cron job in UTC and a user in Tokyo each made the archive again (4 s) at the other's next
    // run, and a user who cannot write lib/ ran without it.
    Proc utc = launch(Map.of("TZ", "UTC0"), "--version");
    assertEquals(0, utc.exit(), utc.err());
    Path id = lib.resolve("batchsend.jsa.id");
    String stamp = Files.readString(id);
    FileTime made = Files.getLastModifiedTime(lib.resolve("batchsend.jsa"));

    Proc tokyo = launch(Map.of("TZ", "JST-9", "LC_ALL", "C.UTF-8"), "--version");
    assertEquals(0, tokyo.exit(), tokyo.err());
    assertEquals(utc.out(), tokyo.out());
    assertEquals(stamp, Files.readString(id), "the same stamp");
    assertEquals(made, Files.getLastModifiedTime(lib.resolve("batchsend.jsa")), "not made again");

    // GNU ls's own variables changed its lines the same way.
    Proc styled =
        launch(
            Map.of("TIME_STYLE", "long-iso", "BLOCK_SIZE", "K", "QUOTING_STYLE", "c"), "--version");
    assertEquals(0, styled.exit(), styled.err());
    assertEquals(utc.out(), styled.out());
    assertEquals("", styled.err());
    assertEquals(stamp, Files.readString(id), "the same stamp under TIME_STYLE and BLOCK_SIZE");
    assertEquals(made, Files.getLastModifiedTime(lib.resolve("batchsend.jsa")), "not made again");

    // Copied with times to the second (tar, dpkg: an image or a package built with its archive).
    for (Path file : List.of(lib.resolve("batchsend.jar"), lib.resolve("batchsend.jsa"))) {
      Files.setLastModifiedTime(
          file,
          FileTime.from(
              Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS)));
    }
    FileTime copied = Files.getLastModifiedTime(lib.resolve("batchsend.jsa"));
    Proc afterCopy = launch(Map.of(), "--version");
    assertEquals(0, afterCopy.exit(), afterCopy.err());
    assertEquals(stamp, Files.readString(id), "the same stamp after a copy to the second");
    assertEquals(copied, Files.getLastModifiedTime(lib.resolve("batchsend.jsa")), "not made again");
  }

  @Test
  void aFirstRunStoppedWhileTheArchiveIsMadeLeavesNoTemporaryFiles() throws Exception {
    // Ctrl-C or a scheduler's SIGTERM to the process group during the first run: the launcher
    // died at once, leaving .batchsend.jsa.PID.classes (or a half archive, up to 29 MB) in lib/
    // for ever; each interrupted first run added one.
    Process launcher =
        start(
            withJava(Map.of()),
            List.of("setsid", home.resolve("bin/batchsend").toString(), "--version"));
    // setsid runs the launcher in this process (a child is no group leader): its pid leads the
    // new process group, and names the launcher's temporary files.
    Path classes = lib.resolve(".batchsend.jsa." + launcher.pid() + ".classes");
    while (!Files.exists(classes) && launcher.isAlive()) {
      Thread.sleep(5); // polls for the event: the training JVM creates its class list at its start
    }
    assertTrue(launcher.isAlive(), "still training when it is stopped");
    Proc kill = run(Map.of(), List.of("kill", "-TERM", "--", "-" + launcher.pid()));
    assertEquals(0, kill.exit(), kill.err());
    assertTrue(launcher.waitFor(120, TimeUnit.SECONDS));
    Proc stopped = ended(launcher);
    assertEquals(143, stopped.exit(), "killed by SIGTERM, as the caller expects");
    assertEquals("", stopped.out() + stopped.err());
    assertEquals(List.of(), leftovers());

    Proc next = launch(Map.of(), "--version");
    assertEquals(0, next.exit(), next.err());
    assertTrue(next.out().startsWith("batchsend "), next.out());
    assertTrue(Files.isRegularFile(lib.resolve("batchsend.jsa")), "the next run made it");
    assertEquals(List.of(), leftovers());
  }

  @Test
  void temporaryFilesOfKilledLaunchersAreRemovedWhenTheArchiveIsMadeAndALiveOnesKept()
      throws Exception {
    // kill -9 of a first run (a scheduler's timeout) cannot be trapped: its class list, or a half
    // archive of up to 29 MB, stayed in lib/ for ever, one more at each such run.
    long dead; // pids are below pid_max: no process has this one
    try (var in = Files.newInputStream(Path.of("/proc/sys/kernel/pid_max"))) {
      // Not Files.readString: procfs says its files are empty, and it read one byte.
      dead = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
    long live = ProcessHandle.current().pid();
    for (String name :
        List.of(
            ".batchsend.jsa." + dead,
            ".batchsend.jsa." + dead + ".classes",
            "batchsend.jsa.id." + dead,
            ".batchsend.jsa." + live + ".classes")) {
      Files.writeString(lib.resolve(name), "left over");
    }

    Proc first = launch(Map.of(), "--version");
    assertEquals(0, first.exit(), first.err());
    assertEquals("", first.err());
    assertTrue(Files.isRegularFile(lib.resolve("batchsend.jsa")), "an archive was made");
    assertEquals(List.of(".batchsend.jsa." + live + ".classes"), leftovers(), "a live pid's kept");
  }

  @Test
  void anotherBuildOfTheSameJavaVersionMakesTheArchiveAgain() throws Exception {
    // The stamp held JAVA_VERSION alone: a distribution's rebuild of 17.0.15 updated in place
    // (17.0.15+6-Debian-1deb12u1 to ...u2) kept the stamp, the new JVM refused the archive in
    // silence and then mapped no archive at all, not even the JDK's own, at every run. Here a
    // JAVA_HOME of its own whose release file names the build, as an update rewrites it.
    Path realJava = Path.of(System.getProperty("java.home"));
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Path java = jdk.resolve("java");
    Files.writeString(java, "#!/bin/sh\nexec '" + realJava.resolve("bin/java") + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path release = dir.resolve("jdk/release");
    Files.writeString(release, "JAVA_RUNTIME_VERSION=\"17.0.15+6-u1\"\nJAVA_VERSION=\"17.0.15\"\n");
    Map<String, String> env = Map.of("JAVA_HOME", dir.resolve("jdk").toString());
    List<String> command = List.of(home.resolve("bin/batchsend").toString(), "--version");

    Proc first = run(env, command);
    assertEquals(0, first.exit(), first.err());
    Path jsa = lib.resolve("batchsend.jsa");
    FileTime made = Files.getLastModifiedTime(jsa);
    String stamp = Files.readString(lib.resolve("batchsend.jsa.id"));

    Files.writeString(release, "JAVA_RUNTIME_VERSION=\"17.0.15+6-u2\"\nJAVA_VERSION=\"17.0.15\"\n");
    Proc updated = run(env, command);
    assertEquals(0, updated.exit(), updated.err());
    assertEquals(first.out(), updated.out());
    assertNotEquals(stamp, Files.readString(lib.resolve("batchsend.jsa.id")), "a new stamp");
    assertNotEquals(made, Files.getLastModifiedTime(jsa), "made again for the new build");
  }

  @Test
  void aFullDiskLeavesStderrClean() throws Exception {
    // With lib/ on a full file system the launcher said "printf: printf: I/O error" on stderr at
    // every run, where only batchsend's own messages belong. A 16 MB tmpfs holds the installation;
    // a filler file takes the rest (root only: mount).
    Path disk = Files.createDirectory(dir.resolve("disk"));
    Proc mount =
        run(Map.of(), List.of("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString()));
    assumeTrue(mount.exit() == 0, "cannot mount a tmpfs here: " + mount.err());
    try {
      Proc tar =
          run(
              Map.of(),
              List.of("tar", "-xzf", DistributionIT.tarball().toString(), "-C", disk.toString()));
      assertEquals(0, tar.exit(), tar.err());
      try (Stream<Path> top = Files.list(disk)) {
        home = top.findFirst().orElseThrow();
      }
      lib = home.resolve("lib");
      Proc fill =
          run(
              Map.of("LC_ALL", "C"),
              List.of("dd", "if=/dev/zero", "of=" + disk.resolve("filler"), "bs=64k"));
      assertTrue(fill.err().contains("No space left"), fill.err());

      for (int i = 0; i < 2; i++) {
        Proc full = launch(Map.of(), "--version");
        assertEquals(0, full.exit(), full.err());
        assertTrue(full.out().startsWith("batchsend "), full.out());
        assertEquals("", full.err());
        assertEquals(List.of(), leftovers());
      }
    } finally {
      run(Map.of(), List.of("umount", disk.toString()));
    }
  }
}
