package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.HttpsServers;
import io.batchsend.support.Jar;
import io.batchsend.support.Servers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  Jar.Run run(String arch, String... args) throws Exception {
    Files.writeString(dir.resolve("items"), "a\nb\nc\n");
    return Jar.run(dir, List.of("-Dos.arch=" + arch), args);
  }

  private String url() {
    return "https://127.0.0.1:" + server.getPort() + "/{data}";
  }

  @Test
  void runWhereConscryptDoesNotLoadSucceedsOverTheJdksTlsAndNamesIt() throws Exception {
    Jar.Run p =
        run("riscv64", "-v", "--cacert", caCert.toString(), "-o", "log", "-u", url(), "items");
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
    Jar.Run p =
        run("riscv64", "-q", "--cacert", caCert.toString(), "-o", "log", "-u", url(), "items");
    assertEquals(0, p.exit(), p.err());
    assertEquals("", p.err());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void versionNamesTheFallbackAndWhy() throws Exception {
    Jar.Run p = run("riscv64", "--version");
    assertEquals(0, p.exit(), p.err());
    assertTrue(
        p.out()
            .contains("TLS: JDK (SunJSSE), Conscrypt unavailable: no conscrypt_openjdk_jni-linux-"),
        p.out());
  }

  @Test
  void conscryptAskedForWhereItDoesNotLoadIsOneLineAndExitTwo() throws Exception {
    Jar.Run p =
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
    Jar.Run p = run(System.getProperty("os.arch"), "--version");
    assertEquals(0, p.exit(), p.err());
    assertTrue(
        p.out().matches("(?s).*TLS: Conscrypt \\d+\\.\\d+\\.\\d+ \\(BoringSSL\\)\n"), p.out());
  }
}
