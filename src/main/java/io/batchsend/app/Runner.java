package io.batchsend.app;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.ExitCodes;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.OutputException;
import io.batchsend.config.ProgressMode;
import io.batchsend.config.RunConfig;
import io.batchsend.config.Shard;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import io.batchsend.engine.AdaptiveControl;
import io.batchsend.engine.AdaptiveStatus;
import io.batchsend.engine.AuthToken;
import io.batchsend.engine.BatchEngine;
import io.batchsend.engine.Clock;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.MemoryBudget;
import io.batchsend.engine.RateLimiter;
import io.batchsend.engine.ResultSink;
import io.batchsend.engine.RetryPolicy;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.SuccessPolicy;
import io.batchsend.engine.WorkerContext;
import io.batchsend.engine.http.OkHttpSender;
import io.batchsend.engine.http.OkHttpSenders;
import io.batchsend.input.ItemReader;
import io.batchsend.input.ItemSource;
import io.batchsend.input.ShardItemReader;
import io.batchsend.input.SkippingItemReader;
import io.batchsend.log.BodyFiles;
import io.batchsend.log.FailedItemsWriter;
import io.batchsend.log.RecordFormat;
import io.batchsend.log.RequestFingerprint;
import io.batchsend.log.RequestLog;
import io.batchsend.log.ResponsesWriter;
import io.batchsend.log.ResumeIndex;
import io.batchsend.log.UnwrittenRecords;
import io.batchsend.progress.ProgressLine;
import io.batchsend.report.ConsoleSummary;
import io.batchsend.report.ReportOutputs;
import io.batchsend.report.RunReport;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import io.batchsend.template.PathTemplate;
import io.batchsend.template.Redactor;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Wires one run: input → template → engine → log and report. Knows nothing of the command line;
 * returns the exit code.
 */
public final class Runner {
  /**
   * The share of the heap the items in flight may take (see {@link MemoryBudget}); the rest is the
   * JVM's own, the HTTP client's connections and buffers, the reports' tallies and --resume's
   * index.
   */
  private static final double MEMORY_FOR_ITEMS = 0.3;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final RandomGenerator random;
  private final RunControl control;

  /**
   * @param env the environment {@code ${VAR}} reads
   * @param stdin what the data {@code -} reads
   * @param out standard output: {@code --dry-run} and {@code --responses -}
   * @param err where the summary and messages go
   * @param clock time and every wait of the run
   * @param random the backoff jitter's source
   * @param control the run's stop state, shared with the signal handler
   */
  public Runner(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      RandomGenerator random,
      RunControl control) {
    this.env = env;
    this.stdin = stdin;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.random = random;
    this.control = control;
  }

  /**
   * Runs the batch.
   *
   * @throws UsageException before anything is sent, for bad input or templates (exit 2)
   * @throws OutputException when the log or another output cannot be opened (exit 3); one that
   *     fails later ends the run with exit code 3 and its summary
   */
  public int run(RunConfig config) throws InterruptedException {
    RunLock lock = lockIfAsked(config.coordination());
    try {
      if (config.output().verbosity() != Verbosity.VERBOSE) {
        return runBatch(config);
      }
      try (AutoCloseable diagnostics = Diagnostics.verbose(err)) {
        return runBatch(config);
      } catch (InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("cannot end the diagnostics", e);
      }
    } finally {
      release(lock);
    }
  }

