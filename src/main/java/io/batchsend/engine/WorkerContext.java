package io.batchsend.engine;

import io.batchsend.template.RequestTemplate;
import java.util.random.RandomGenerator;

/**
 * What every worker shares for the whole run: immutable or thread-safe collaborators.
 *
 * @param template renders each item's request
 * @param sender performs the HTTP exchange
 * @param retry decides which failures are tried again
 * @param rate spaces request starts (retries included) across all workers
 * @param success decides which statuses count as success
 * @param sink receives each final result, only under the log lock
 * @param bodies where response bodies are saved ({@code --save-bodies}), or null
 * @param control the run's stop state
 * @param clock time and every wait, replaceable in tests
 * @param random the backoff jitter's source, replaceable in tests
 * @param adaptive the in-flight gate and pool-wide pause of {@code --adaptive}, or null
 */
public record WorkerContext(
    RequestTemplate template,
    Sender sender,
    RetryPolicy retry,
    RateLimiter rate,
    SuccessPolicy success,
    ResultSink sink,
    BodyStore bodies,
    RunControl control,
    Clock clock,
    RandomGenerator random,
    AdaptiveControl adaptive) {
  /** A context without {@code --adaptive}. */
  public WorkerContext(
      RequestTemplate template,
      Sender sender,
      RetryPolicy retry,
      RateLimiter rate,
      SuccessPolicy success,
      ResultSink sink,
      BodyStore bodies,
      RunControl control,
      Clock clock) {
    this(
        template,
        sender,
        retry,
        rate,
        success,
        sink,
        bodies,
        control,
        clock,
        Randomness.SYSTEM,
        null);
  }
}
