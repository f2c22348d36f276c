package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.OutputException;
import io.batchsend.config.ReportFiles;
import io.batchsend.support.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOutputsTest {
  @TempDir Path dir;

  @Test
  void writesEachRequestedFileAndNoOther() throws Exception {
    Path summary = dir.resolve("s.json");
    Path html = dir.resolve("r.html");
    ReportOutputs.write(new ReportFiles(summary, null, html), Fixture.report());
    assertTrue(Files.size(summary) > 0);
    assertTrue(Files.size(html) > 0);
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void checkRefusesADirectoryAndAMissingDirectoryNamingTheOption() {
    OutputException isDir =
        assertThrows(
            OutputException.class, () -> ReportOutputs.check(new ReportFiles(null, dir, null)));
    assertEquals("cannot write --junit file " + dir + ": is a directory", isDir.getMessage());
    Path missing = dir.resolve("nope").resolve("r.html");
    OutputException noDir =
        assertThrows(
            OutputException.class, () -> ReportOutputs.check(new ReportFiles(null, null, missing)));
    assertEquals(
        "cannot write --html file " + missing + ": no such file or directory", noDir.getMessage());
  }

  @Test
  void fileThatCannotBeWrittenAfterTheRunIsAnOutputExceptionNamingIt() throws Exception {
    Path file = Files.createFile(dir.resolve("plain-file"));
    Path under = file.resolve("s.json");
    OutputException e =
        assertThrows(
            OutputException.class,
            () -> ReportOutputs.write(new ReportFiles(under, null, null), Fixture.report()));
    assertTrue(
        e.getMessage().startsWith("cannot write --summary file " + under + ": "), e.getMessage());
  }

  @Test
  void sameFileForTwoReportsIsAUsageError() {
    Path same = dir.resolve("x");
    assertThrows(io.batchsend.config.UsageException.class, () -> new ReportFiles(same, same, null));
  }
}