  private int runBatch(RunConfig config) throws InterruptedException {
    long startNanos = clock.nanoTime();
    long startMillis = clock.epochMillis();
    Shard shard = config.coordination().shard();
    DeliverySettings delivery = config.delivery();
    ItemSource source = ItemSource.of(config.input(), stdin);
    Redactor redactor = new Redactor(config.output().redact(), List.of());
    RequestTemplate template =
        RequestTemplate.compile(
            config.request(), source.fieldNames(), source.kind(), env, redactor);
    AuthTokens.check(config.auth(), template);
    BodyFiles bodies = bodyFiles(config, source);
    long total = source.preflight(template.fieldsUsed(), template::problemWith);
    if (shard != null && total >= 0) {
      total = shard.shareOf(total); // the other shards' items are not this run's to count
    }
    if (delivery.dryRun()) {
      return new DryRun(out, err, config.output().verbosity())
          .print(ShardItemReader.of(openReader(source), shard), template);
    }
    ReportOutputs.check(config.output().reports());
    AuthToken auth = AuthTokens.start(config.auth(), clock);
    restoreUnwritten(config);
    RequestFingerprint request = RequestFingerprint.of(config.request(), env);
    ResumeIndex done =
        delivery.resume()
            ? ResumeIndex.read(config.output().log(), request, delivery.resumeAnyRequest())
            : null;
    RunStats stats = new RunStats();
    BatchEngine.Outcome outcome = null;
    SkippingItemReader reader = null;
    UnwrittenRecords unwritten = null;
    FailedItemsWriter failedItems = null;
    AdaptiveControl adaptive = null;
    if (config.engine().network().insecure() && config.output().verbosity() != Verbosity.QUIET) {
      err.println(
          "batchsend: warning: --insecure: TLS certificates and host names are not checked");
    }
    RateLimiter rate = rateLimiter(delivery);
    // The client first: a bad --cacert or proxy is a usage error before any file is touched.
    try (OkHttpSender sender =
            OkHttpSenders.create(
                config.engine(),
                env,
                spoolDirectory(config, bodies),
                config.capture().responseHeaders(),
                clock,
                rate);
        ItemReader first = openReader(source);
        ResumeIndex resumed = done;
        RequestLog log =
            RequestLog.open(
                config.output().log(), RecordFormat.of(config.output().logFormat(), request));
        FailedItemsWriter failed = openFailed(delivery, first);
        ResponsesWriter responses = openResponses(config)) {
      unwritten = log.unwritten();
      failedItems = failed;
      reader =
          new SkippingItemReader(
              ShardItemReader.of(first, shard), done == null ? item -> false : done);
      List<ResultSink> sinks = new ArrayList<>(List.of(log, stats));
      if (failed != null) {
        sinks.add(failed);
      }
      if (responses != null) {
        sinks.add(responses);
      }
      adaptive = adaptiveControl(config, rate);
      WorkerContext context =
          WorkerContext.builder(template, sender, all(sinks), control)
              .retry(
                  RetryPolicy.forRun(
                      delivery.retry(),
                      config.request().method(),
                      delivery.idempotencyKey() != null))
              .rate(rate)
              .success(successPolicy(delivery))
              .bodies(bodies)
              .clock(clock)
              .random(random)
              .adaptive(adaptive)
              .memory(MemoryBudget.ofHeap(MEMORY_FOR_ITEMS))
              .auth(auth)
              .build();
      BatchEngine engine =
          new BatchEngine(config.engine().concurrency(), delivery.grace(), context);
      try (AutoCloseable progress = progressLine(config, stats, reader, total, adaptive)) {
        outcome = engine.run(reader);
      }
    } catch (IOException e) {
      // A file that failed as it was closed: the run is over, its summary still owed.
      control.fail(e.getMessage());
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long sent = stats.ok() + stats.failed();
    long skipped = reader.skipped();
    long submitted = outcome == null ? sent : outcome.submitted();
    long notSent = Math.max(0, (total >= 0 ? total - skipped : submitted) - sent);
    Summary summary = stats.snapshot(skipped, notSent, clock.nanoTime() - startNanos);
    if (adaptive != null) {
      summary = summary.withAdaptive(adaptive.figures());
    }
    UnwrittenRecords.Saved saved = unwritten == null ? null : unwritten.save();
    if (saved != null) {
      summary = summary.withUnwritten(new Summary.Unwritten(saved.count(), saved.place()));
    }
    Throwable bug = outcome == null ? null : outcome.bug();
    int exit = exitCode(summary, delivery.maxFailures(), bug);
    // Finished is derived from the monotonic wall time, so the two always agree.
    long finishedMillis = startMillis + summary.wallNanos() / 1_000_000;
    RunReport report =
        stats.report(summary, startMillis, finishedMillis, exit, RunOptions.of(config));
    // Reports first: one that cannot be written makes the exit code 3, which every report and
    // the console then state.
    List<String> reportProblems =
        ReportOutputs.writeAll(config.output().reports(), report, ExitCodes.IO);
    if (!reportProblems.isEmpty()) {
      exit = ExitCodes.IO;
    }
    if (config.output().verbosity() != Verbosity.QUIET || exit != ExitCodes.OK) {
      ConsoleSummary.print(report, err);
      if (shard != null) {
        err.println("  shard:   " + shard);
      }
      err.println("  log:     " + config.output().log() + unwrittenNote(saved));
    }
    String fatal = control.fatal();
    String failedProblem = failedItems == null ? null : failedItems.problem();
    if (fatal != null && failedProblem != null && failedProblem.startsWith(fatal)) {
      fatal = failedProblem; // the same failure, told with how many items the file lacks
      failedProblem = null;
    }
    if (bug != null) {
      err.println("batchsend: internal error: " + bug + " (please report it)");
    } else if (fatal != null) {
      err.println("batchsend: " + fatal);
      if (failedProblem != null) {
        err.println("batchsend: " + failedProblem);
      }
    } else if (control.stopSignal() != 0) {
      err.println(interruptedLine(summary));
    }
    for (String problem : reportProblems) {
      err.println("batchsend: " + problem);
    }
    if (saved != null) {
      unwritten.report(saved, err); // last: it may print the records themselves
    }
    err.flush();
    return exit;
  }

  /**
   * The line of a run stopped by a signal. Items cancelled in flight have a failed record, but they
   * were not sent whole and {@code --resume} sends them again: they count as not sent here, beside
   * the items never started.
   */
  private static String interruptedLine(Summary summary) {
    long cancelled = summary.errors().getOrDefault(FailureKind.INTERRUPTED.word(), 0L);
    return "batchsend: interrupted: "
        + (summary.notSent() + cancelled)
        + " items not sent"
        + (cancelled > 0 ? " (" + cancelled + " cancelled in flight)" : "")
        + "; rerun with --resume to send them";
  }

  /** After the log's path on the console: how many records are elsewhere, and where. */
  private static String unwrittenNote(UnwrittenRecords.Saved saved) {
    if (saved == null) {
      return "";
    }
    return " ("
        + saved.count()
        + (saved.count() == 1 ? " record" : " records")
        + " not in the log: "
        + (saved.onStderr() ? "on stderr below" : "in " + saved.file())
        + ")";
  }

  /** Adds the records an earlier run could not write ({@code LOG.unwritten}) to the log. */
  private void restoreUnwritten(RunConfig config) {
    java.nio.file.Path log = config.output().log();
    if (UnwrittenRecords.restore(log) > 0 && config.output().verbosity() != Verbosity.QUIET) {
      err.println(
          "batchsend: added the records of "
              + UnwrittenRecords.fileFor(log)
              + " (not written by an earlier run) to "
              + log);
    }
  }

  /** The progress line the options and the terminal call for, or a no-op. */
  private AutoCloseable progressLine(
      RunConfig config,
      RunStats stats,
      SkippingItemReader reader,
      long total,
      AdaptiveStatus adaptive) {
    ProgressMode mode = config.output().progress();
    boolean terminal = mode != ProgressMode.NEVER && Terminals.isStderrTerminal();
    boolean show =
        mode == ProgressMode.ALWAYS
            || (mode == ProgressMode.AUTO
                && terminal
                && config.output().verbosity() != Verbosity.QUIET);
    if (!show) {
      return () -> {};
    }
    ProgressLine.Source source =
        new ProgressLine.Source(
            stats::ok,
            stats::failed,
            reader::skipped,
            total,
            adaptive == null ? null : () -> adaptive.describe());
    return ProgressLine.start(source, err, terminal, clock::nanoTime);
  }

  /** Takes {@code --lock} before anything is read or sent; null when not asked for. */
  private static RunLock lockIfAsked(CoordinationSettings coordination) {
    return coordination.lockFile() == null ? null : RunLock.acquire(coordination.lockFile());
  }

  private static void release(RunLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.close();
    } catch (IOException e) {
      // The run's outcome stands: the kernel drops the lock with the process anyway.
    }
  }

