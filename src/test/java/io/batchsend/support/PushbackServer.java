package io.batchsend.support;

import io.batchsend.engine.RunControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that pushes back like a real API does, and records server-side when each
 * request arrived and what it was answered. Time is its {@link #clock()}, a {@link FakeClock}
 * driven by the engine's workers and this server's handlers: the sleeps in the handlers are
 * simulated service time on it and arrivals are stamped on it, so the figures are the same on an
 * idle machine and a loaded one. Run the CLI on that clock.
 */
public final class PushbackServer extends VirtualTimeServer {
  /** The handler threads' name: participants of the clock. */
  private static final String THREAD_NAME = "pushback-server";

  /** Never stopped: a handler's service time always runs out. */
  private static final RunControl SERVING = new RunControl();

  private PushbackServer(Responder policy) {
    super(THREAD_NAME, policy);
  }

  /**
   * Serves at most {@code slots} requests at once, each for {@code holdMillis}; answers 429 (no
   * Retry-After) to any request beyond that.
   */
  public static PushbackServer withCapacity(int slots, long holdMillis) {
    Semaphore free = new Semaphore(slots);
    return new PushbackServer(
        (clock, arrival) -> {
          if (!free.tryAcquire()) {
            return new Answer(429, -1);
          }
          try {
            hold(clock, holdMillis);
          } finally {
            // Released before the answer is written: a client that has its answer sees a slot.
            free.release();
          }
          return new Answer(200, -1);
        });
  }

  /**
   * Serves {@code perSecond} requests in each second since the server started; beyond that answers
   * 429 with {@code Retry-After: 1}.
   */
  public static PushbackServer withRateLimit(int perSecond) {
    Object lock = new Object();
    long[] window = {0};
    int[] used = {0};
    return new PushbackServer(
        (clock, arrival) -> {
          synchronized (lock) {
            long current = clock.elapsedNanos() / 1_000_000_000L;
            if (current != window[0]) {
              window[0] = current;
              used[0] = 0;
            }
            if (used[0] < perSecond) {
              used[0]++;
              return new Answer(200, -1);
            }
          }
          return new Answer(429, 1);
        });
  }

  /** Answers 429 with {@code Retry-After: seconds} to everything. */
  public static PushbackServer alwaysRetryAfter(int seconds) {
    return new PushbackServer((clock, arrival) -> new Answer(429, seconds));
  }

  /**
   * Takes {@code fastMillis} per request while at most {@code knee} are in flight, {@code
   * slowMillis} for each request that arrives beyond that.
   */
  public static PushbackServer slowerAbove(int knee, long fastMillis, long slowMillis) {
    AtomicInteger inFlight = new AtomicInteger();
    return new PushbackServer(
        (clock, arrival) -> {
          int n = inFlight.incrementAndGet();
          try {
            hold(clock, n > knee ? slowMillis : fastMillis);
          } finally {
            inFlight.decrementAndGet();
          }
          return new Answer(200, -1);
        });
  }

  /** Answers 200 to everything after {@code holdMillis}. */
  public static PushbackServer healthy(long holdMillis) {
    return new PushbackServer(
        (clock, arrival) -> {
          hold(clock, holdMillis);
          return new Answer(200, -1);
        });
  }

  /** Service time: a sleep on the virtual clock. */
  private static void hold(FakeClock clock, long millis) throws InterruptedException {
    clock.sleep(TimeUnit.MILLISECONDS.toNanos(millis), SERVING);
  }

  /** Counted down when the server first answers anything but 200. */
  public CountDownLatch firstPushback() {
    return firstRefusal();
  }
}
