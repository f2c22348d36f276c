package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Jar;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar loads Conscrypt while picocli reads a command line that names an https URL, not
 * at the first TLS connection. Shown with a port that refuses connections: no TLS connection is
 * ever made, so Conscrypt's native half is loaded by the preload or not at all.
 */
class JarTlsPreloadIT {
  @TempDir Path dir;

  private String closedPort;

  @BeforeEach
  void findAClosedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = String.valueOf(s.getLocalPort());
    }
    Files.writeString(dir.resolve("items"), "a\n");
  }

  /** Runs the jar with {@code args} and a class-load log; the classes it loaded. */
  String loadedClasses(String... args) throws Exception {
    Path classes = dir.resolve("classes.txt");
    Files.deleteIfExists(classes);
    List<String> words = new ArrayList<>(List.of("-q", "--retries=0", "-o", "log"));
    words.addAll(List.of(args));
    words.add("items");
    Jar.Run run =
        Jar.run(
            dir, List.of("-Xlog:class+load=info:file=" + classes), words.toArray(String[]::new));
    assertEquals(1, run.exit(), run.err());
    assertTrue(Files.readString(dir.resolve("log")).contains("connect"), "refused, no TLS");
    return Files.readString(classes);
  }

  @Test
  void anHttpsUrlOnTheCommandLineLoadsConscryptBeforeAnyConnection() throws Exception {
    String loaded = loadedClasses("-u", "https://127.0.0.1:" + closedPort + "/{data}");
    assertTrue(loaded.contains(" org.conscrypt.NativeCrypto "), "Conscrypt's native half loaded");
  }

  @Test
  void plainHttpAndAChosenTlsProviderLeaveConscryptUnloaded() throws Exception {
    String plain = loadedClasses("-u", "http://127.0.0.1:" + closedPort + "/{data}");
    assertFalse(plain.contains(" org.conscrypt.NativeCrypto "), "plain http");
    String jdk =
        loadedClasses("--tls-provider=jdk", "-u", "https://127.0.0.1:" + closedPort + "/{data}");
    assertFalse(jdk.contains(" org.conscrypt.NativeCrypto "), "--tls-provider=jdk");
  }
}
