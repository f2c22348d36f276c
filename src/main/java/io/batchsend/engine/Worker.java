package io.batchsend.engine;

import io.batchsend.input.Item;
import io.batchsend.template.RenderException;
import io.batchsend.template.RenderedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one item (with its retries) and appends its one result through the pool's {@link
 * ResultAppender}. A failure of the item is data in its result, never an exception that stops the
 * run.
 *
 * <p>An item counts as started when its first attempt begins; one stopped before that gets no
 * record and is counted as not sent. A bug ({@link Error} or unchecked exception) while the item is
 * handled still gives the item its record, an {@link FailureKind#INTERNAL} failure, and is reported
 * to the pool, which stops the run.
 */
final class Worker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final Item item;
  private final WorkerContext context;
  private final ResultAppender appender;
  private final Consumer<Throwable> onBug;
  private final Runnable onDone;

  /** The item's request once rendered, for the record of a bug; this worker's thread only. */
  private RenderedRequest rendered;

  /** Attempts begun, for the record of a bug; this worker's thread only. */
  private int attemptsBegun;

  /**
   * @param appender the pool's one appender, which holds the log lock
   * @param onBug told of an {@link Error} or unchecked exception, after the item got its record
   * @param onDone run last, whatever happens (frees the reader's submission slot)
   */
  Worker(
      Item item,
      WorkerContext context,
      ResultAppender appender,
      Consumer<Throwable> onBug,
      Runnable onDone) {
    this.item = item;
    this.context = context;
    this.appender = appender;
    this.onBug = onBug;
    this.onDone = onDone;
  }

  @Override
  public void run() {
    try {
      if (context.control().isStopping()) {
        return;
      }
      MemoryBudget memory = context.memory();
      if (memory.exceedsTotal(item)) {
        appender.append(
            failedBeforeSending(
                new Failure(
                    FailureKind.TOO_LARGE,
                    "the item needs more memory than the heap allows ("
                        + memory.totalBytes() / (1 << 20)
                        + " MiB for items in flight); raise it with JAVA_OPTS=-Xmx…")));
        return;
      }
      int share;
      try {
        share = memory.acquire(item, context.control());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // stopped before it started: counted as not sent
      }
      if (share < 0) {
        return;
      }
      try {
        ItemResult result;
        Throwable bug = null;
        try {
          result = process();
        } catch (RuntimeException | Error e) {
          bug = e;
          result = internalFailure(e);
        }
        try {
          if (result != null) {
            appender.append(result);
          }
        } finally {
          if (bug != null) {
            onBug.accept(bug);
          }
        }
      } finally {
        memory.release(share); // after the record is written: the log line is part of the share
      }
    } catch (IOException e) {
      context.control().fail(e.getMessage());
    } catch (RuntimeException | Error e) {
      onBug.accept(e); // the sink itself failed: the item's record may be lost, the run stops
    } finally {
      onDone.run();
    }
  }

  /** The item's final result, or null when the run stopped before its first attempt. */
  private ItemResult process() {
    if (item.isMalformed()) {
      return failedBeforeSending(new Failure(FailureKind.INPUT, item.problem()));
    }
    AuthToken auth = context.auth();
    AuthToken.Token token = null;
    if (auth != null) {
      try {
        token = auth.current();
      } catch (AuthException e) {
        return failedBeforeSending(authFailure(e));
      }
    }
    RenderedRequest request;
    try {
      request = render(token);
    } catch (RenderException e) {
      return failedBeforeSending(renderFailure(e));
    }
    Path bodyFile = null;
    if (context.bodies() != null) {
      try {
        bodyFile = context.bodies().target(item);
      } catch (RenderException e) {
        return failedBeforeSending(renderFailure(e));
      }
    }
    RunControl control = context.control();
    int attemptNo = 0;
    Attempt attempt = null;
    Failure failure = null;
    // The next attempt repeats one answered 401 with a new token: it is not a retry, and it is
    // made once, so that a token the server refuses outright cannot loop.
    boolean repeating = false;
    int repeats = 0;
    while (true) {
      if (!admit()) {
        break;
      }
      if (auth != null && !repeating) {
        try {
          AuthToken.Token now = auth.current(); // renewed when older than --auth-ttl
          if (now.generation() != token.generation()) {
            token = now;
            request = render(token);
          }
        } catch (AuthException e) {
          failure = authFailure(e);
          break;
        } catch (RenderException e) {
          failure = renderFailure(e);
          break;
        }
      }
      boolean repeat = repeating;
      repeating = false;
      attemptsBegun++;
      if (attempt != null && attempt.body() != null) {
        attempt.body().discard(); // replaced by the next attempt's: nobody reads it
      }
      attempt = send(request);
      if (attempt.sent()) {
        attemptNo++;
      }
      failure = attempt.failure();
      if (failure == null && !context.success().isSuccess(attempt.status())) {
        failure = new Failure(FailureKind.STATUS, Integer.toString(attempt.status()));
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "#{} attempt {}: {} {} -> {} in {} ms",
            item.index(),
            attemptNo,
            request.method(),
            request.displayUrl(),
            failure == null ? Integer.toString(attempt.status()) : failure.describe(),
            String.format(Locale.ROOT, "%.2f", attempt.nanos() / 1e6));
      }
      if (auth != null
          && !repeat
          && attempt.sent()
          && attempt.status() == 401
          && !control.isStopping()) {
        // The server refused the token, not the request: a 401 was not processed, so even a POST
        // is repeated, once, with the token renewed (or already renewed by another worker).
        try {
          token = auth.renewAfter401(token);
          request = render(token);
        } catch (AuthException e) {
          failure = authFailure(e);
          break;
        } catch (RenderException e) {
          failure = renderFailure(e);
          break;
        }
        LOG.debug("#{} 401: repeating with token {}", item.index(), token.generation());
        repeating = true;
        repeats++;
        continue;
      }
      int tries = attemptNo - repeats; // the repeats after a 401 do not count against --retries
      if (failure == null
          || !attempt.sent() // refused before the network: it would be refused again
          || control.isStopping()
          || !context.retry().shouldRetry(tries, failure, attempt.status())) {
        break;
      }
      long delay = context.retry().delayNanos(tries, attempt.retryAfterMillis(), context.random());
      LOG.debug("#{} retrying in {} ms", item.index(), delay / 1_000_000);
      if (!waitFor(delay)) {
        break;
      }
    }
    if (attempt == null) {
      return failure != null && failure.kind() == FailureKind.AUTH
          ? failedBeforeSending(failure)
          : null;
    }
    if (token != null && failure != null && failure.message().contains(token.value())) {
      // A message quoting the request (a server's redirect, a client's complaint) may hold it.
      failure = new Failure(failure.kind(), failure.message().replace(token.value(), "***"));
    }
    ResponseBody body = attempt.body();
    if (bodyFile != null && body != null && isWhole(body, failure)) {
      try {
        body = context.bodies().save(bodyFile, body);
      } catch (IOException e) {
        failure = new Failure(FailureKind.IO, e.getMessage());
        body.discard();
        body = null;
      }
    }
    return ItemResult.builder(item)
        .request(request.method(), request.displayUrl())
        .lastAttempt(attempt)
        .body(body)
        .attempts(attemptNo)
        .failure(failure)
        .finishedAt(context.clock().epochMillis())
        .build();
  }

  /**
   * True when {@code body} is the whole body the server sent: not cut at --max-body, not cut short
   * by the connection or --timeout. A part of a body is never saved under the item's file name,
   * where nothing would tell it from a whole one; --responses still shows it, marked truncated.
   */
  private static boolean isWhole(ResponseBody body, Failure failure) {
    return !body.truncated() && (failure == null || failure.kind() == FailureKind.STATUS);
  }

  /**
   * Waits until the next attempt may start: for the server's quota ({@link QuotaGate}), then any
   * pool-wide pause and the rate slot (under {@code --adaptive} first the in-flight gate), then the
   * quota again, which may have closed meanwhile. False when the run stopped meanwhile.
   */
  private boolean admit() {
    AdaptiveControl adaptive = context.adaptive();
    try {
      if (!awaitQuota()) {
        return false;
      }
      boolean admitted =
          adaptive == null
              ? context.pacing().admit(context.control())
              : adaptive.admit(context.control());
      if (!admitted) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (!awaitQuota()) {
      if (adaptive != null) {
        adaptive.complete(null); // admitted but not sent: frees the slot, measures nothing
      }
      return false;
    }
    return true;
  }

  /** Waits while the server's quota is used up; false when the run stopped meanwhile. */
  private boolean awaitQuota() {
    try {
      return context.quota().await(context.control());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * One attempt, its outcome reported to the pacing; under {@code --adaptive} its slot is freed and
   * its outcome reported, always.
   */
  private Attempt send(RenderedRequest request) {
    AdaptiveControl adaptive = context.adaptive();
    // The quota is read before the slot is freed, so that no waiter starts in between.
    if (adaptive == null) {
      Attempt sent = context.quota().observe(context.sender().send(request));
      context.pacing().complete(sent, false);
      return sent;
    }
    Attempt sent = null;
    try {
      sent = context.quota().observe(context.sender().send(request));
      return sent;
    } finally {
      adaptive.complete(sent);
    }
  }

  /** The item's request with {@code token} as {@code ${AUTH}}, kept for the record of a bug. */
  private RenderedRequest render(AuthToken.Token token) throws RenderException {
    RenderedRequest request = context.template().render(item, token == null ? null : token.value());
    rendered = request;
    return request;
  }

  /**
   * The failure of an item whose token the command could not give; stops the run, as a log that
   * cannot be written does (exit 3), with the command's one-line message.
   */
  private Failure authFailure(AuthException e) {
    context.control().fail(e.getMessage());
    return new Failure(FailureKind.AUTH, e.getMessage());
  }

  /** Waits unless the run stops meanwhile; false when it stopped. */
  private boolean waitFor(long nanos) {
    try {
      return context.clock().sleep(nanos, context.control());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ItemResult failedBeforeSending(Failure failure) {
    return ItemResult.builder(item)
        .method(context.template().method())
        .failure(failure)
        .finishedAt(context.clock().epochMillis())
        .build();
  }

  private static Failure renderFailure(RenderException e) {
    FailureKind kind =
        switch (e.kind()) {
          case MISSING -> FailureKind.MISSING;
          case INVALID -> FailureKind.INVALID;
        };
    return new Failure(kind, e.detail());
  }

  /**
   * The record of an item whose handling hit a bug. Built from constants and the throwable's own
   * text only, as the heap may be exhausted.
   */
  private ItemResult internalFailure(Throwable bug) {
    LOG.debug("#{} internal error", item.index(), bug);
    String detail = bug.getClass().getSimpleName();
    if (bug.getMessage() != null) {
      detail += ": " + bug.getMessage();
    }
    ItemResult.Builder result = ItemResult.builder(item);
    if (rendered == null) {
      result.method(context.template().method());
    } else {
      result.request(rendered.method(), rendered.displayUrl());
    }
    return result
        .attempts(attemptsBegun)
        .failure(new Failure(FailureKind.INTERNAL, detail))
        .finishedAt(context.clock().epochMillis())
        .build();
  }
}