  private static FailedItemsWriter openFailed(DeliverySettings delivery, ItemReader reader) {
    return delivery.failedFile() == null
        ? null
        : FailedItemsWriter.open(delivery.failedFile(), reader.headerLine());
  }

  private ResponsesWriter openResponses(RunConfig config) {
    String target = config.capture().responses();
    if (target == null) {
      return null;
    }
    boolean headers = config.capture().responseHeaders().any();
    if (target.equals("-")) {
      return new ResponsesWriter("<stdout>", out, false, headers);
    }
    return ResponsesWriter.open(Path.of(target), headers);
  }

  /**
   * Where kept bodies are spooled while read: the --save-bodies base (saving is then a rename),
   * else beside the --responses file, else the temporary directory; null when no body is kept.
   */
  private static java.nio.file.Path spoolDirectory(RunConfig config, BodyFiles bodies) {
    if (bodies != null) {
      return bodies.spoolDirectory();
    }
    String responses = config.capture().responses();
    if (responses == null) {
      return null;
    }
    java.nio.file.Path file = java.nio.file.Path.of(responses).toAbsolutePath();
    return responses.equals("-") || file.getParent() == null
        ? java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
        : file.getParent();
  }

  private BodyFiles bodyFiles(RunConfig config, ItemSource source) {
    String template = config.capture().saveBodies();
    if (template == null) {
      return null;
    }
    return new BodyFiles(
        PathTemplate.compile(template, "--save-bodies", source.fieldNames(), source.kind(), env));
  }

