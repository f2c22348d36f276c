package io.batchsend.config;

import java.time.Duration;

/**
 * How items are sent: the size of the worker pool and the limits of each call.
 *
 * @param concurrency worker threads in the fixed pool
 * @param timeout the whole call, including reading the response body
 * @param connectTimeout establishing the connection
 * @param maxBodyBytes stop reading a response body past this many bytes
 * @param network TLS trust and proxies
 */
public record EngineSettings(
    int concurrency,
    Duration timeout,
    Duration connectTimeout,
    long maxBodyBytes,
    NetworkSettings network) {
  /** The upper bound on {@code -c}; beyond it a single host runs out of sockets or threads. */
  public static final int MAX_CONCURRENCY = 1024;

  public EngineSettings {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new UsageException(
          "invalid --concurrency " + concurrency + ": expected 1 to " + MAX_CONCURRENCY);
    }
    requirePositive("--timeout", timeout);
    requirePositive("--connect-timeout", connectTimeout);
    if (network == null) {
      network = NetworkSettings.DEFAULTS;
    }
    if (maxBodyBytes < 0) {
      throw new UsageException("invalid --max-body: must not be negative");
    }
  }

  private static void requirePositive(String option, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new UsageException("invalid " + option + ": must be more than 0");
    }
  }
}
