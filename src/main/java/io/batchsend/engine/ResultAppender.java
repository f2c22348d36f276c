package io.batchsend.engine;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends finished results to the run's {@link ResultSink} one at a time, for all workers, without
 * any worker waiting for another.
 *
 * <p>The discipline: a worker adds its result to {@link #finished}; then, while results are queued
 * and {@link #logLock} is free, it takes the lock with {@code tryLock} and writes every queued
 * result in one go, then flushes once (flat combining). A worker that finds the lock held leaves
 * its result to the holder: its add came before its failed {@code tryLock}, which came before the
 * holder's unlock, so the holder's check of the queue after unlocking sees it. So no worker ever
 * blocks on the lock, each result is written exactly once and whole, and results that finish
 * together reach the file in one write. The lock is held only here: the HTTP call, retries, backoff
 * and rate-limit waits all happen outside it.
 *
 * <p>Thread-safe.
 */
final class ResultAppender {
  /**
   * The log lock: guards {@link #sink} (the request log, the responses file and the run's tallies),
   * so that records are appended one at a time and never interleave. Created by the code that
   * builds the pool and handed in; taken only with {@code tryLock}, in {@link #append}.
   */
  private final ReentrantLock logLock;

  /** Written only while {@link #logLock} is held. */
  private final ResultSink sink;

  /** Finished results waiting for the log lock's holder to write them. Lock-free. */
  private final Queue<ItemResult> finished = new ConcurrentLinkedQueue<>();

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
   * Hands {@code result} to the sink: now, by this thread, or soon, by the thread that holds the
   * lock. Never waits for the lock.
   *
   * @throws IOException when the sink cannot write; results still queued stay for the next holder
   */
  void append(ItemResult result) throws IOException {
    finished.add(result);
    while (!finished.isEmpty() && logLock.tryLock()) {
      try {
        ItemResult next;
        while ((next = finished.poll()) != null) {
          sink.accept(next);
        }
        sink.flush();
      } finally {
        logLock.unlock();
      }
    }
  }
}
