package io.batchsend.cli;

import io.batchsend.app.Demo;
import io.batchsend.app.Runner;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.InputSpec;
import io.batchsend.config.LogFormat;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.ReportFiles;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.RunConfig;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "Placeholders: {data} the whole item, {index} its 1-based position, $${VAR} an environment"
          + " variable (never printed). Values are percent-encoded in the URL.",
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
          "Data file, one item per line (UTF-8); '-' reads standard input. A file named"
              + " 'report' is given as './report'.")
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

  BatchsendCommand(Runner runner) {
    this.runner = runner;
  }

  boolean isVerbose() {
    return verbose;
  }

  @Override
  public Integer call() throws InterruptedException {
    EngineSettings engine = new EngineSettings(concurrency, timeout, connectTimeout, maxBody);
    OutputSettings output =
        new OutputSettings(log, logFormat, verbosity(), new ReportFiles(summary, junit, html));
    if (demo) {
      if (data != null || url != null) {
        throw new UsageException("--demo brings its own data and URL: drop DATA and --url");
      }
      return new Demo(runner, spec.commandLine().getErr()).run(engine, output);
    }
    if (data == null) {
      throw new UsageException("missing DATA: a data file, or '-' to read standard input");
    }
    InputSpec input = data.equals("-") ? InputSpec.stdin() : new InputSpec(Path.of(data));
    List<HeaderSpec> headerSpecs = headers.stream().map(HeaderSpec::parse).toList();
    RequestSpec request = new RequestSpec(method, url, headerSpecs, bodyTemplate());
    return runner.run(new RunConfig(input, request, engine, output));
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
