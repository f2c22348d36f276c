package io.batchsend.report;

import io.batchsend.config.OutputException;
import io.batchsend.config.ReportFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Writes the report files asked for: {@code --summary}, {@code --junit}, {@code --html}. */
public final class ReportOutputs {
  private ReportOutputs() {}

  /**
   * Checks, before anything is sent, that each requested file can be created, so that a typo in a
   * directory does not cost a whole batch.
   *
   * @throws OutputException naming the first file that cannot be written (exit 3)
   */
  public static void check(ReportFiles files) {
    check("--summary", files.summary());
    check("--junit", files.junit());
    check("--html", files.html());
  }

  private static void check(String option, Path file) {
    if (file == null) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    IOException problem = null;
    if (Files.isDirectory(file)) {
      problem = new FileSystemException(file.toString(), null, "is a directory");
    } else if (dir == null || !Files.isDirectory(dir)) {
      problem = new NoSuchFileException(file.toString());
    } else if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
      problem = new AccessDeniedException(file.toString());
    }
    if (problem != null) {
      throw failure(option, file, problem);
    }
  }

  /**
   * Writes each requested file from {@code report}.
   *
   * @throws OutputException naming the first file that cannot be written (exit 3)
   */
  public static void write(ReportFiles files, RunReport report) {
    // Formats are made only when asked for: the JSON one loads Jackson, a start-up cost.
    write("--summary", files.summary(), SummaryJson::new, report);
    write("--junit", files.junit(), JunitXml::new, report);
    write("--html", files.html(), HtmlReport::new, report);
  }

  private static void write(
      String option, Path file, Supplier<ReportFormat> format, RunReport report) {
    if (file == null) {
      return;
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      format.get().write(report, out);
    } catch (IOException e) {
      throw failure(option, file, e);
    }
  }

  private static OutputException failure(String option, Path file, IOException e) {
    return new OutputException(
        "cannot write " + option + " file " + file + ": " + OutputException.describe(e), e);
  }
}
