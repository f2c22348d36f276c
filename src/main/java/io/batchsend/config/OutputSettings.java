package io.batchsend.config;

import java.nio.file.Path;

/**
 * Where the run's account goes.
 *
 * @param log the request log, appended
 * @param logFormat the request log's record format
 * @param verbosity how much is said on stderr
 * @param reports the report files written after the run
 */
public record OutputSettings(
    Path log, LogFormat logFormat, Verbosity verbosity, ReportFiles reports) {
  public OutputSettings {
    if (log == null) {
      throw new UsageException("--log is required");
    }
    if (logFormat == null || verbosity == null) {
      throw new UsageException("log format and verbosity are required");
    }
    reports = reports == null ? ReportFiles.none() : reports;
  }

  /** Settings that ask for no report files. */
  public OutputSettings(Path log, LogFormat logFormat, Verbosity verbosity) {
    this(log, logFormat, verbosity, ReportFiles.none());
  }
}
