package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** The lines of a roff section, up to the next {@code .SH}, with the font escapes removed. */
  static List<String> roffSection(String page, String title) {
    int start = page.indexOf(".SH \"" + title + "\"\n");
    assertTrue(start >= 0, "a section " + title);
    int end = page.indexOf("\n.SH ", start + 1);
    List<String> lines = new ArrayList<>();
    for (String line : page.substring(start, end < 0 ? page.length() : end).split("\n")) {
      if (!line.startsWith(".")) {
        lines.add(line.replaceAll("\\\\f[BIPR]", "").replace("\\-", "-").replace("\\&", ""));
      }
    }
    return lines;
  }

  @Test
  void everyPageHasSynopsisExitStatusEnvironmentAndExamples() throws Exception {
    for (String name : List.of("batchsend", "batchsend-report", "batchsend-completion")) {
      String page =
          Files.readString(target().resolve("man/" + name + ".1"), StandardCharsets.UTF_8);
      for (String title : List.of("SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES")) {
        assertFalse(roffSection(page, title).isEmpty(), title + " in " + name);
      }
      List<String> synopsis = roffSection(page, "SYNOPSIS");
      for (String line : synopsis) {
        assertTrue(line.startsWith("batchsend"), "one form a line: " + line);
        assertEquals(
            line.chars().filter(c -> c == '[').count(),
            line.chars().filter(c -> c == ']').count(),
            "balanced brackets: " + line);
      }
      assertTrue(roffSection(page, "ENVIRONMENT").contains("JAVA_OPTS"), name);
    }
    String main = Files.readString(target().resolve("man/batchsend.1"), StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "batchsend [OPTIONS] -u TEMPLATE DATA",
            "batchsend --demo [OPTIONS]",
            "batchsend report [OPTIONS] LOG...",
            "batchsend completion bash|zsh"),
        roffSection(main, "SYNOPSIS"));
  }

  @Test
  void theBuildTimeGeneratorIsNotShipped() throws Exception {
    try (JarFile jar = new JarFile(target().resolve("batchsend.jar").toFile())) {
      assertNull(jar.getEntry("io/batchsend/cli/ManPage.class"));
      assertNull(jar.getEntry("io/batchsend/cli/ManPageSections.class"));
      assertNull(jar.getEntry("io/batchsend/cli/ManPageSections$Page.class"));
      assertNull(jar.getEntry("picocli/codegen/docgen/manpage/ManPageGenerator.class"));
      assertNotNull(jar.getEntry("io/batchsend/cli/BatchsendCommand.class"));
    }
  }
}
