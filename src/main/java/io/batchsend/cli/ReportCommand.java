package io.batchsend.cli;

import io.batchsend.app.LogReport;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.ReportFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code batchsend report [OPTIONS] LOG...}: figures and report files from existing logs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    synopsisHeading = "Usage: ",
    descriptionHeading = "%n",
    description = {
      "Print the summary of one or more request logs, in any --log-format (several shards, or a"
          + " run and its re-runs), and write report files from them.",
      "",
      "Each item (its index and text) counts once, with the last record read for it: give the"
          + " logs oldest first.",
    },
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  every item's final outcome is ok (or failures within --max-failures)",
      "  1  failures past the threshold",
      "  2  a log cannot be read or holds a bad record",
      "  3  a report file cannot be written",
    })
final class ReportCommand implements Callable<Integer> {
  private final LogReport report;

  @Parameters(
      arity = "1..*",
      paramLabel = "LOG",
      description = "Request log: text, JSON Lines or CSV, detected per file.")
  List<Path> logs = new ArrayList<>();

  @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary.")
  Path summary;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report.")
  Path junit;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write a self-contained HTML report.")
  Path html;

  @Option(
      names = "--max-failures",
      paramLabel = "N|P%",
      description =
          "Exit 1 only when more than N items failed, or more than P %% of them (default: 0).")
  String maxFailures = "0";

  ReportCommand(LogReport report) {
    this.report = report;
  }

  @Override
  public Integer call() {
    FailureBudget budget = FailureBudget.parse(maxFailures);
    return report.run(logs, new ReportFiles(summary, junit, html), budget);
  }
}
