package io.batchsend.cli;

import io.batchsend.app.Demo;
import io.batchsend.app.Runner;
import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.Durations;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.InputSpec;
import io.batchsend.config.LogFormat;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.RetrySettings;
import io.batchsend.config.RunConfig;
import io.batchsend.config.Shard;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code batchsend [OPTIONS] DATA}: parses the options into a {@link RunConfig} and delegates. */
@Command(
    name = "batchsend",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    headerHeading = "",
    synopsisHeading = "Usage: ",
    descriptionHeading = "%n",
    description = {
      "Send one HTTP request per item of DATA through a fixed pool of workers, time each call,"
          + " and append one record per item to the request log.",
      "",
      "Placeholders: {data} the whole item, {index} its 1-based position, ${VAR} an environment"
          + " variable (never printed). Values are percent-encoded in the URL.",
    },
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n")
final class BatchsendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final Runner runner;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DATA",
      description = "Data file, one item per line (UTF-8); '-' reads standard input.")
  String data;

  @Option(
      names = {"-u", "--url"},
      paramLabel = "TEMPLATE",
      description = "Request URL, e.g. 'https://api.example.com/users/{data}'.")
  String url;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      description = "GET (default), POST, PUT, PATCH, DELETE or HEAD.")
  HttpMethod method = HttpMethod.GET;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description = "Request header; repeatable. Placeholders and ${VAR} allowed.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = {"-d", "--body"},
      paramLabel = "TEMPLATE",
      description = "Request body; '@file' reads the template from a file.")
  String body;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      description = "Worker threads in the fixed pool (default: ${DEFAULT-VALUE}).")
  int concurrency = 8;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Limit on each whole call, body included (default: 30s).")
  Duration timeout = Duration.ofSeconds(30);

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Limit on connecting (default: 10s).")
  Duration connectTimeout = Duration.ofSeconds(10);

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description = "Stop reading a response past SIZE (default: 10MiB).")
  long maxBody = 10L << 20;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "Extra attempts on retryable outcomes (default: ${DEFAULT-VALUE}).")
  int retries = 2;

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
      description = "Exponential backoff with full jitter (default: 200ms,10s).")
  String retryBackoff = "200ms,10s";

  @Option(
      names = "--retry-max-wait",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Cap on a server's Retry-After wait (default: 60s).")
  Duration retryMaxWait = Duration.ofSeconds(60);

  @Option(
      names = "--idempotency-key",
      paramLabel = "TEMPLATE",
      description =
          "Send an Idempotency-Key header rendered from the item; makes POST/PATCH retryable.")
  String idempotencyKey;

  @Option(
      names = "--expect",
      paramLabel = "LIST",
      description = "Statuses that count as success, e.g. 200,201,404 or 2xx (default: 2xx).")
  String expect;

  @Option(
      names = "--rate",
      paramLabel = "N/s|N/m",
      description =
          "At most N request starts per second or minute, all workers together, evenly spaced.")
  String rate;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "On SIGINT/SIGTERM, time given to requests in flight (default: 10s).")
  Duration grace = Duration.ofSeconds(10);

  @Option(
      names = "--max-failures",
      paramLabel = "N|P%",
      description = "Exit 1 only past this many failed items, or this percentage (default: 0).")
  String maxFailures = "0";

  @Option(
      names = "--failed",
      paramLabel = "FILE",
      description = "Write every failed item, in the input's format, for a re-run.")
  Path failed;

  @Option(
      names = "--resume",
      description = "Skip items that --log already records as ok (same index and item).")
  boolean resume;

  @Mixin CoordinationOptions coordination = new CoordinationOptions();

  @Option(
      names = {"-o", "--log"},
      paramLabel = "FILE",
      description = "Request log, appended (default: ${DEFAULT-VALUE}).")
  Path log = Path.of("request.log");

  @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or jsonl.")
  LogFormat logFormat = LogFormat.TEXT;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors, and the summary when the batch failed.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print diagnostics (secrets masked) and stack traces of internal errors.")
  boolean verbose;

  @Option(
      names = "--demo",
      description = "Send bundled sample items to an embedded echo server on 127.0.0.1.")
  boolean demo;

  /** The environment {@code --shard=auto} reads. */
  private final Map<String, String> env;

  BatchsendCommand(Runner runner, Map<String, String> env) {
    this.runner = runner;
    this.env = env;
  }

  boolean isVerbose() {
    return verbose;
  }

  @Override
  public Integer call() throws InterruptedException {
    EngineSettings engine = new EngineSettings(concurrency, timeout, connectTimeout, maxBody);
    OutputSettings output = new OutputSettings(log, logFormat, verbosity());
    CoordinationSettings sharing = coordination.settings(env);
    DeliverySettings delivery = delivery(sharing.shard());
    if (demo) {
      if (data != null || url != null) {
        throw new UsageException("--demo brings its own data and URL: drop DATA and --url");
      }
      if (!sharing.equals(CoordinationSettings.NONE)) {
        throw new UsageException("--demo runs on its own: drop --shard and --lock");
      }
      return new Demo(runner, spec.commandLine().getErr()).run(engine, output, delivery);
    }
    if (data == null) {
      throw new UsageException("missing DATA: a data file, or '-' to read standard input");
    }
    InputSpec input = data.equals("-") ? InputSpec.stdin() : new InputSpec(Path.of(data));
    List<HeaderSpec> headerSpecs =
        new ArrayList<>(headers.stream().map(HeaderSpec::parse).toList());
    if (idempotencyKey != null) {
      headerSpecs.add(new HeaderSpec("Idempotency-Key", idempotencyKey));
    }
    RequestSpec request = new RequestSpec(method, url, headerSpecs, bodyTemplate());
    return runner.run(new RunConfig(input, request, engine, output, delivery, sharing));
  }

  private DeliverySettings delivery(Shard shard) {
    String[] backoff = retryBackoff.split(",", -1);
    if (backoff.length > 2) {
      throw new UsageException(
          "invalid --retry-backoff '" + retryBackoff + "': expected INITIAL[,MAX]");
    }
    Duration initial = Durations.parse(backoff[0]);
    Duration max = backoff.length == 2 ? Durations.parse(backoff[1]) : Duration.ofSeconds(10);
    RetrySettings retry =
        new RetrySettings(
            retries,
            retryOn == null ? null : RetrySettings.parseRetryOn(retryOn),
            initial,
            max.compareTo(initial) < 0 && backoff.length == 1 ? initial : max,
            retryMaxWait);
    return new DeliverySettings(
        retry,
        coordination.rate(rate, shard),
        grace,
        expect == null ? null : DeliverySettings.parseExpect(expect),
        FailureBudget.parse(maxFailures),
        failed,
        resume,
        idempotencyKey);
  }

  private Verbosity verbosity() {
    if (quiet && verbose) {
      throw new UsageException("--quiet and --verbose cannot be used together");
    }
    return quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
  }

  private String bodyTemplate() {
    if (body == null || !body.startsWith("@")) {
      return body;
    }
    Path file = Path.of(body.substring(1));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot read --body file " + file + ": " + describe(e));
    }
  }

  private static String describe(IOException e) {
    return io.batchsend.config.OutputException.describe(e);
  }
}
