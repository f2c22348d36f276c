package io.batchsend.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where the run's account goes.
 *
 * @param log the request log, appended
 * @param logFormat the request log's record format
 * @param verbosity how much is said on stderr
 * @param redact query parameter names whose values are masked wherever a URL is shown
 * @param progress when the live progress line is drawn
 * @param reports the report files written after the run
 */
public record OutputSettings(
    Path log,
    LogFormat logFormat,
    Verbosity verbosity,
    Set<String> redact,
    ProgressMode progress,
    ReportFiles reports) {
  /** The query parameters whose values are always masked. */
  public static final Set<String> DEFAULT_REDACTED_PARAMS =
      Set.of(
          "token",
          "access_token",
          "api_key",
          "apikey",
          "key",
          "password",
          "secret",
          "signature",
          "sig");

  public OutputSettings {
    if (log == null) {
      throw new UsageException("--log is required");
    }
    if (logFormat == null || verbosity == null) {
      throw new UsageException("log format and verbosity are required");
    }
    redact = Set.copyOf(redact);
    if (progress == null) {
      progress = ProgressMode.AUTO;
    }
    reports = reports == null ? ReportFiles.none() : reports;
  }
}
