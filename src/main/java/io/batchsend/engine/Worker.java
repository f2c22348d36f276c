package io.batchsend.engine;

import io.batchsend.input.Item;
import io.batchsend.template.RenderException;
import io.batchsend.template.RenderedRequest;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends one item (with its retries) and appends its one result under the shared log lock. A failure
 * of the item is data in its result, never an exception that stops the run.
 */
final class Worker implements Runnable {
  private final Item item;
  private final WorkerContext context;
  private final ReentrantLock logLock;
  private final Runnable onDone;

  /**
   * @param logLock the pool's one log lock; held only around {@link ResultSink#accept}
   * @param onDone run last, whatever happens (frees the reader's submission slot)
   */
  Worker(Item item, WorkerContext context, ReentrantLock logLock, Runnable onDone) {
    this.item = item;
    this.context = context;
    this.logLock = logLock;
    this.onDone = onDone;
  }

  @Override
  public void run() {
    try {
      if (context.control().isStopping()) {
        return; // not started: no record, counted as not sent
      }
      ItemResult result = process();
      logLock.lock();
      try {
        context.sink().accept(result);
      } finally {
        logLock.unlock();
      }
    } catch (IOException e) {
      context.control().fail(e.getMessage());
    } finally {
      onDone.run();
    }
  }

  private ItemResult process() {
    if (item.isMalformed()) {
      return failedBeforeSending(new Failure("input", item.problem()), "");
    }
    RenderedRequest request;
    try {
      request = context.template().render(item);
    } catch (RenderException e) {
      return failedBeforeSending(Failure.parse(e.getMessage()), "");
    }
    int attemptNo = 0;
    Attempt attempt;
    Failure failure;
    while (true) {
      attemptNo++;
      attempt = context.sender().send(request);
      failure = attempt.failure();
      if (failure == null && !context.success().isSuccess(attempt.status())) {
        failure = new Failure("status", Integer.toString(attempt.status()));
      }
      if (failure == null
          || context.control().isStopping()
          || !context.retry().shouldRetry(attemptNo, failure, attempt.status())) {
        break;
      }
      try {
        context
            .clock()
            .sleepNanos(context.retry().delayNanos(attemptNo, attempt.retryAfterMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
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
        context.clock().epochMillis());
  }

  private ItemResult failedBeforeSending(Failure failure, String displayUrl) {
    return new ItemResult(
        item,
        context.template().method(),
        displayUrl,
        Attempt.NO_STATUS,
        false,
        0,
        0,
        0,
        failure,
        context.clock().epochMillis());
  }
}
