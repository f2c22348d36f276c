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
import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import io.batchsend.input.ItemSource;
import io.batchsend.log.CsvRecordFormat;
import io.batchsend.log.JsonlRecordFormat;
import io.batchsend.log.RecordFormat;
import io.batchsend.log.RequestLog;
import io.batchsend.log.TextRecordFormat;
import io.batchsend.report.ConsoleSummary;
import io.batchsend.report.ReportOutputs;
import io.batchsend.report.RunReport;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import io.batchsend.template.Redactor;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;

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
   * @throws OutputException when the log or a report file cannot be written (exit 3)
   */
  public int run(RunConfig config) throws InterruptedException {
    long startNanos = clock.nanoTime();
    long startMillis = clock.epochMillis();
    ItemSource source = ItemSource.of(config.input(), stdin);
    RequestTemplate template =
        RequestTemplate.compile(
            config.request(), source.fieldNames(), source.kind(), env, Redactor.defaults());
    long total = source.preflight();
    ReportOutputs.check(config.output().reports());
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
    // Finished is derived from the monotonic wall time, so the two always agree.
    long finishedMillis = startMillis + summary.wallNanos() / 1_000_000;
    RunReport report =
        stats.report(summary, startMillis, finishedMillis, exit, RunOptions.of(config));
    if (config.output().verbosity() != Verbosity.QUIET || exit != ExitCodes.OK) {
      ConsoleSummary.print(report, err);
      err.println("  log:     " + config.output().log());
    }
    if (control.fatal() != null) {
      err.println("batchsend: " + control.fatal());
    }
    err.flush();
    ReportOutputs.write(config.output().reports(), report);
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
      return new FirstItemChecked(source.open(), source.displayName());
    } catch (IOException e) {
      throw new UsageException(
          "cannot read data file " + source.displayName() + ": " + e.getMessage(), e);
    }
  }

  private static RecordFormat formatOf(RunConfig config) {
    return switch (config.output().logFormat()) {
      case JSONL -> new JsonlRecordFormat();
      case TEXT -> new TextRecordFormat();
      case CSV -> new CsvRecordFormat();
    };
  }

  private static ResultSink both(ResultSink first, ResultSink second) {
    return (ItemResult r) -> {
      first.accept(r);
      second.accept(r);
    };
  }

  /**
   * Reads the first item ahead, so that a stream whose first record is malformed is an input error
   * (exit 2, nothing sent) rather than a failed record.
   */
  private static final class FirstItemChecked implements ItemReader {
    private final ItemReader delegate;
    private Item first;

    FirstItemChecked(ItemReader delegate, String name) throws IOException {
      this.delegate = delegate;
      try {
        this.first = delegate.next();
      } catch (IOException e) {
        delegate.close();
        throw e;
      }
      if (first != null && first.isMalformed()) {
        delegate.close();
        throw new UsageException(name + ": " + first.problem());
      }
    }

    @Override
    public Item next() throws IOException {
      if (first != null) {
        Item item = first;
        first = null;
        return item;
      }
      return delegate.next();
    }

    @Override
    public Set<String> fieldNames() {
      return delegate.fieldNames();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
