package io.batchsend.engine;

import io.batchsend.input.Item;
import io.batchsend.template.RenderException;
import io.batchsend.template.RenderedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one item (with its retries) and appends its one result under the shared log lock. A failure
 * of the item is data in its result, never an exception that stops the run.
 *
 * <p>An item counts as started when its first attempt begins; one stopped before that gets no
 * record and is counted as not sent.
 */
final class Worker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final Item item;
  private final WorkerContext context;
  private final ReentrantLock logLock;
  private final Queue<ItemResult> finished;
  private final Runnable onDone;

  /**
   * @param logLock the pool's one log lock; held only around {@link ResultSink#accept} and {@link
   *     ResultSink#flush}
   * @param finished the pool's queue of results waiting for the log lock's holder
   * @param onDone run last, whatever happens (frees the reader's submission slot)
   */
  Worker(
      Item item,
      WorkerContext context,
      ReentrantLock logLock,
      Queue<ItemResult> finished,
      Runnable onDone) {
    this.item = item;
    this.context = context;
    this.logLock = logLock;
    this.finished = finished;
    this.onDone = onDone;
  }

  @Override
  public void run() {
    try {
      if (context.control().isStopping()) {
        return;
      }
      ItemResult result = process();
      if (result == null) {
        return;
      }
      append(result);
    } catch (IOException e) {
      context.control().fail(e.getMessage());
    } finally {
      onDone.run();
    }
  }

  /**
   * Hands {@code result} to the log. It joins the queue of finished results; then this worker takes
   * the log lock and writes every queued result in one go (group commit): results that finish while
   * another worker writes wait in the queue and reach the file together in the next write.
   *
   * <p>The worker waits for the lock rather than leaving its result to the holder, so that it takes
   * no new item before its record is in the file: a process killed at any moment has at most one
   * sent-but-unrecorded item per worker, which is what bounds the items {@code --resume} sends
   * twice to {@code -c}. (Leaving results to a holder slowed by its first write let workers run
   * ahead: JarKillResumeIT saw 7 unrecorded items with {@code -c 4}.)
   */
  private void append(ItemResult result) throws IOException {
    finished.add(result);
    logLock.lock();
    try {
      ItemResult next;
      while ((next = finished.poll()) != null) {
        context.sink().accept(next);
      }
      context.sink().flush();
    } finally {
      logLock.unlock();
    }
  }

  /** The item's final result, or null when the run stopped before its first attempt. */
  private ItemResult process() {
    if (item.isMalformed()) {
      return failedBeforeSending(new Failure("input", item.problem()));
    }
    RenderedRequest request;
    try {
      request = context.template().render(item);
    } catch (RenderException e) {
      return failedBeforeSending(Failure.parse(e.getMessage()));
    }
    Path bodyFile = null;
    if (context.bodies() != null) {
      try {
        bodyFile = context.bodies().target(item);
      } catch (RenderException e) {
        return failedBeforeSending(Failure.parse(e.getMessage()));
      }
    }
    RunControl control = context.control();
    int attemptNo = 0;
    Attempt attempt = null;
    Failure failure = null;
    while (true) {
      if (!admit()) {
        break;
      }
      attempt = send(request);
      if (attempt.sent()) {
        attemptNo++;
      }
      failure = attempt.failure();
      if (failure == null && !context.success().isSuccess(attempt.status())) {
        failure = new Failure("status", Integer.toString(attempt.status()));
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "#{} attempt {}: {} {} -> {} in {} ms",
            item.index(),
            attemptNo,
            request.method(),
            request.displayUrl(),
            failure == null ? Integer.toString(attempt.status()) : failure.describe(),
            String.format(java.util.Locale.ROOT, "%.2f", attempt.nanos() / 1e6));
      }
      if (failure == null
          || !attempt.sent() // refused before the network: it would be refused again
          || control.isStopping()
          || !context.retry().shouldRetry(attemptNo, failure, attempt.status())) {
        break;
      }
      long delay = context.retry().delayNanos(attemptNo, attempt.retryAfterMillis());
      LOG.debug("#{} retrying in {} ms", item.index(), delay / 1_000_000);
      if (!waitFor(delay)) {
        break;
      }
    }
    if (attempt == null) {
      return null;
    }
    if (bodyFile != null && attempt.body() != null) {
      try {
        context.bodies().save(bodyFile, attempt.body());
      } catch (IOException e) {
        failure = new Failure("io", e.getMessage());
      }
    }
    return new ItemResult(
        item,
        request.method(),
        request.displayUrl(),
        attempt.status(),
        failure == null,
        attemptNo,
        attempt.nanos(),
        attempt.bytes(),
        failure,
        context.clock().epochMillis(),
        attempt.body());
  }

  /**
   * Waits until the next attempt may start: for the rate slot, or under {@code --adaptive} for the
   * gate, any pool-wide pause and the rate slot. False when the run stopped meanwhile.
   */
  private boolean admit() {
    AdaptiveControl adaptive = context.adaptive();
    if (adaptive == null) {
      return waitFor(context.rate().reserve());
    }
    try {
      return adaptive.admit(context.control());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One attempt; under {@code --adaptive} its slot is freed and its outcome reported, always. */
  private Attempt send(RenderedRequest request) {
    AdaptiveControl adaptive = context.adaptive();
    if (adaptive == null) {
      return context.sender().send(request);
    }
    Attempt sent = null;
    try {
      sent = context.sender().send(request);
      return sent;
    } finally {
      adaptive.complete(sent);
    }
  }

  /** Waits unless the run stops meanwhile; false when it stopped. */
  private boolean waitFor(long nanos) {
    try {
      return context.control().sleepUnlessStopped(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ItemResult failedBeforeSending(Failure failure) {
    return new ItemResult(
        item,
        context.template().method(),
        "",
        Attempt.NO_STATUS,
        false,
        0,
        0,
        0,
        failure,
        context.clock().epochMillis(),
        null);
  }
}
