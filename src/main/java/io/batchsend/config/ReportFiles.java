package io.batchsend.config;

import java.nio.file.Path;

/**
 * The report files asked for; each is null when not wanted.
 *
 * @param summary {@code --summary}: the JSON summary
 * @param junit {@code --junit}: the JUnit XML report
 * @param html {@code --html}: the self-contained HTML report
 */
public record ReportFiles(Path summary, Path junit, Path html) {
  public ReportFiles {
    if (summary != null && summary.equals(junit)
        || summary != null && summary.equals(html)
        || junit != null && junit.equals(html)) {
      throw new UsageException("--summary, --junit and --html must name different files");
    }
  }

  /** No report files. */
  public static ReportFiles none() {
    return new ReportFiles(null, null, null);
  }
}
