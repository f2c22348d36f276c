package io.batchsend.config;

/**
 * The default of every option that has one, written once, as the text a user would type: the
 * command's {@code defaultValue} attributes parse them and {@code --help} shows them, so the value
 * sent and the value documented cannot drift apart.
 */
public final class OptionDefaults {
  /** Longest input line or record; see InputSpec for why this size. */
  public static final String MAX_LINE = "256KiB";

  public static final String METHOD = "GET";
  public static final String CONCURRENCY = "8";
  public static final String TIMEOUT = "30s";
  public static final String CONNECT_TIMEOUT = "10s";
  public static final String MAX_BODY = "10MiB";
  public static final String RETRIES = "2";

  /** {@code INITIAL,MAX}; a lone {@code INITIAL} keeps this MAX (or INITIAL when larger). */
  public static final String RETRY_BACKOFF = "200ms,10s";

  public static final String RETRY_MAX_WAIT = "60s";
  public static final String GRACE = "10s";

  /** The mode of a bare {@code --adaptive} (the option itself is off by default). */
  public static final String ADAPTIVE = "errors";

  /** Statuses that count as success. */
  public static final String EXPECT = "2xx";

  public static final String MAX_FAILURES = "0";
  public static final String LOG = "request.log";
  public static final String LOG_FORMAT = "text";
  public static final String PROGRESS = "auto";
  public static final String TLS_PROVIDER = "auto";

  private OptionDefaults() {}
}
