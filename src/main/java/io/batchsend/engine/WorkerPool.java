package io.batchsend.engine;

import io.batchsend.input.Item;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fixed pool of {@code -c} named worker threads that items are submitted to.
 *
 * <p>Submission is bounded: at most {@code 3 * c} items are queued or in flight, and {@link
 * #submit} waits for free slots, so memory does not grow with the input.
 */
public final class WorkerPool {
  /**
   * The log lock: guards the {@link ResultSink} (the request log, the responses file and the run's
   * tallies), so that records are appended one at a time and never interleave. Created once, with
   * the pool, and handed to every {@link Worker} through its constructor. It is held only for the
   * append: the HTTP call, retries, backoff and rate-limit waits all happen outside it. The holder
   * writes every result in {@link #finished} at once (see {@code Worker.append}); a worker waits
   * for it at most one write, so that it never takes a new item before its record is written.
   */
  private final ReentrantLock logLock = new ReentrantLock();

  /** Finished results waiting for the log lock's holder to write them. Lock-free. */
  private final Queue<ItemResult> finished = new ConcurrentLinkedQueue<>();

  private static final long SLOT_POLL_MILLIS = 50;

  private final ExecutorService executor;
  private final SubmissionSlots slots;
  private final WorkerContext context;

  /**
   * Slots the reader has taken but not used yet. The reader takes {@code c} slots at a time, so it
   * wakes once per {@code c} finished items instead of once per item; the window is {@code 3c} so
   * that {@code c} items are still queued when it wakes, and a worker that finishes while the
   * reader waits for a core finds its next item without parking. Reader thread only.
   */
  private int credits;

  /**
   * @param concurrency the number of worker threads
   */
  public WorkerPool(int concurrency, WorkerContext context) {
    this.context = context;
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
      executor.execute(new Worker(item, context, logLock, finished, slots::release));
      return true;
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
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

  /** Names workers {@code batchsend-worker-N} so thread dumps and profiles read well. */
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
