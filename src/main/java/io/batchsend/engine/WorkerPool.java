package io.batchsend.engine;

import io.batchsend.input.Item;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fixed pool of {@code -c} named worker threads that items are submitted to.
 *
 * <p>Every worker appends its result through the one {@link ResultAppender}, which holds the log
 * lock handed to the constructor by the code that builds the pool.
 *
 * <p>Submission is bounded: at most {@code 3 * c} items are queued or in flight, and {@link
 * #submit} waits for free slots, so memory does not grow with the input.
 */
public final class WorkerPool {
  private static final long SLOT_POLL_MILLIS = 50;

  private final ExecutorService executor;
  private final SubmissionSlots slots;
  private final WorkerContext context;
  private final ResultAppender appender;

  /** The first bug (an {@link Error} or unchecked exception) a worker hit, or null. */
  private final AtomicReference<Throwable> bug = new AtomicReference<>();

  /**
   * Slots the reader has taken but not used yet. The reader takes {@code c} slots at a time, so it
   * wakes once per {@code c} finished items instead of once per item; the window is {@code 3c} so
   * that {@code c} items are still queued when it wakes, and a worker that finishes while the
   * reader waits for a core finds its next item without parking. Reader thread only.
   */
  private int credits;

  /**
   * @param concurrency the number of worker threads
   * @param logLock the run's one log lock, guarding {@link WorkerContext#sink}; every worker takes
   *     it through the pool's {@link ResultAppender}
   */
  public WorkerPool(int concurrency, WorkerContext context, ReentrantLock logLock) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
    }
    this.context = context;
    this.appender = new ResultAppender(logLock, context.sink());
    this.slots = new SubmissionSlots(3 * concurrency, concurrency);
    this.executor = Executors.newFixedThreadPool(concurrency, new WorkerThreads());
  }

  /**
   * Waits for a free slot, then hands {@code item} to a worker. Called by one reader thread.
   *
   * @return false, without submitting, when the run was stopped while waiting
   */
  public boolean submit(Item item) throws InterruptedException {
    if (credits == 0) {
      // Polls so that a stop (a signal, a log failure) is seen even when every slot stays busy.
      while (!slots.take(SLOT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (context.control().isStopping()) {
          return false;
        }
      }
      credits = slots.batch();
    }
    credits--;
    try {
      executor.execute(new Worker(item, context, appender, this::onBug, slots::release));
      return true;
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** The first bug a worker hit, or null: the run then stopped, and exits 70. */
  public Throwable bug() {
    return bug.get();
  }

  /** A worker hit a bug: the first is kept, and the run stops taking items. */
  private void onBug(Throwable e) {
    bug.compareAndSet(null, e);
    context.control().stop(0);
  }

  /** Takes no more items and waits up to {@code timeout} for the submitted ones to finish. */
  public boolean finish(long timeout, TimeUnit unit) throws InterruptedException {
    executor.shutdown();
    return executor.awaitTermination(timeout, unit);
  }

  /**
   * Interrupts the workers and waits for them to log what they were doing; the second phase of a
   * shutdown whose grace period ran out.
   */
  public boolean abort(long timeout, TimeUnit unit) throws InterruptedException {
    executor.shutdownNow();
    return executor.awaitTermination(timeout, unit);
  }

  /**
   * Names workers {@code batchsend-worker-N} so thread dumps and profiles read well.
   *
   * <p>Why no smaller stack size: a thread's stack costs the pages it touches, not the size it
   * reserves. At {@code -c 512} (launcher defaults, 100,000 loopback items) the peak RSS was 218 MB
   * with 512 KiB stacks and 217 MB with 256 KiB; the stacks held ~115 KiB resident each, some 80
   * KiB of it HotSpot's stack-banging shadow zone, which no stack size removes.
   */
  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "batchsend-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
