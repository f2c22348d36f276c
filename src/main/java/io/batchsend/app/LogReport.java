package io.batchsend.app;

import io.batchsend.config.ExitCodes;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.OutputException;
import io.batchsend.config.ReportFiles;
import io.batchsend.config.UsageException;
import io.batchsend.engine.ItemResult;
import io.batchsend.log.LogReader;
import io.batchsend.log.MalformedLogException;
import io.batchsend.report.ActiveTime;
import io.batchsend.report.ConsoleSummary;
import io.batchsend.report.LatestOutcomes;
import io.batchsend.report.ReportOutputs;
import io.batchsend.report.RunReport;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code batchsend report LOG...}: the console summary and report files of a run, computed from its
 * logs, in any format batchsend writes (one run's, or several shards' or re-runs'). Each item's
 * outcome is the last record logged for it.
 */
public final class LogReport {
  private final PrintWriter err;

  public LogReport(PrintWriter err) {
    this.err = err;
  }

  /**
   * Reads {@code logs}, prints the summary and writes {@code files}; returns the exit code.
   *
   * @throws UsageException when a log cannot be read or holds a bad record (exit 2)
   * @throws OutputException when a report file cannot be written (exit 3)
   */
  public int run(List<Path> logs, ReportFiles files, FailureBudget budget) {
    if (logs.isEmpty()) {
      throw new UsageException("missing LOG: one or more request logs (text, JSON Lines or CSV)");
    }
    ReportOutputs.check(files);
    LatestOutcomes outcomes = new LatestOutcomes();
    LogReader reader = new LogReader();
    for (Path log : logs) {
      LogReader.Counts counts;
      try {
        counts = reader.read(log, r -> outcomes.add(r.toResult()));
      } catch (IOException e) {
        throw new UsageException("cannot read log " + log + ": " + OutputException.describe(e), e);
      } catch (MalformedLogException e) {
        throw new UsageException(e.getMessage(), e);
      }
      if (counts.torn() > 0) {
        err.println(
            "batchsend: " + log + ": " + counts.torn() + " torn record(s) ignored (a crashed run)");
      }
    }
    List<ItemResult> results = outcomes.inFinishOrder();
    RunStats stats = new RunStats();
    long started = Long.MAX_VALUE;
    long finished = Long.MIN_VALUE;
    for (ItemResult r : results) {
      stats.accept(r);
      started = Math.min(started, r.finishedEpochMillis() - r.nanos() / 1_000_000);
      finished = Math.max(finished, r.finishedEpochMillis());
    }
    if (results.isEmpty()) {
      started = 0;
      finished = 0;
    }
    // Throughput over the time items were in flight, not the idle time between merged runs.
    Summary summary = stats.snapshot(0, 0, ActiveTime.nanos(results));
    int exit =
        budget.isExceeded(summary.failed(), summary.sent()) ? ExitCodes.FAILURES : ExitCodes.OK;
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("logs", logs.stream().map(Path::toString).toList());
    options.put("max_failures", budget.toString());
    RunReport report = stats.report(summary, started, finished, exit, options);
    ConsoleSummary.print(report, err);
    ReportOutputs.write(files, report);
    return exit;
  }
}
