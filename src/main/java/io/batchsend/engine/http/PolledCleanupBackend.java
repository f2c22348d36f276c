package io.batchsend.engine.http;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

/**
 * Runs OkHttp's idle-connection clean-up on a timer instead of after every response.
 *
 * <p>OkHttp's connection pool schedules its clean-up task each time a call releases its connection,
 * and the task runner wakes a thread (which renames itself twice) to run it: a cross-thread wake-up
 * and several system calls per request (about 3 futex calls and 1 prctl per request, roughly a
 * tenth of batchsend's CPU at 200,000 requests). A batch releases a connection thousands of times a
 * second and only needs idle connections closed eventually, so here a release does not wake the
 * clean-up thread; it wakes on its own at least once every {@link #POLL_NANOS} and runs whatever is
 * due: an idle connection is closed at most a second after its keep-alive.
 *
 * <p>{@code TaskRunner}, {@code ConnectionListener} and this constructor of {@code ConnectionPool}
 * are OkHttp's internal API (public in the bytecode, not promised stable). This is the only class
 * that touches it (ArchitectureTest holds that): re-check it on every OkHttp upgrade.
 * PolledCleanupBackendIT shows that the pool still reuses and closes connections.
 */
final class PolledCleanupBackend implements TaskRunner.Backend {
  static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** OkHttp's own backend, for everything but the wake-up. */
  private final TaskRunner.RealBackend threads;

  PolledCleanupBackend() {
    ThreadFactory daemons =
        runnable -> {
          Thread thread = new Thread(runnable, "batchsend-connection-cleanup");
          thread.setDaemon(true);
          return thread;
        };
    this.threads = new TaskRunner.RealBackend(daemons);
  }

  /** Released after each of the coordinator's waits: lets tests follow the polls as events. */
  final Semaphore polls = new Semaphore(0);

  /** A run's connection pool, cleaned up by a polling backend of its own. */
  static ConnectionPool connectionPool(int maxIdle, long keepAlive, TimeUnit unit) {
    return new PolledCleanupBackend()
        .newPool(maxIdle, keepAlive, unit, ConnectionListener.Companion.getNONE());
  }

  /** A connection pool cleaned up by this backend, reporting to {@code listener}. */
  ConnectionPool newPool(int maxIdle, long keepAlive, TimeUnit unit, ConnectionListener listener) {
    TaskRunner runner = new TaskRunner(this, TaskRunner.Companion.getLogger());
    return new ConnectionPool(maxIdle, keepAlive, unit, runner, listener);
  }

  @Override
  public long nanoTime() {
    return threads.nanoTime();
  }

  @Override
  public void coordinatorNotify(TaskRunner taskRunner) {
    // Deliberately nothing: the coordinator polls (see coordinatorWait).
  }

  @Override
  public void coordinatorWait(TaskRunner taskRunner, long nanos) {
    try {
      // Called holding the task runner's monitor; the runner's loop re-checks what is due.
      threads.coordinatorWait(taskRunner, Math.min(nanos, POLL_NANOS));
    } catch (InterruptedException e) {
      // What OkHttp's own runner does when its wait is interrupted: drop the tasks, so the loop
      // finds none and the thread goes back to the pool (which clears the interrupt). Setting the
      // flag again here would make every later wait throw at once.
      taskRunner.cancelAll();
    } finally {
      polls.release();
    }
  }

  @Override
  public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
    return threads.decorate(queue);
  }

  @Override
  public void execute(TaskRunner taskRunner, Runnable runnable) {
    threads.execute(taskRunner, runnable);
  }
}
