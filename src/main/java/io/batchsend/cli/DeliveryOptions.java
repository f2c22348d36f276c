package io.batchsend.cli;

import io.batchsend.config.AdaptiveMode;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.OptionDefaults;
import io.batchsend.config.Rate;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The "Delivery and retries" section: the pool and the limits of each call, retries, what counts as
 * success, and how every item is accounted for.
 */
final class DeliveryOptions {
  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      defaultValue = OptionDefaults.CONCURRENCY,
      description = "Worker threads in the fixed pool (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "N/s|N/m",
      description =
          "At most N request starts per second or minute, all workers together, evenly spaced.")
  String rate;

  @Option(
      names = "--adaptive",
      arity = "0..1",
      paramLabel = "errors|latency",
      preprocessor = AdaptiveModePreprocessor.class,
      description =
          "Keep the requests in flight between 1 and -c: fewer when the server pushes back (429,"
              + " 503, timeouts, refused connections), with a pause of all workers on Retry-After;"
              + " latency also backs off when responses slow down (default: "
              + OptionDefaults.ADAPTIVE
              + ").")
  AdaptiveMode adaptive;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = OptionDefaults.TIMEOUT,
      converter = DurationConverter.class,
      description = "Limit on each whole call, body included (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = OptionDefaults.CONNECT_TIMEOUT,
      converter = DurationConverter.class,
      description = "Limit on connecting (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      defaultValue = OptionDefaults.MAX_BODY,
      converter = SizeConverter.class,
      description = "Stop reading a response past SIZE (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Mixin RetryOptions retry = new RetryOptions();

  @Option(
      names = "--expect",
      paramLabel = "LIST",
      defaultValue = OptionDefaults.EXPECT,
      description =
          "Statuses that count as success, e.g. 200,201,404 or 2xx (default: ${DEFAULT-VALUE}).")
  String expect;

  @Option(
      names = "--max-failures",
      paramLabel = "N|P%",
      defaultValue = OptionDefaults.MAX_FAILURES,
      description =
          "Exit 1 only past this many failed items, or this percentage (default:"
              + " ${DEFAULT-VALUE}).")
  String maxFailures;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = OptionDefaults.GRACE,
      converter = DurationConverter.class,
      description =
          "On SIGINT/SIGTERM, time given to requests in flight (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(
      names = "--resume",
      description = "Skip items that --log already records as ok (same index, item and request).")
  boolean resume;

  @Option(
      names = "--resume-any-request",
      description =
          "With --resume, skip what --log records as ok even when another request (method, URL,"
              + " headers or body) or an older batchsend wrote it.")
  boolean resumeAnyRequest;

  @Option(
      names = "--failed",
      paramLabel = "FILE",
      description = "Write every failed item, in the input's format, for a re-run.")
  Path failed;

  @Option(
      names = "--dry-run",
      description = "Print the requests (METHOD URL; with -v headers and body), send nothing.")
  boolean dryRun;

  /** The pool and the limits of each call, connecting as {@code network} says. */
  EngineSettings engine(NetworkSettings network) {
    return EngineSettings.builder()
        .concurrency(concurrency)
        .timeout(timeout)
        .connectTimeout(connectTimeout)
        .maxBodyBytes(maxBody)
        .network(network)
        .build();
  }

  /**
   * @param rateLimit the rate this run keeps ({@code --rate}, or its share of {@code
   *     --rate-total}), or null
   * @param idempotencyKey the {@code --idempotency-key} template, or null
   */
  DeliverySettings settings(Rate rateLimit, String idempotencyKey) {
    return DeliverySettings.builder(retry.settings())
        .rate(rateLimit)
        .grace(grace)
        .expect(DeliverySettings.parseExpect(expect))
        .maxFailures(FailureBudget.parse(maxFailures))
        .failedFile(failed)
        .resume(resume)
        .resumeAnyRequest(resumeAnyRequest)
        .idempotencyKey(idempotencyKey)
        .dryRun(dryRun)
        .adaptive(adaptive)
        .build();
  }
}
