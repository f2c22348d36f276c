package io.batchsend.support;

import io.batchsend.engine.Clock;
import io.batchsend.engine.RunControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time for tests (in the manner of OkHttp's {@code TaskFaker}): {@link #nanoTime} stands
 * still until time is advanced, and {@link #sleep} blocks until virtual time reaches the sleeper's
 * deadline, or the run stops. Nothing here waits for the wall clock to pass.
 *
 * <p>Time advances in one of two ways:
 *
 * <ul>
 *   <li>{@link #manual()}: only when the test calls {@link #advance} or {@link #advanceToNextWake}.
 *   <li>{@link #drivenBy(String)}: by itself, whenever every participant (a live thread whose name
 *       starts with the prefix, such as the engine's workers) is asleep on this clock or idle in
 *       its pool, to the earliest deadline. So a participant released from a sleep runs through to
 *       its next sleep (connect, write, read the response, log) at one instant of virtual time: the
 *       time a request is written or arrives is exactly the time its slot allowed, however slow the
 *       machine.
 * </ul>
 *
 * <p>Every requested wait is recorded ({@link #sleeps()}).
 *
 * <p>Concurrency contract: {@link #lock} guards {@link #now}, the sleepers and the record; {@link
 * #changed} is signalled whenever time moves, a sleeper joins, or a run stops.
 */
public final class FakeClock implements Clock, AutoCloseable {
  /** Where virtual time starts: far from 0, so that code subtracting times meets no edge. */
  public static final long START_NANOS = TimeUnit.DAYS.toNanos(1);

  /** Where a pool thread waits for its next task. */
  private static final String IDLE_IN_POOL = "java.util.concurrent.ThreadPoolExecutor.getTask";

  private static final long EPOCH_MILLIS_AT_START = 1_767_225_600_000L; // 2026-01-01T00:00Z

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long now = START_NANOS;
  private final Map<Thread, Long> sleepers = new ConcurrentHashMap<>();
  private final List<Long> sleeps = new ArrayList<>();
  private final Set<RunControl> watched = ConcurrentHashMap.newKeySet();
  private final String participants;
  private final Set<String> waitingMethods;
  private final Thread driver;
  private volatile boolean closed;

  private FakeClock(String participants, Set<String> waitingMethods) {
    this.participants = participants;
    this.waitingMethods = waitingMethods;
    if (participants == null) {
      driver = null;
    } else {
      driver = new Thread(this::drive, "fake-clock-driver");
      driver.setDaemon(true);
      driver.start();
    }
  }

  /** A clock that moves only when the test moves it. */
  public static FakeClock manual() {
    return new FakeClock(null, Set.of());
  }

  /**
   * A clock that moves to the earliest deadline whenever every thread named {@code prefix}* is
   * asleep on it, idle in its pool, or parked inside one of {@code waitingMethods}
   * ("class.method"); close it after the run.
   */
  public static FakeClock drivenBy(String prefix, Set<String> waitingMethods) {
    Set<String> waiting = new java.util.HashSet<>(waitingMethods);
    waiting.add(IDLE_IN_POOL);
    return new FakeClock(prefix, Set.copyOf(waiting));
  }

  /**
   * The engine's worker threads as participants. A worker parked in the in-flight gate of {@code
   * --adaptive} waits for another worker, not for time, so it counts as waiting too.
   */
  public static FakeClock drivingWorkers() {
    return drivenBy("batchsend-worker-", Set.of("io.batchsend.engine.AdaptiveLimit.acquire"));
  }

  @Override
  public long nanoTime() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long epochMillis() {
    return EPOCH_MILLIS_AT_START + TimeUnit.NANOSECONDS.toMillis(nanoTime() - START_NANOS);
  }

  /** Virtual nanoseconds since the clock was made. */
  public long elapsedNanos() {
    return nanoTime() - START_NANOS;
  }

  @Override
  public boolean sleep(long nanos, RunControl control) throws InterruptedException {
    if (watched.add(control)) {
      // Outside the lock: stop() holds the control's monitor while it runs listeners.
      control.whenStopped(this::wakeAll);
    }
    lock.lockInterruptibly();
    try {
      sleeps.add(nanos);
      if (nanos <= 0) {
        return !control.isStopping();
      }
      long deadline = now + nanos;
      sleepers.put(Thread.currentThread(), deadline);
      changed.signalAll();
      try {
        while (now - deadline < 0 && !control.isStopping()) {
          changed.await();
        }
      } finally {
        sleepers.remove(Thread.currentThread());
      }
      return !control.isStopping();
    } finally {
      lock.unlock();
    }
  }

  /** Every wait requested so far, in nanoseconds, in the order asked (zeros included). */
  public List<Long> sleeps() {
    lock.lock();
    try {
      return List.copyOf(sleeps);
    } finally {
      lock.unlock();
    }
  }

  /** Moves time forward by {@code nanos}, waking every sleeper whose deadline it passes. */
  public void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time only moves forward: " + nanos);
    }
    lock.lock();
    try {
      now += nanos;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Moves time to the earliest sleeper's deadline; false when nobody sleeps. */
  public boolean advanceToNextWake() {
    lock.lock();
    try {
      return advanceToNextWakeLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code count} threads sleep on this clock with their deadline still ahead. A
   * bounded wait on events, for the test's thread; it fails the test rather than hang.
   */
  public void awaitSleepers(int count) throws InterruptedException {
    lock.lock();
    try {
      long left = TimeUnit.SECONDS.toNanos(60);
      while (sleepersAheadLocked() < count) {
        if (left <= 0) {
          throw new AssertionError("expected " + count + " sleepers, saw " + sleepersAheadLocked());
        }
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Requires {@link #lock}. */
  private int sleepersAheadLocked() {
    int ahead = 0;
    for (long deadline : sleepers.values()) {
      if (deadline - now > 0) {
        ahead++;
      }
    }
    return ahead;
  }

  /** Requires {@link #lock}. */
  private boolean advanceToNextWakeLocked() {
    long earliest = Long.MAX_VALUE;
    boolean any = false;
    for (long deadline : sleepers.values()) {
      if (!any || deadline - earliest < 0) {
        earliest = deadline;
        any = true;
      }
    }
    if (!any) {
      return false;
    }
    if (earliest - now > 0) {
      now = earliest;
    }
    changed.signalAll();
    return true;
  }

  private void wakeAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The driver's loop: when every participant is asleep or idle, time moves to the earliest
   * deadline. Whether a thread is busy is read from its state and stack, so the check is polled;
   * the polling costs real time only, never correctness, since time moves only when nobody could
   * observe it moving.
   */
  private void drive() {
    while (!closed) {
      try {
        lock.lock();
        try {
          if (!sleepers.isEmpty() && everyParticipantWaits()) {
            advanceToNextWakeLocked();
          }
          // Polled: a participant going idle in its pool signals nothing.
          changed.await(1, TimeUnit.MILLISECONDS);
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Requires {@link #lock}, so no sleeper is released meanwhile. A released sleeper has left {@link
   * #sleepers} by the time anyone can look, and it is busy (not idle in its pool) until its next
   * sleep: it is never taken for waiting while it is between a wake-up and what follows.
   */
  private boolean everyParticipantWaits() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t.getName().startsWith(participants) && !sleepers.containsKey(t) && !isParked(t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code t} is parked inside one of {@link #waitingMethods}. The state is read before
   * the stack: a thread that was parked there and then moved on shows its new frames, and one
   * blocked on this clock's lock (which the caller holds) is not inside those methods.
   */
  private boolean isParked(Thread t) {
    Thread.State state = t.getState();
    if (state == Thread.State.TERMINATED || state == Thread.State.NEW) {
      return true;
    }
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (waitingMethods.contains(frame.getClassName() + "." + frame.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    if (driver != null) {
      driver.interrupt();
      driver.join();
    }
  }
}
