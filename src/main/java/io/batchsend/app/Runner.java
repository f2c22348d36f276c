package io.batchsend.app;

import io.batchsend.config.OutputException;
import io.batchsend.config.RunConfig;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import io.batchsend.engine.BatchEngine;
import io.batchsend.engine.Clock;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.SuccessPolicy;
import io.batchsend.engine.WorkerContext;
import io.batchsend.engine.http.OkHttpSender;
import io.batchsend.engine.http.OkHttpSenders;
import io.batchsend.input.ItemReader;
import io.batchsend.input.ItemSource;
import io.batchsend.log.JsonlRecordFormat;
import io.batchsend.log.RecordFormat;
import io.batchsend.log.RequestLog;
import io.batchsend.log.TextRecordFormat;
import io.batchsend.report.ConsoleSummary;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import io.batchsend.template.Redactor;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Wires one run: input → template → engine → log and report. Knows nothing of the command line;
 * returns the exit code.
 */
public final class Runner {
  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintWriter err;
  private final Clock clock;
  private final RunControl control;

  /**
   * @param env the environment {@code ${VAR}} reads
   * @param stdin what the data {@code -} reads
   * @param err where the summary and messages go
   * @param control the run's stop state, shared with the signal handler
   */
  public Runner(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter err,
      Clock clock,
      RunControl control) {
    this.env = env;
    this.stdin = stdin;
    this.err = err;
    this.clock = clock;
    this.control = control;
  }

  /**
   * Runs the batch.
   *
   * @throws UsageException before anything is sent, for bad input or templates (exit 2)
   * @throws OutputException when the log cannot be opened (exit 3)
   */
  public int run(RunConfig config) throws InterruptedException {
    long startNanos = clock.nanoTime();
    ItemSource source = ItemSource.of(config.input(), stdin);
    RequestTemplate template =
        RequestTemplate.compile(
            config.request(), source.fieldNames(), source.kind(), env, Redactor.defaults());
    long total = source.preflight(template.fieldsUsed());
    RunStats stats = new RunStats();
    long submitted;
    try (ItemReader reader = openReader(source);
        RequestLog log = RequestLog.open(config.output().log(), formatOf(config));
        OkHttpSender sender = OkHttpSenders.create(config.engine(), clock)) {
      ResultSink sink = both(log, stats);
      WorkerContext context =
          new WorkerContext(
              template,
              sender,
              io.batchsend.engine.RetryPolicy.NONE,
              SuccessPolicy.TWO_XX,
              sink,
              control,
              clock);
      BatchEngine engine =
          new BatchEngine(config.engine().concurrency(), java.time.Duration.ofSeconds(10), context);
      submitted = engine.run(reader);
    } catch (IOException e) {
      throw new OutputException("cannot finish the run: " + e.getMessage(), e);
    }
    long started = stats.ok() + stats.failed();
    long notSent = Math.max(0, (total >= 0 ? total : submitted) - started);
    Summary summary = stats.snapshot(0, notSent, clock.nanoTime() - startNanos);
    int exit = exitCode(summary);
    if (config.output().verbosity() != Verbosity.QUIET || exit != ExitCodes.OK) {
      ConsoleSummary.print(summary, err);
      err.println("  log:     " + config.output().log());
    }
    if (control.fatal() != null) {
      err.println("batchsend: " + control.fatal());
    }
    err.flush();
    return exit;
  }

  private int exitCode(Summary summary) {
    if (control.fatal() != null) {
      return ExitCodes.IO;
    }
    if (control.stopSignal() != 0) {
      return ExitCodes.forSignal(control.stopSignal());
    }
    return summary.failed() > 0 ? ExitCodes.FAILURES : ExitCodes.OK;
  }

  private static ItemReader openReader(ItemSource source) {
    try {
      return source.open();
    } catch (IOException e) {
      throw new UsageException(
          "cannot read data file " + source.displayName() + ": " + e.getMessage(), e);
    }
  }

  private static RecordFormat formatOf(RunConfig config) {
    return switch (config.output().logFormat()) {
      case JSONL -> new JsonlRecordFormat();
      case TEXT -> new TextRecordFormat();
    };
  }

  private static ResultSink both(ResultSink first, ResultSink second) {
    return (ItemResult r) -> {
      first.accept(r);
      second.accept(r);
    };
  }
}
