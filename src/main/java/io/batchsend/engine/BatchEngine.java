package io.batchsend.engine;

import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a batch: reads items lazily, submits each to the {@link WorkerPool}, and shuts the pool down
 * in two phases when the input ends or the run is stopped.
 */
public final class BatchEngine {
  private static final long POLL_MILLIS = 50;
  private static final long ABORT_WAIT_SECONDS = 30;

  private final int concurrency;
  private final Duration grace;
  private final WorkerContext context;

  /**
   * @param concurrency worker threads in the fixed pool
   * @param grace on a stop, how long calls in flight may take before they are cancelled
   */
  public BatchEngine(int concurrency, Duration grace, WorkerContext context) {
    this.concurrency = concurrency;
    this.grace = grace;
    this.context = context;
  }

  /**
   * What a batch did.
   *
   * @param submitted how many items were handed to the pool
   * @param bug the first {@link Error} or unchecked exception a worker hit (the run then stopped,
   *     and every started item still got its record), or null
   */
  public record Outcome(long submitted, Throwable bug) {}

  /** Sends every item of {@code reader}; returns when every started item has its result. */
  public Outcome run(ItemReader reader) throws InterruptedException {
    RunControl control = context.control();
    if (!control.begin()) {
      return new Outcome(0, null); // stopped before the first item: nothing to send or drain
    }
    // The run's one log lock: created here, with the pool, and handed to it (see ResultAppender).
    WorkerPool pool = new WorkerPool(concurrency, context, new ReentrantLock());
    long submitted = 0;
    try {
      Item item;
      while (!control.isStopping() && (item = reader.next()) != null) {
        if (!pool.submit(item)) {
          break;
        }
        submitted++;
      }
    } catch (IOException e) {
      if (!control.isStopping()) { // a stop closes stdin to end a read that waits on it
        control.fail("cannot read input: " + e.getMessage());
      }
    } finally {
      drain(pool, control);
    }
    return new Outcome(submitted, pool.bug());
  }

  private void drain(WorkerPool pool, RunControl control) throws InterruptedException {
    if (pool.finish(0, TimeUnit.MILLISECONDS)) {
      return;
    }
    while (!control.isStopping()) {
      if (pool.finish(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    if (pool.finish(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    context.sender().cancelAll();
    pool.abort(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
