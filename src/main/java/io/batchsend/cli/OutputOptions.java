package io.batchsend.cli;

import io.batchsend.config.CaptureSettings;
import io.batchsend.config.LogFormat;
import io.batchsend.config.OptionDefaults;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.ProgressMode;
import io.batchsend.config.ReportFiles;
import io.batchsend.config.ResponseHeaderNames;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The "Output and reports" section: the request log, what is kept of the responses, the report
 * files, and what is said on the terminal.
 */
final class OutputOptions {
  @Option(
      names = {"-o", "--log"},
      paramLabel = "FILE",
      defaultValue = OptionDefaults.LOG,
      description = "Request log, appended (default: ${DEFAULT-VALUE}).")
  Path log;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = OptionDefaults.LOG_FORMAT,
      description = "text (default), jsonl or csv (RFC 4180, header row in a new file).")
  LogFormat logFormat;

  @Option(
      names = "--responses",
      paramLabel = "FILE|-",
      description = "Write one JSON line per item with its response body ('-' for stdout).")
  String responses;

  @Option(
      names = "--response-headers",
      paramLabel = "NAME",
      split = ",",
      description =
          "Add these headers of the final response to each --responses line (names, any case,"
              + " e.g. Location,X-Request-Id, or * for all); values of Set-Cookie, Cookie,"
              + " Authorization and Proxy-Authorization are masked.")
  List<String> responseHeaders;

  @Option(
      names = "--save-bodies",
      paramLabel = "TEMPLATE",
      description = "Write each response body to its own file, e.g. out/{index}.json.")
  String saveBodies;

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
      names = "--redact",
      paramLabel = "NAMES",
      split = ",",
      description =
          "More query parameters whose values are masked wherever a URL is shown (always masked:"
              + " token, access_token, api_key, apikey, key, password, secret, signature, sig).")
  List<String> redact = new ArrayList<>();

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      defaultValue = OptionDefaults.PROGRESS,
      description =
          "auto (default: on stderr when it is a terminal, not under -q), always or never.")
  ProgressMode progress;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors, and the summary when the batch failed.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print diagnostics (secrets masked) and stack traces of internal errors.")
  boolean verbose;

  /**
   * The log, its format, verbosity, redaction, progress and report files.
   *
   * @param given the parsed command line: of {@code -q} and {@code -v}, the one given there wins
   *     over the one from {@code --config}
   */
  OutputSettings settings(ParseResult given) {
    Set<String> redacted = new HashSet<>(OutputSettings.DEFAULT_REDACTED_PARAMS);
    redacted.addAll(redact);
    return new OutputSettings(
        log,
        logFormat,
        verbosity(given),
        redacted,
        progress,
        new ReportFiles(summary, junit, html));
  }

  /** What is kept of the responses. */
  CaptureSettings capture() {
    return new CaptureSettings(responses, saveBodies, ResponseHeaderNames.parse(responseHeaders));
  }

  private Verbosity verbosity(ParseResult given) {
    if (quiet && verbose) {
      boolean quietGiven = given.hasMatchedOption("--quiet");
      boolean verboseGiven = given.hasMatchedOption("--verbose");
      if (quietGiven == verboseGiven) {
        throw new UsageException("--quiet and --verbose cannot be used together");
      }
      return quietGiven ? Verbosity.QUIET : Verbosity.VERBOSE;
    }
    return quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
  }
}