  private RateLimiter rateLimiter(DeliverySettings delivery) {
    return delivery.rate() == null
        ? RateLimiter.UNLIMITED
        : RateLimiter.perSecond(delivery.rate().perSecond(), clock);
  }

  /** The gate and pause of {@code --adaptive}, or null without it. */
  private AdaptiveControl adaptiveControl(RunConfig config, RateLimiter rate) {
    DeliverySettings delivery = config.delivery();
    if (delivery.adaptive() == null) {
      return null;
    }
    return new AdaptiveControl(
        delivery.adaptive(),
        config.engine().concurrency(),
        delivery.retry().maxRetryAfter(),
        rate,
        clock);
  }

  private static SuccessPolicy successPolicy(DeliverySettings delivery) {
    Set<Integer> expect = delivery.expect();
    return expect == null ? SuccessPolicy.TWO_XX : expect::contains;
  }

  private int exitCode(Summary summary, FailureBudget budget, Throwable bug) {
    if (bug != null) {
      return ExitCodes.INTERNAL; // a bug never reads as success or as "items failed"
    }
    if (control.fatal() != null) {
      return ExitCodes.IO;
    }
    if (control.stopSignal() != 0) {
      return ExitCodes.forSignal(control.stopSignal());
    }
    return budget.isExceeded(summary.failed(), summary.sent()) ? ExitCodes.FAILURES : ExitCodes.OK;
  }

  private static ItemReader openReader(ItemSource source) {
    try {
      return source.open();
    } catch (IOException e) {
      throw new UsageException(
          "cannot read data file " + source.displayName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One sink for all of {@code sinks}. A sink that cannot write stops the run (exit 3) but not the
   * other sinks: were the exception to reach the worker, results queued behind it for the log lock
   * would be stranded, sent but neither counted nor recorded.
   */
  private ResultSink all(List<ResultSink> sinks) {
    ResultSink[] array = sinks.toArray(ResultSink[]::new);
    return new ResultSink() {
      @Override
      public void accept(ItemResult r) {
        for (ResultSink sink : array) {
          try {
            sink.accept(r);
          } catch (IOException e) {
            control.fail(e.getMessage());
          }
        }
        if (r.body() != null) {
          r.body().discard(); // every sink has had it: a spool file nobody kept goes
        }
      }

      @Override
      public void flush() {
        for (ResultSink sink : array) {
          try {
            sink.flush();
          } catch (IOException e) {
            control.fail(e.getMessage());
          }
        }
      }
    };
  }
}
