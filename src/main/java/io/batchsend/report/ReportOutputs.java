package io.batchsend.report;

import io.batchsend.config.OutputException;
import io.batchsend.config.ReportFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    List<String> problems = writeAll(files, report, EXIT_IO);
    if (!problems.isEmpty()) {
      throw new OutputException(problems.get(0), null);
    }
  }

  /**
   * Writes every requested file from {@code report}, going on past one that cannot be written, so
   * that one bad path costs only its own report. When one fails, the run's exit code becomes {@code
   * ioExitCode} and the files already written are written again with it, so that no report states
   * an exit code the process does not return. A file cut short is deleted rather than left half
   * written.
   *
   * @return one line per file that could not be written (empty when all were)
   */
  public static List<String> writeAll(ReportFiles files, RunReport report, int ioExitCode) {
    List<Written> targets =
        List.of(
            new Written("--summary", files.summary(), SummaryJson::new),
            new Written("--junit", files.junit(), JunitXml::new),
            new Written("--html", files.html(), HtmlReport::new));
    List<String> problems = new ArrayList<>();
    List<Written> done = new ArrayList<>();
    for (Written target : targets) {
      String problem = target.write(report);
      if (problem != null) {
        problems.add(problem);
      } else if (target.file() != null) {
        done.add(target);
      }
    }
    if (!problems.isEmpty() && report.exitCode() != ioExitCode && !done.isEmpty()) {
      RunReport failed = withExitCode(report, ioExitCode);
      for (Written target : done) {
        String problem = target.write(failed);
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /**
   * The exit code of a failed report write; {@code app.ExitCodes} is out of this package's reach.
   */
  private static final int EXIT_IO = 3;

  /** One report file and its format. */
  private record Written(String option, Path file, Supplier<ReportFormat> format) {
    /** Writes {@code report}; null when done (or not asked for), else one line for the user. */
    String write(RunReport report) {
      if (file == null) {
        return null;
      }
      // Formats are made only when asked for: the JSON one loads Jackson, a start-up cost.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
        format.get().write(report, out);
        return null;
      } catch (IOException e) {
        deleteIfPartial(file);
        return failure(option, file, e).getMessage();
      }
    }
  }

  /** A regular file we truncated and could not finish would lie; a device or pipe is left alone. */
  private static void deleteIfPartial(Path file) {
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // The write's failure is what the user hears about.
    }
  }

  private static RunReport withExitCode(RunReport r, int exitCode) {
    return new RunReport(
        r.summary(),
        r.startedEpochMillis(),
        r.finishedEpochMillis(),
        exitCode,
        r.options(),
        r.bytes(),
        r.slowest(),
        r.failures(),
        r.failuresOmitted(),
        r.histogram(),
        r.timeline(),
        r.timelineSlotSeconds());
  }

  private static OutputException failure(String option, Path file, IOException e) {
    return new OutputException(
        "cannot write " + option + " file " + file + ": " + OutputException.describe(rootOf(e)), e);
  }

  /** The I/O failure under a format's wrapping (the XML writer's, say): the disk's own words. */
  private static IOException rootOf(IOException e) {
    IOException root = e;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException io) {
        root = io;
      }
    }
    return root;
  }
}
