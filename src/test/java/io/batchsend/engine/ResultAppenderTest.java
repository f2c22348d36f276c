package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.EngineFakes.RecordingSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class ResultAppenderTest {
  /** A log lock that counts every way of taking it that could make a thread wait. */
  static final class NoWaitLock extends ReentrantLock {
    final AtomicInteger blockingCalls = new AtomicInteger();

    @Override
    public void lock() {
      blockingCalls.incrementAndGet();
      super.lock();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
      blockingCalls.incrementAndGet();
      super.lockInterruptibly();
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
      blockingCalls.incrementAndGet();
      return super.tryLock(timeout, unit);
    }
  }

  private static ItemResult result(long index) {
    return ItemResult.builder(EngineFakes.item(index)).method("GET").status(200).build();
  }

  @Test
  void sixtyFourThreadsAppendEveryRecordOnceWholeAndWithoutWaitingForTheLock() throws Exception {
    int threads = 64;
    int perThread = 200;
    NoWaitLock lock = new NoWaitLock();
    // A record is "whole" when its two halves are written together: a sink entered by two threads
    // at once would interleave them.
    StringBuilder file = new StringBuilder();
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void accept(ItemResult result) throws IOException {
            super.accept(result);
            file.append('#').append(result.item().index());
            Thread.yield();
            file.append('\n');
          }
        };
    ResultAppender appender = new ResultAppender(lock, sink);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 1; i <= perThread; i++) {
                    appender.append(result(base + i));
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertEquals(null, failure.get());
    assertEquals(threads * perThread, sink.byIndexOnce().size());
    assertEquals(0, lock.blockingCalls.get(), "a worker waited for the log lock");
    assertFalse(lock.isLocked());
    String[] lines = file.toString().split("\n");
    assertEquals(threads * perThread, lines.length);
    for (String line : lines) {
      assertTrue(line.matches("#\\d+"), "torn record: " + line);
    }
    assertTrue(sink.flushes >= 1 && sink.flushes <= threads * perThread);
  }

  @Test
  void aResultLeftToTheHolderIsWrittenByItAndItsWorkerWaitsUntilThen() throws Exception {
    CountDownLatch holderInside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void accept(ItemResult result) throws IOException {
            super.accept(result);
            if (result.item().index() == 1) {
              holderInside.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    ReentrantLock lock = new ReentrantLock();
    ResultAppender appender = new ResultAppender(lock, sink);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread holder = appending(appender, 1, failure);
    holder.start();
    holderInside.await();
    AtomicInteger writtenWhenReturned = new AtomicInteger(-1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                appender.append(result(2));
                synchronized (sink) {
                  writtenWhenReturned.set(sink.results.size());
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    waiter.start();
    // The second worker found the lock held: it parks in append until its record is written, so
    // that it takes no new item before then (a kill -9 then leaves at most -c items unrecorded).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (LockSupport.getBlocker(waiter) != appender) {
      assertTrue(waiter.isAlive(), "the waiter returned before its record was written");
      assertTrue(System.nanoTime() < deadline, "the waiter never parked in append");
      Thread.onSpinWait();
    }
    assertEquals(1, sink.results.size(), "only the holder's record is written yet");
    release.countDown();
    holder.join();
    waiter.join();
    assertEquals(null, failure.get());
    assertEquals(List.of(1L, 2L), sink.results.stream().map(r -> r.item().index()).toList());
    assertEquals(2, writtenWhenReturned.get(), "append returned after its record was written");
    assertEquals(1, sink.flushes, "the holder wrote both in one batch");
  }

  private static Thread appending(
      ResultAppender appender, long index, AtomicReference<Throwable> failure) {
    return new Thread(
        () -> {
          try {
            appender.append(result(index));
          } catch (Throwable e) {
            failure.set(e);
          }
        });
  }

  @Test
  void aSinkThatCannotWriteFailsTheAppendAndFreesTheLock() {
    ReentrantLock lock = new ReentrantLock();
    ResultAppender appender =
        new ResultAppender(
            lock,
            r -> {
              throw new IOException("disk full");
            });
    IOException e = assertThrows(IOException.class, () -> appender.append(result(1)));
    assertEquals("disk full", e.getMessage());
    assertFalse(lock.isLocked());
  }

  @Test
  void anInterruptedHolderWritesWithTheFlagClearedAndGetsItBack() throws Exception {
    // A write by an interrupted thread on an NIO channel closes the file for every later record:
    // the second phase of a shutdown interrupts the workers that still append.
    List<Boolean> interruptedInside = new ArrayList<>();
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void accept(ItemResult result) throws IOException {
            interruptedInside.add(Thread.currentThread().isInterrupted());
            super.accept(result);
          }
        };
    ResultAppender appender = new ResultAppender(new ReentrantLock(), sink);
    Thread.currentThread().interrupt();
    try {
      appender.append(result(1));
      assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again");
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of(false), interruptedInside);
  }
}
