package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.HttpsServers;
import io.batchsend.support.Jar;
import io.batchsend.support.Servers;
import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar where Conscrypt's native library does not load: the JVM is told it runs on
 * another architecture ({@code -Dos.arch=riscv64}), for which the jar ships no library, as on a
 * machine batchsend was not built for. The run falls back to the JDK's TLS and says so.
 */
class JarTlsFallbackIT {
  @TempDir Path dir;

  private MockWebServer server;
  private Path caCert;

  record Proc(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    caCert = dir.resolve("ca.pem");
    server = HttpsServers.create(caCert);
    server.setDispatcher(Servers.answer(200, "ok"));
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** The jar on a JVM that reports {@code os.arch}. */
  Proc run(String arch, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(Jar.command());
    cmd.add(cmd.indexOf("-jar"), "-Dos.arch=" + arch);
    cmd.addAll(List.of(args));
    Path items = dir.resolve("items");
    Files.writeString(items, "a\nb\nc\n");
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process ended");
    return new Proc(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private String url() {
    return "https://127.0.0.1:" + server.getPort() + "/{data}";
  }

  @Test
  void runWhereConscryptDoesNotLoadSucceedsOverTheJdksTlsAndNamesIt() throws Exception {
    Proc p = run("riscv64", "-v", "--cacert", caCert.toString(), "-o", "log", "-u", url(), "items");
    assertEquals(0, p.exit(), p.err());
    assertEquals(3, server.getRequestCount());
    assertTrue(
        p.err()
            .contains(
                "batchsend DEBUG: TLS: JDK (SunJSSE), Conscrypt unavailable: no"
                    + " conscrypt_openjdk_jni-linux-"),
        p.err());
    assertFalse(p.err().contains("Exception"), p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    assertEquals(3, Files.readAllLines(dir.resolve("log")).size());
  }

  @Test
  void runWithoutVerboseFallsBackSilently() throws Exception {
    Proc p = run("riscv64", "-q", "--cacert", caCert.toString(), "-o", "log", "-u", url(), "items");
    assertEquals(0, p.exit(), p.err());
    assertEquals("", p.err());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void versionNamesTheFallbackAndWhy() throws Exception {
    Proc p = run("riscv64", "--version");
    assertEquals(0, p.exit(), p.err());
    assertTrue(
        p.out()
            .contains("TLS: JDK (SunJSSE), Conscrypt unavailable: no conscrypt_openjdk_jni-linux-"),
        p.out());
  }

  @Test
  void conscryptAskedForWhereItDoesNotLoadIsOneLineAndExitTwo() throws Exception {
    Proc p =
        run(
            "riscv64",
            "--tls-provider=conscrypt",
            "--cacert",
            caCert.toString(),
            "-o",
            "log",
            "-u",
            url(),
            "items");
    assertEquals(2, p.exit(), p.err());
    assertTrue(
        p.err().startsWith("batchsend: --tls-provider=conscrypt: Conscrypt is not available"),
        p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void versionOnThisMachineNamesConscrypt() throws Exception {
    Proc p = run(System.getProperty("os.arch"), "--version");
    assertEquals(0, p.exit(), p.err());
    assertTrue(
        p.out().matches("(?s).*TLS: Conscrypt \\d+\\.\\d+\\.\\d+ \\(BoringSSL\\)\n"), p.out());
  }
}
