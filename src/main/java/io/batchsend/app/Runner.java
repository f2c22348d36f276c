package io.batchsend.app;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.FailureBudget;
import io.batchsend.config.OutputException;
import io.batchsend.config.RunConfig;
import io.batchsend.config.Shard;
import io.batchsend.config.UsageException;
import io.batchsend.config.Verbosity;
import io.batchsend.engine.BatchEngine;
import io.batchsend.engine.Clock;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.RateLimiter;
import io.batchsend.engine.ResultSink;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.SuccessPolicy;
import io.batchsend.engine.WorkerContext;
import io.batchsend.engine.http.OkHttpSender;
import io.batchsend.engine.http.OkHttpSenders;
import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import io.batchsend.input.ItemSource;
import io.batchsend.input.ShardItemReader;
import io.batchsend.input.SkippingItemReader;
import io.batchsend.log.FailedItemsWriter;
import io.batchsend.log.JsonlRecordFormat;
import io.batchsend.log.RecordFormat;
import io.batchsend.log.RequestLog;
import io.batchsend.log.ResumeIndex;
import io.batchsend.log.TextRecordFormat;
import io.batchsend.report.ConsoleSummary;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import io.batchsend.template.Redactor;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
   * @throws OutputException when the log cannot be opened (exit 3)
   */
  public int run(RunConfig config) throws InterruptedException {
    RunLock lock = lockIfAsked(config.coordination());
    try {
      return runUnderLock(config);
    } finally {
      release(lock);
    }
  }

  private int runUnderLock(RunConfig config) throws InterruptedException {
    long startNanos = clock.nanoTime();
    Shard shard = config.coordination().shard();
    DeliverySettings delivery = config.delivery();
    ItemSource source = ItemSource.of(config.input(), stdin);
    RequestTemplate template =
        RequestTemplate.compile(
            config.request(), source.fieldNames(), source.kind(), env, Redactor.defaults());
    long total = source.preflight();
    if (shard != null && total >= 0) {
      total = shard.shareOf(total); // the other shards' items are not this run's to count
    }
    ResumeIndex done = delivery.resume() ? ResumeIndex.read(config.output().log()) : null;
    RunStats stats = new RunStats();
    long submitted;
    SkippingItemReader reader = null;
    try (ItemReader first = openReader(source);
        RequestLog log = RequestLog.open(config.output().log(), formatOf(config));
        FailedItemsWriter failed = openFailed(delivery, first);
        OkHttpSender sender = OkHttpSenders.create(config.engine(), clock)) {
      reader =
          new SkippingItemReader(
              ShardItemReader.of(first, shard), done == null ? item -> false : done);
      List<ResultSink> sinks = new ArrayList<>(List.of(log, stats));
      if (failed != null) {
        sinks.add(failed);
      }
      WorkerContext context =
          new WorkerContext(
              template,
              sender,
              RetryPolicies.forRun(
                  delivery.retry(), config.request().method(), delivery.idempotencyKey() != null),
              rateLimiter(delivery),
              successPolicy(delivery),
              all(sinks),
              control,
              clock);
      BatchEngine engine =
          new BatchEngine(config.engine().concurrency(), delivery.grace(), context);
      submitted = engine.run(reader);
    } catch (IOException e) {
      throw new OutputException("cannot finish the run: " + e.getMessage(), e);
    }
    long sent = stats.ok() + stats.failed();
    long skipped = reader.skipped();
    long notSent = Math.max(0, (total >= 0 ? total - skipped : submitted) - sent);
    Summary summary = stats.snapshot(skipped, notSent, clock.nanoTime() - startNanos);
    int exit = exitCode(summary, delivery.maxFailures());
    if (config.output().verbosity() != Verbosity.QUIET || exit != ExitCodes.OK) {
      ConsoleSummary.print(summary, err);
      if (shard != null) {
        err.println("  shard:   " + shard);
      }
      err.println("  log:     " + config.output().log());
    }
    if (control.fatal() != null) {
      err.println("batchsend: " + control.fatal());
    } else if (control.stopSignal() != 0) {
      err.println(
          "batchsend: interrupted: "
              + notSent
              + " items not sent; rerun with --resume to send them");
    }
    err.flush();
    return exit;
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
        : FailedItemsWriter.open(delivery.failedFile(), null);
  }

  private RateLimiter rateLimiter(DeliverySettings delivery) {
    return delivery.rate() == null
        ? RateLimiter.UNLIMITED
        : RateLimiter.perSecond(delivery.rate().perSecond(), clock);
  }

  private static SuccessPolicy successPolicy(DeliverySettings delivery) {
    Set<Integer> expect = delivery.expect();
    return expect == null ? SuccessPolicy.TWO_XX : expect::contains;
  }

  private int exitCode(Summary summary, FailureBudget budget) {
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
    };
  }

  private static ResultSink all(List<ResultSink> sinks) {
    ResultSink[] array = sinks.toArray(ResultSink[]::new);
    return (ItemResult r) -> {
      for (ResultSink sink : array) {
        sink.accept(r);
      }
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
