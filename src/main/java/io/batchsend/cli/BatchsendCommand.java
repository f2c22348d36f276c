package io.batchsend.cli;

import io.batchsend.app.Demo;
import io.batchsend.app.Runner;
import io.batchsend.config.AdaptiveMode;
import io.batchsend.config.CaptureSettings;
import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.Durations;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.InputFormat;
import io.batchsend.config.InputSpec;
import io.batchsend.config.LogFormat;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.ProgressMode;
import io.batchsend.config.ReportFiles;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
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
      "Placeholders: {data} the whole item, {index} its 1-based position, {NAME} a CSV column or"
          + " a JSON key ({a.b} inside a nested object), $${VAR} an environment variable (never"
          + " printed). Values are percent-encoded in the URL.",
      "",
      "'batchsend report LOG...' prints the summary of existing logs and writes report files"
          + " from them; see 'batchsend report --help'.",
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
      description =
          "Data file ('./report' for a file named report): one item per line, CSV with a"
              + " header row, or JSON Lines, in UTF-8; '-' reads standard input.")
  String data;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description =
          "lines, csv or jsonl (default: by the DATA file's extension: .csv, .jsonl or .ndjson,"
              + " else lines; lines for standard input).")
  InputFormat inputFormat;

  @Option(
      names = "--max-line",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "Longest input line, CSV record or JSON Lines record (default: 256KiB). A longer one in a"
              + " file is an input error (exit 2, nothing sent); on standard input it is that"
              + " item's failed record.")
  long maxLine = InputSpec.DEFAULT_MAX_LINE;

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
      description = "Request header; repeatable. Placeholders and $${VAR} allowed.")
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
      names = "--adaptive",
      arity = "0..1",
      paramLabel = "errors|latency",
      preprocessor = AdaptiveModePreprocessor.class,
      description =
          "Keep the requests in flight between 1 and -c: fewer when the server pushes back (429,"
              + " 503, timeouts, refused connections), with a pause of all workers on Retry-After;"
              + " latency also backs off when responses slow down (default: errors).")
  AdaptiveMode adaptive;

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
      names = "--responses",
      paramLabel = "FILE|-",
      description = "Write one JSON line per item with its response body ('-' for stdout).")
  String responses;

  @Option(
      names = "--save-bodies",
      paramLabel = "TEMPLATE",
      description = "Write each response body to its own file, e.g. out/{index}.json.")
  String saveBodies;

  @Option(
      names = "--redact",
      paramLabel = "NAMES",
      split = ",",
      description =
          "More query parameters whose values are masked wherever a URL is shown (always masked:"
              + " token, access_token, api_key, apikey, key, password, secret, signature, sig).")
  List<String> redact = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description = "Print the requests (METHOD URL; with -v headers and body), send nothing.")
  boolean dryRun;

  @Option(
      names = "--insecure",
      description = "Do not verify TLS certificates or host names (prints a warning).")
  boolean insecure;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "Also trust the PEM certificates in FILE.")
  Path caCert;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "HTTP proxy for every request, e.g. http://user:pass@proxy:3128 (default: https_proxy,"
              + " HTTPS_PROXY, http_proxy and NO_PROXY from the environment).")
  String proxy;

  @Option(
      names = {"-o", "--log"},
      paramLabel = "FILE",
      description = "Request log, appended (default: ${DEFAULT-VALUE}).")
  Path log = Path.of("request.log");

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text (default), jsonl or csv (RFC 4180, header row in a new file).")
  LogFormat logFormat = LogFormat.TEXT;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Option defaults from a properties file (keys: long option names, e.g. concurrency=16;"
              + " headers: header.1=Name: value). The command line wins.")
  Path config;

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      description =
          "auto (default: on stderr when it is a terminal, not under -q), always or never.")
  ProgressMode progress = ProgressMode.AUTO;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Write a JSON summary of the run (schema version 1).")
  Path summary;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write a JUnit XML report: a failed test case per failed item.")
  Path junit;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write a self-contained HTML report with latency charts.")
  Path html;

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

  /** Headers from {@code --config}, sent unless a {@code -H} of the same name replaces them. */
  private List<String> configHeaders = List.of();

  /** The environment {@code --shard=auto} reads. */
  private final Map<String, String> env;

  BatchsendCommand(Runner runner, Map<String, String> env) {
    this.runner = runner;
    this.env = env;
  }

  void useConfig(ConfigFile file) {
    this.configHeaders = file.headers();
  }

  boolean isVerbose() {
    return verbose;
  }

  @Override
  public Integer call() throws InterruptedException {
    NetworkSettings network =
        new NetworkSettings(
            insecure, caCert, proxy == null ? null : NetworkSettings.parseProxy(proxy, "--proxy"));
    EngineSettings engine =
        new EngineSettings(concurrency, timeout, connectTimeout, maxBody, network);
    Set<String> redacted = new HashSet<>(OutputSettings.DEFAULT_REDACTED_PARAMS);
    redacted.addAll(redact);
    OutputSettings output =
        new OutputSettings(
            log, logFormat, verbosity(), redacted, progress, new ReportFiles(summary, junit, html));
    CaptureSettings capture = new CaptureSettings(responses, saveBodies);
    CoordinationSettings sharing = coordination.settings(env);
    DeliverySettings delivery = delivery(sharing.shard());
    if (demo) {
      if (data != null || url != null) {
        throw new UsageException("--demo brings its own data and URL: drop DATA and --url");
      }
      if (!sharing.equals(CoordinationSettings.NONE)) {
        throw new UsageException("--demo runs on its own: drop --shard and --lock");
      }
      return new Demo(runner, spec.commandLine().getErr()).run(engine, output, delivery, capture);
    }
    if (data == null) {
      throw new UsageException("missing DATA: a data file, or '-' to read standard input");
    }
    InputSpec input =
        data.equals("-")
            ? InputSpec.stdin(inputFormat).withMaxLine(maxLine)
            : InputSpec.file(Path.of(data), inputFormat).withMaxLine(maxLine);
    List<HeaderSpec> headerSpecs = mergedHeaders();
    if (idempotencyKey != null) {
      headerSpecs.add(new HeaderSpec("Idempotency-Key", idempotencyKey));
    }
    RequestSpec request = new RequestSpec(method, url, headerSpecs, bodyTemplate());
    return runner.run(new RunConfig(input, request, engine, output, delivery, capture, sharing));
  }

  private List<HeaderSpec> mergedHeaders() {
    List<HeaderSpec> fromCommandLine = headers.stream().map(HeaderSpec::parse).toList();
    List<HeaderSpec> merged = new ArrayList<>();
    for (String h : configHeaders) {
      HeaderSpec spec = HeaderSpec.parse(h);
      if (fromCommandLine.stream().noneMatch(c -> c.name().equalsIgnoreCase(spec.name()))) {
        merged.add(spec);
      }
    }
    merged.addAll(fromCommandLine);
    return merged;
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
        idempotencyKey,
        dryRun,
        adaptive);
  }

  private Verbosity verbosity() {
    if (quiet && verbose) {
      // One of them may come from --config: the one given on the command line wins.
      ParseResult given = spec.commandLine().getParseResult();
      boolean quietGiven = given.hasMatchedOption("--quiet");
      boolean verboseGiven = given.hasMatchedOption("--verbose");
      if (quietGiven == verboseGiven) {
        throw new UsageException("--quiet and --verbose cannot be used together");
      }
      return quietGiven ? Verbosity.QUIET : Verbosity.VERBOSE;
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
