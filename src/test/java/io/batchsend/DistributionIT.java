package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installable tarball, unpacked as a user would, run through its launcher. */
class DistributionIT {
  @TempDir Path dir;
  Path home;
  Path work;

  record Proc(int exit, String out, String err) {}

  static Path target() {
    return Path.of(System.getProperty("batchsend.jar", "target/batchsend.jar"))
        .toAbsolutePath()
        .getParent();
  }

  static Path tarball() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(target(), "batchsend-*.tar.gz")) {
      s.forEach(found::add);
    }
    assertEquals(1, found.size(), "one distribution tarball in target/: " + found);
    return found.get(0);
  }

  @BeforeEach
  void unpack() throws Exception {
    Path install = Files.createDirectory(dir.resolve("install"));
    Proc tar =
        run(
            install,
            Map.of(),
            List.of("tar", "-xzf", tarball().toString(), "-C", install.toString()));
    assertEquals(0, tar.exit(), tar.err());
    try (DirectoryStream<Path> s = Files.newDirectoryStream(install)) {
      List<Path> top = new ArrayList<>();
      s.forEach(top::add);
      assertEquals(1, top.size(), "one top directory: " + top);
      home = top.get(0);
    }
    work = Files.createDirectory(dir.resolve("work"));
  }

  Proc run(Path cwd, Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process ended: " + command);
    return new Proc(
        p.exitValue(),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  Proc launch(Path launcher, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return run(work, env, command);
  }

  static Map<String, String> thisJava() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"));
  }

  @Test
  void tarballHoldsLauncherJarConfigReadmeAndManPage() throws Exception {
    assertTrue(
        home.getFileName().toString().matches("batchsend-\\d+\\.\\d+\\.\\d+.*"), home.toString());
    Path launcher = home.resolve("bin/batchsend");
    assertEquals(
        "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
    assertTrue(Files.readString(launcher).startsWith("#!/bin/sh\n"));
    assertTrue(Files.isRegularFile(home.resolve("lib/batchsend.jar")));
    assertTrue(Files.isRegularFile(home.resolve("README.md")));
    assertReadmeLinksResolve(home);
    assertTrue(Files.isRegularFile(home.resolve("config/demo-items.txt")));
    assertTrue(Files.isDirectory(home.resolve("config/examples")));
    String man = Files.readString(home.resolve("man/batchsend.1"), StandardCharsets.UTF_8);
    assertTrue(man.contains(".TH \"BATCHSEND\" \"1\""), "a roff man page");
    assertTrue(man.contains("shard"), "built from the real options");
    for (String page : List.of("batchsend-report.1", "batchsend-completion.1")) {
      assertTrue(Files.isRegularFile(home.resolve("man/" + page)), page + " in man/");
    }
  }

  @Test
  void demoRunsFromAnotherWorkingDirectoryAndExitsZero() throws Exception {
    Proc first = launch(home.resolve("bin/batchsend"), thisJava(), "--demo");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains(" ok, 0 failed"), first.err());
    assertTrue(Files.isRegularFile(work.resolve("request.log")), "the log is in the working dir");
    assertTrue(
        Files.isRegularFile(home.resolve("lib/batchsend.jsa.id")),
        "the first run looked into class-data sharing once");

    // The second start maps the archive when the first could make one.
    Proc second = launch(home.resolve("bin/batchsend"), thisJava(), "--demo", "-q");
    assertEquals(0, second.exit(), second.err());
  }

  @Test
  void anArchiveTheJvmRefusesLeavesStdoutAndStderrCleanAndAReplacedJarIsArchivedAgain()
      throws Exception {
    // One installation for both cases, since every archive the launcher makes costs a --demo run
    // with a class dump (3 to 4 s here): two archives instead of three for the same checks.
    // The JVM checks the jar's time to the second; the launcher's stamp (ls -l) to the minute. An
    // archive made for :10 and a jar from :40 of the same minute: the JVM refuses the archive and
    // would say so on stdout.
    Path jar = home.resolve("lib/batchsend.jar");
    Instant minute = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
    Files.setLastModifiedTime(jar, FileTime.from(minute.plusSeconds(10)));
    Proc first = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
    assertEquals(0, first.exit(), first.err());
    Path id = home.resolve("lib/batchsend.jsa.id");
    String before = Files.readString(id);
    Files.setLastModifiedTime(jar, FileTime.from(minute.plusSeconds(40)));
    Proc again = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
    assertEquals(0, again.exit(), again.err());
    assertEquals(first.out(), again.out(), "only the version lines");
    assertEquals("", again.err());

    Files.setLastModifiedTime(jar, FileTime.fromMillis(0)); // as unpacking another build would
    Proc replaced = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
    assertEquals(0, replaced.exit(), replaced.err());
    assertNotEquals(before, Files.readString(id), "the stamp follows the jar");
  }

  @Test
  void anHttpsRunMapsItsTlsClassesFromTheArchive() throws Exception {
    // The archive was recorded from a plaintext --demo: an HTTPS run then parsed ~550 classes
    // (TLS, Conscrypt, certificate paths) at every start. Then it was a dynamic archive, on top of
    // the JDK's, which Java 17 cannot give picocli's Java 5 class files: ~180 of them were parsed
    // and verified at every start. A static archive holds them.
    try (Https https = Https.start()) {
      Proc first = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
      assertEquals(0, first.exit(), first.err());
      assertTrue(Files.isRegularFile(home.resolve("lib/batchsend.jsa")), "an archive was made");

      Path classes = dir.resolve("classes.txt");
      Proc run =
          launch(
              home.resolve("bin/batchsend"),
              Map.of(
                  "JAVA_HOME",
                  System.getProperty("java.home"),
                  "JAVA_OPTS",
                  "-Xlog:class+load=info:file=" + classes),
              https.args(dir, "ok.log"));
      assertEquals(0, run.exit(), Files.readString(work.resolve("ok.log")));
      assertEquals("", run.out());
      assertTrue(Files.readString(work.resolve("ok.log")).contains(" ok  200 "));
      String loaded = Files.readString(classes);
      for (String name :
          List.of(
              "sun.security.validator.PKIXValidator", // the JDK's certificate path check
              "org.conscrypt.NativeCrypto", // Conscrypt, which loads where tests run
              "okhttp3.internal.connection.ConnectPlan",
              "okhttp3.internal.http2.Http2Connection", // the training speaks HTTP/1.1 only
              "picocli.CommandLine",
              "picocli.CommandLine$Model$CommandSpec")) {
        Matcher line =
            Pattern.compile("\\] " + Pattern.quote(name) + " source: (.*)").matcher(loaded);
        assertTrue(line.find(), name + " was loaded");
        assertTrue(
            line.group(1).startsWith("shared objects file"),
            name + " from the archive, not " + line.group(1));
      }
    }
  }

  @Test
  void anHttpsRunSucceedsWithoutTheArchiveAndWithOneTheJvmCannotMap() throws Exception {
    try (Https https = Https.start()) {
      Proc off =
          launch(
              home.resolve("bin/batchsend"),
              Map.of("JAVA_HOME", System.getProperty("java.home"), "BATCHSEND_CDS", "off"),
              https.args(dir, "off.log"));
      assertEquals(0, off.exit(), Files.readString(work.resolve("off.log")));
      assertEquals("", off.out() + off.err());
      assertTrue(Files.readString(work.resolve("off.log")).contains(" ok  200 "));

      Proc archived = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
      assertEquals(0, archived.exit(), archived.err());
      Path jsa = home.resolve("lib/batchsend.jsa");
      Files.delete(jsa); // the JVM writes it read-only
      Files.writeString(jsa, "not an archive"); // the stamp still matches
      Proc broken =
          launch(home.resolve("bin/batchsend"), thisJava(), https.args(dir, "broken.log"));
      assertEquals(0, broken.exit(), Files.readString(work.resolve("broken.log")));
      assertEquals("", broken.out() + broken.err(), "-q: nothing on stdout or stderr");
      assertTrue(Files.readString(work.resolve("broken.log")).contains(" ok  200 "));
    }
  }

  @Test
  void aRunThatStopsAtOnceLeavesNoCopyOfConscryptsLibraryBehind() throws Exception {
    // Conscrypt deletes the copy of its native library only once it is loaded. A run that exited
    // while the preload was writing the copy left 3 MB in java.io.tmpdir: 13 of 30 launcher runs
    // that stopped on a bad option did (with the archive: without it the option is read later).
    // Ten runs, each a chance to exit mid-copy: before the fix, all ten missing it had a chance of
    // well under 1 %.
    Proc first = launch(home.resolve("bin/batchsend"), thisJava(), "--version");
    assertEquals(0, first.exit(), first.err());
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Map<String, String> env =
        Map.of(
            "JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
    for (int i = 0; i < 10; i++) {
      Proc bad =
          launch(
              home.resolve("bin/batchsend"),
              env,
              "-u",
              "https://127.0.0.1:9/{data}",
              "--no-such-option",
              "items.txt");
      assertEquals(2, bad.exit(), bad.err());
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "left in tmp");
    }
  }

  /** A loopback HTTPS server (HTTP/2) with a certificate of its own, trusted with --cacert. */
  record Https(MockWebServer server, HeldCertificate certificate) implements AutoCloseable {
    static Https start() throws IOException {
      HeldCertificate certificate =
          new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
      MockWebServer server = new MockWebServer();
      server.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(certificate)
              .build()
              .sslSocketFactory());
      for (int i = 0; i < 4; i++) {
        server.enqueue(new MockResponse.Builder().body("ok").build());
      }
      server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
      server.start(InetAddress.getLoopbackAddress(), 0);
      return new Https(server, certificate);
    }

    /** -q, a log in the working directory, --cacert and one item. */
    String[] args(Path dir, String log) throws IOException {
      Path ca = dir.resolve("ca.pem");
      Files.writeString(ca, certificate.certificatePem());
      Path items = Files.writeString(dir.resolve("items.txt"), "a\n");
      return new String[] {
        "-q",
        "-o",
        log,
        "--cacert",
        ca.toString(),
        "-u",
        "https://127.0.0.1:" + server.getPort() + "/{data}",
        items.toString()
      };
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  @Test
  void aSymbolicLinkToTheLauncherFindsTheInstallation() throws Exception {
    Path links = Files.createDirectory(dir.resolve("links"));
    Path link = Files.createSymbolicLink(links.resolve("batchsend"), home.resolve("bin/batchsend"));
    Proc version =
        launch(
            link,
            Map.of("JAVA_HOME", System.getProperty("java.home"), "BATCHSEND_CDS", "off"),
            "--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(
        version.out().matches("(?s)batchsend \\S+ \\(commit \\S+\\)\nJava \\d+.*"), version.out());
    // The launcher's JVM options must not make the JVM talk: "-Xms8m -Xmn8m" printed a GC warning
    // on every run.
    assertEquals("", version.err(), "the JVM said something on stderr");
    assertTrue(Files.notExists(home.resolve("lib/batchsend.jsa.id")), "BATCHSEND_CDS=off");
  }

  @Test
  void javaHomeThatIsMissingIsNamedAndExitsTwo() throws Exception {
    Path missing = dir.resolve("no-such-java");
    Proc p =
        launch(home.resolve("bin/batchsend"), Map.of("JAVA_HOME", missing.toString()), "--demo");
    assertEquals(2, p.exit(), p.err());
    assertTrue(p.err().startsWith("batchsend: JAVA_HOME is set to '" + missing + "'"), p.err());
    assertEquals(1, p.err().lines().count(), "one line: " + p.err());
    assertTrue(Files.notExists(work.resolve("request.log")), "nothing ran");
  }

  @Test
  void javaOlderThan17IsRefusedWithTheVersion() throws Exception {
    Path old = Files.createDirectories(dir.resolve("jdk-11/bin"));
    Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
    Path java = old.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'java 11 must not be started' >&2\nexit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Proc p =
        launch(
            home.resolve("bin/batchsend"),
            Map.of("JAVA_HOME", old.getParent().toString()),
            "--version");
    assertEquals(2, p.exit(), p.err());
    assertTrue(p.err().contains("Java 17 or newer is required"), p.err());
    assertTrue(p.err().contains("11.0.22"), p.err());
  }

  /** Every relative link of the shipped README names a file that the tarball ships too. */
  private static void assertReadmeLinksResolve(Path home) throws IOException {
    String readme = Files.readString(home.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)").matcher(readme);
    int relative = 0;
    while (link.find()) {
      String target = link.group(1);
      if (target.contains("://") || target.startsWith("mailto:")) {
        continue;
      }
      relative++;
      assertTrue(Files.exists(home.resolve(target)), "README links to " + target);
    }
    assertTrue(relative > 0, "the README links to its documents");
  }
}
