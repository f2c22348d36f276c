package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionProviderTest {
  @Test
  void versionNamesTheCommitTheJavaRuntimeAndTheTlsProvider() {
    Result r = cli().run("--version");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(
        lines
            .get(0)
            .matches("batchsend \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{12}|unknown)\\)"),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " ("));
    assertTrue(
        lines.get(2).matches("TLS: (Conscrypt \\S+ \\(BoringSSL\\)|JDK \\(\\w+\\), .+)"),
        lines.get(2));
  }
}
