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
import java.util.function.IntSupplier;

/**
 * Virtual time for tests (in the manner of OkHttp's {@code TaskFaker}): {@link #nanoTime} stands
 * still until time is advanced, and {@link #sleep} blocks until virtual time reaches the sleeper's
 * deadline, or the run stops. Nothing here waits for the wall clock to pass.
 *
 * <p>Time advances in one of two ways:
 *
 * <ul>
 *   <li>{@link #manual()}: only when the test calls {@link #advance} or {@link #advanceToNextWake}.
 *   <li>{@link #drivingWorkers()} and the other driven clocks: by itself, whenever every
 *       participant (a live thread whose name starts with a given prefix, such as the engine's
 *       workers) is asleep on this clock, idle in its pool, or parked where it waits for another
 *       participant, to the earliest deadline. So a participant released from a sleep runs through
 *       to its next sleep (connect, write, read the response, log) at one instant of virtual time:
 *       the time a request is written or arrives is exactly the time its slot allowed, however slow
 *       the machine.
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

  /** Where a worker of {@code --adaptive} waits for another to free an in-flight slot. */
  private static final String IN_FLIGHT_GATE = "io.batchsend.engine.AdaptiveLimit.acquire";

  /** Where a worker waits in line behind the one sleeping until the next rate slot. */
  private static final String RATE_LINE = "io.batchsend.engine.RateLimiter.acquire";

  /** Where a worker waits for its response's status line. */
  private static final String AWAITING_RESPONSE =
      "okhttp3.internal.http1.Http1ExchangeCodec.readResponseHeaders";

  private static final long EPOCH_MILLIS_AT_START = 1_767_225_600_000L; // 2026-01-01T00:00Z

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long now = START_NANOS;
  private final Map<Thread, Long> sleepers = new ConcurrentHashMap<>();

  /** The sleepers when the driver last found everyone waiting; null when it did not. */
  private Map<Thread, Long> quietSleepers;

  private final List<Long> sleeps = new ArrayList<>();
  private final Set<RunControl> watched = ConcurrentHashMap.newKeySet();
  private final List<String> participants;
  private final Set<String> waitingMethods;
  private final IntSupplier requestsInService;
  private final Thread driver;
  private volatile boolean closed;

  private FakeClock(
      List<String> participants, Set<String> waitingMethods, IntSupplier requestsInService) {
    this.participants = participants;
    this.waitingMethods = waitingMethods;
    this.requestsInService = requestsInService;
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
    return new FakeClock(null, Set.of(), null);
  }

  /**
   * A clock that moves to the earliest deadline whenever every thread named {@code prefix}* is
   * asleep on it, idle in its pool, or parked inside one of {@code waitingMethods}
   * ("class.method"); close it after the run.
   */
  public static FakeClock drivenBy(String prefix, Set<String> waitingMethods) {
    Set<String> waiting = new java.util.HashSet<>(waitingMethods);
    waiting.add(IDLE_IN_POOL);
    return new FakeClock(List.of(prefix), Set.copyOf(waiting), null);
  }

  /**
   * The engine's worker threads as participants. A worker parked in the in-flight gate of {@code
   * --adaptive} waits for another worker, not for time, so it counts as waiting too.
   */
  public static FakeClock drivingWorkers() {
    return drivenBy("batchsend-worker-", Set.of(IN_FLIGHT_GATE, RATE_LINE));
  }

  /**
   * The engine's workers and a loopback server's handler threads (named {@code serverPrefix}*) as
   * participants, for servers whose service time is a sleep on this clock. A worker blocked reading
   * its response counts as waiting, but only while every such worker's request is in the server's
   * hands ({@code requestsInService}, counted from arrival until the answer is written): so time
   * never moves while a request or an answer is on the wire, and each arrival is stamped at the
   * instant it was written.
   */
  public static FakeClock drivingWorkersAndServer(
      String serverPrefix, IntSupplier requestsInService) {
    return new FakeClock(
        List.of("batchsend-worker-", serverPrefix),
        Set.of(IDLE_IN_POOL, IN_FLIGHT_GATE, RATE_LINE),
        requestsInService);
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
          // Time moves only when everyone was seen waiting on two polls in a row, the same
          // sleepers both times: a thread just signalled out of a wait (an in-flight slot freed, a
          // task handed to an idle server thread) still shows the waiting state until it runs,
          // and on a busy machine one look was not enough; that let virtual time jump past it.
          boolean quiet = !sleepers.isEmpty() && everyParticipantWaits();
          Map<Thread, Long> seen = quiet ? Map.copyOf(sleepers) : null;
          if (quiet && seen.equals(quietSleepers)) {
            advanceToNextWakeLocked();
            quietSleepers = null;
          } else {
            quietSleepers = seen;
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
    int awaitingResponse = 0;
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (!isParticipant(t) || sleepers.containsKey(t)) {
        continue;
      }
      switch (waitState(t)) {
        case BUSY:
          return false;
        case AWAITING_RESPONSE:
          awaitingResponse++;
          break;
        default:
          break;
      }
    }
    return awaitingResponse == 0
        || (requestsInService != null && awaitingResponse == requestsInService.getAsInt());
  }

  private boolean isParticipant(Thread t) {
    for (String prefix : participants) {
      if (t.getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private enum WaitState {
    BUSY,
    PARKED,
    AWAITING_RESPONSE
  }

  /**
   * Whether {@code t} is parked inside one of {@link #waitingMethods}, or reading its response. The
   * state is read before the stack: a thread that was parked there and then moved on shows its new
   * frames, and one blocked on this clock's lock (which the caller holds) is in none of them.
   */
  private WaitState waitState(Thread t) {
    Thread.State state = t.getState();
    if (state == Thread.State.TERMINATED || state == Thread.State.NEW) {
      return WaitState.PARKED;
    }
    boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    for (StackTraceElement frame : t.getStackTrace()) {
      String method = frame.getClassName() + "." + frame.getMethodName();
      if (parked && waitingMethods.contains(method)) {
        return WaitState.PARKED;
      }
      if (method.equals(AWAITING_RESPONSE)) {
        return WaitState.AWAITING_RESPONSE;
      }
    }
    return WaitState.BUSY;
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
