package io.batchsend.config;

import java.time.Duration;

/**
 * How items are sent: the size of the worker pool and the limits of each call. Built with {@link
 * #builder()}, so the two timeouts cannot swap places.
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

  /** The defaults of {@link OptionDefaults}, verified TLS, proxies from the environment. */
  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(String option, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new UsageException("invalid " + option + ": must be more than 0");
    }
  }

  /** Names each limit; what is not set keeps its default. */
  public static final class Builder {
    private int concurrency = Integer.parseInt(OptionDefaults.CONCURRENCY);
    private Duration timeout = Durations.parse(OptionDefaults.TIMEOUT);
    private Duration connectTimeout = Durations.parse(OptionDefaults.CONNECT_TIMEOUT);
    private long maxBodyBytes = Sizes.parse(OptionDefaults.MAX_BODY);
    private NetworkSettings network = NetworkSettings.DEFAULTS;

    private Builder() {}

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder network(NetworkSettings network) {
      this.network = network;
      return this;
    }

    public EngineSettings build() {
      return new EngineSettings(concurrency, timeout, connectTimeout, maxBodyBytes, network);
    }
  }
}
