package io.batchsend.config;

import java.nio.file.Path;

/**
 * Where the run's account goes.
 *
 * @param log the request log, appended
 * @param logFormat the request log's record format
 * @param verbosity how much is said on stderr
 */
public record OutputSettings(Path log, LogFormat logFormat, Verbosity verbosity) {
  public OutputSettings {
    if (log == null) {
      throw new UsageException("--log is required");
    }
    if (logFormat == null || verbosity == null) {
      throw new UsageException("log format and verbosity are required");
    }
  }
}
