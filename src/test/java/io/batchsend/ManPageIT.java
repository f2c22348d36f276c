package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The man page the package phase generates from the real command line. */
class ManPageIT {
  static Path target() {
    return Path.of(System.getProperty("batchsend.jar", "target/batchsend.jar"))
        .toAbsolutePath()
        .getParent();
  }

  @Test
  void packagePhaseBuildsTheManPageFromTheRealOptions() throws Exception {
    Path man = target().resolve("man/batchsend.1");
    assertTrue(Files.isRegularFile(man), man + " exists");
    String page = Files.readString(man, StandardCharsets.UTF_8);
    assertTrue(page.contains(".TH \"BATCHSEND\" \"1\""), "a roff page for section 1");
    assertTrue(page.contains("\\-\\-shard=") || page.contains("--shard="), "lists --shard");
    assertTrue(page.contains("another run holds \\-\\-lock"), "lists the exit codes");
    assertTrue(Files.isRegularFile(target().resolve("man/batchsend-completion.1")));
  }

  @Test
  void theBuildTimeGeneratorIsNotShipped() throws Exception {
    try (JarFile jar = new JarFile(target().resolve("batchsend.jar").toFile())) {
      assertNull(jar.getEntry("io/batchsend/cli/ManPage.class"));
      assertNull(jar.getEntry("picocli/codegen/docgen/manpage/ManPageGenerator.class"));
      assertNotNull(jar.getEntry("io/batchsend/cli/BatchsendCommand.class"));
    }
  }
}
