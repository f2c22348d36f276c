package io.batchsend.cli;

import io.batchsend.config.Durations;
import io.batchsend.config.Excerpt;
import io.batchsend.config.OptionDefaults;
import io.batchsend.config.RetryOn;
import io.batchsend.config.RetrySettings;
import io.batchsend.config.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The retry options, shown in the "Delivery and retries" section. */
final class RetryOptions {
  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = OptionDefaults.RETRIES,
      description = "Extra attempts on retryable outcomes (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--retry-on",
      paramLabel = "LIST",
      description =
          "What is retried: io, statuses, classes such as 5xx (default: io,429,502,503,504;"
              + " POST/PATCH: connect failures, 429, 503).")
  String retryOn;

  @Option(
      names = "--retry-backoff",
      paramLabel = "INITIAL[,MAX]",
      defaultValue = OptionDefaults.RETRY_BACKOFF,
      description = "Exponential backoff with full jitter (default: ${DEFAULT-VALUE}).")
  String retryBackoff;

  @Option(
      names = "--retry-max-wait",
      paramLabel = "DURATION",
      defaultValue = OptionDefaults.RETRY_MAX_WAIT,
      converter = DurationConverter.class,
      description = "Cap on a server's Retry-After wait (default: ${DEFAULT-VALUE}).")
  Duration retryMaxWait;

  /** The retry settings; a lone INITIAL backoff keeps the default MAX, or INITIAL when larger. */
  RetrySettings settings() {
    String[] backoff = retryBackoff.split(",", -1);
    if (backoff.length > 2) {
      throw new UsageException(
          "invalid --retry-backoff '" + Excerpt.of(retryBackoff) + "': expected INITIAL[,MAX]");
    }
    Duration initial = Durations.parse(backoff[0]);
    Duration max;
    if (backoff.length == 2) {
      max = Durations.parse(backoff[1]);
    } else {
      String defaultMax = OptionDefaults.RETRY_BACKOFF.split(",")[1];
      max = Durations.parse(defaultMax);
      max = max.compareTo(initial) < 0 ? initial : max;
    }
    return new RetrySettings(
        retries, retryOn == null ? null : RetryOn.parse(retryOn), initial, max, retryMaxWait);
  }
}
