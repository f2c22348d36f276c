package io.batchsend.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends finished results to the run's {@link ResultSink} one at a time, for all workers, and
 * returns to each worker only once its own result has been handed to the sink and flushed.
 *
 * <p>The discipline: a worker adds its result to {@link #finished}; then, while results are queued
 * and {@link #logLock} is free, it takes the lock with {@code tryLock} and writes every queued
 * result in one go, then flushes once (flat combining). A worker that finds the lock held leaves
 * its result to the holder: its add came before its failed {@code tryLock}, which came before the
 * holder's unlock, and every holder checks the queue again after unlocking, so some holder writes
 * it. So no worker ever blocks on the lock, each result is written exactly once and whole, and
 * results that finish together reach the file in one write.
 *
 * <p>A worker whose result was left to a holder then waits (a short spin, then a park) until the
 * holder marks it written. It must not run ahead: a worker that took its next item before its last
 * record was written let a {@code kill -9} leave more items sent but unrecorded than there are
 * workers (JarKillResumeIT saw 7 at {@code -c 4}). Waiting for its own record keeps that bound at
 * {@code -c}, since the submission slot is freed only after {@link #append} returns.
 *
 * <p>The lock is held only here: the HTTP call, retries, backoff and rate-limit waits all happen
 * outside it. Thread-safe.
 */
final class ResultAppender {
  /**
   * How long a waiting worker parks before it looks again. A holder's unpark ends every wait; the
   * time-out only matters when a holder failed (its write threw) and left results queued, which the
   * woken worker then writes itself. 1 ms was too short on a busy machine: while a holder was
   * descheduled, every waiting worker woke each millisecond only to find the lock still held.
   */
  private static final long PARK_NANOS = 10_000_000;

  /**
   * How many times a worker whose result was left to a holder checks for it before parking. A
   * holder writes and flushes a batch in microseconds, so most waits end within the spin, and a
   * park and unpark (two context switches, a futex call by the holder for each waiter) is saved.
   * Measured over TLS at {@code -c 256}, 10,000 items: 65,000-280,000 voluntary context switches
   * without the spin, ~20,000 with it. Bounded, and it yields every {@link #YIELD_EVERY} checks, so
   * on two cores a holder that lost its core gets it back instead of being spun against.
   */
  private static final int SPINS = 2_000;

  private static final int YIELD_EVERY = 64;

  /**
   * The log lock: guards {@link #sink} (the request log, the responses file and the run's tallies),
   * so that records are appended one at a time and never interleave. Created by the code that
   * builds the pool and handed in; taken only with {@code tryLock}, in {@link #append}.
   */
  private final ReentrantLock logLock;

  /** Written only while {@link #logLock} is held. */
  private final ResultSink sink;

  /** Finished results waiting for the log lock's holder to write them. Lock-free. */
  private final Queue<Pending> finished = new ConcurrentLinkedQueue<>();

  /** The entries the holder has taken from {@link #finished}; guarded by {@link #logLock}. */
  private final List<Pending> batch = new ArrayList<>();

  /** A queued result and the worker waiting for it to be written. */
  private static final class Pending {
    final ItemResult result;
    final Thread owner = Thread.currentThread();

    /** Set by the holder after the sink took the result (or failed on it); read by the owner. */
    volatile boolean done;

    Pending(ItemResult result) {
      this.result = result;
    }
  }

  /**
   * @param logLock the run's one log lock
   * @param sink where results go; called only under {@code logLock}
   */
  ResultAppender(ReentrantLock logLock, ResultSink sink) {
    if (logLock == null || sink == null) {
      throw new IllegalArgumentException("the log lock and the sink are required");
    }
    this.logLock = logLock;
    this.sink = sink;
  }

  /**
   * Hands {@code result} to the sink, by this thread or by the thread that holds the lock, and
   * returns once it is written. Never waits for the lock itself.
   *
   * @throws IOException when the sink failed while this thread held the lock; results still queued
   *     stay for the next holder
   */
  void append(ItemResult result) throws IOException {
    Pending mine = new Pending(result);
    finished.add(mine);
    // An interrupt (the second phase of a shutdown) must not turn the wait into a spin: the record
    // is still written, and the flag is set again for the worker's caller.
    boolean interrupted = false;
    try {
      while (true) {
        while (!finished.isEmpty() && logLock.tryLock()) {
          writeQueued();
        }
        if (mine.done || awaitWritten(mine)) {
          return;
        }
        LockSupport.parkNanos(this, PARK_NANOS);
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Spins a bounded while for a holder to write {@code mine}; true once it has. */
  private static boolean awaitWritten(Pending mine) {
    for (int i = 1; i <= SPINS; i++) {
      if (mine.done) {
        return true;
      }
      if (i % YIELD_EVERY == 0) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
    return mine.done;
  }

  /**
   * Writes every queued result and flushes once; then tells their workers. Holds the lock.
   *
   * <p>The sinks are written with this thread's interrupt flag cleared: the second phase of a
   * shutdown interrupts the workers, and a write or size query by an interrupted thread on an
   * interruptible channel (a file opened through NIO) closes that file for every later record. The
   * flag is set again afterwards.
   */
  private void writeQueued() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      Pending next;
      while ((next = finished.poll()) != null) {
        batch.add(next);
        sink.accept(next.result);
      }
      sink.flush();
    } finally {
      // On a failure too: the sink has said what it did with them, and nobody may wait forever.
      Thread self = Thread.currentThread();
      for (Pending p : batch) {
        p.done = true;
        if (p.owner != self) {
          LockSupport.unpark(p.owner);
        }
      }
      batch.clear();
      logLock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
