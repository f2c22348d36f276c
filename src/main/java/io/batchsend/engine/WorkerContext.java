package io.batchsend.engine;

import io.batchsend.template.RequestTemplate;
import java.util.random.RandomGenerator;

/**
 * What every worker shares for the whole run: immutable or thread-safe collaborators. Built with
 * {@link #builder}, which holds the one default of each optional part.
 *
 * @param template renders each item's request
 * @param sender performs the HTTP exchange
 * @param retry decides which failures are tried again
 * @param rate spaces request starts (retries included) across all workers
 * @param success decides which statuses count as success
 * @param sink receives each final result, only under the log lock (see {@link ResultAppender})
 * @param bodies where response bodies are saved ({@code --save-bodies}), or null
 * @param control the run's stop state
 * @param clock time and every wait, replaceable in tests
 * @param random the backoff jitter's source, replaceable in tests
 * @param adaptive the in-flight gate and pool-wide pause of {@code --adaptive}, or null
 * @param auth the {@code ${AUTH}} token of {@code --auth-command}, or null
 * @param memory the share of the heap the items in flight may take
 * @param quota holds back every start while the server says its quota is used up
 * @param pacing the pool-wide pause and start rate without {@code --adaptive} (built from {@code
 *     rate} and {@code retry}), or null with it
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
    AdaptiveControl adaptive,
    AuthToken auth,
    MemoryBudget memory,
    QuotaGate quota,
    Pacing pacing) {
  public WorkerContext {
    if (template == null || sender == null || sink == null || control == null) {
      throw new IllegalArgumentException("template, sender, sink and control are required");
    }
    if (retry == null || rate == null || success == null || clock == null || random == null) {
      throw new IllegalArgumentException("retry, rate, success, clock and random are required");
    }
    if (quota == null) {
      throw new IllegalArgumentException("quota is required");
    }
    if ((adaptive == null) == (pacing == null)) {
      throw new IllegalArgumentException("pacing is required exactly when adaptive is not given");
    }
  }

  /** A builder with the required parts; the optional ones default to "not asked for". */
  public static Builder builder(
      RequestTemplate template, Sender sender, ResultSink sink, RunControl control) {
    return new Builder(template, sender, sink, control);
  }

  /** Names the optional parts of a {@link WorkerContext}. */
  public static final class Builder {
    private final RequestTemplate template;
    private final Sender sender;
    private final ResultSink sink;
    private final RunControl control;
    private RetryPolicy retry = RetryPolicy.NONE;
    private RateLimiter rate = RateLimiter.UNLIMITED;
    private SuccessPolicy success = SuccessPolicy.TWO_XX;
    private BodyStore bodies;
    private Clock clock = Clock.SYSTEM;
    private RandomGenerator random = Randomness.SYSTEM;
    private AdaptiveControl adaptive;
    private AuthToken auth;
    private MemoryBudget memory = MemoryBudget.UNLIMITED;
    private QuotaGate quota;

    private Builder(RequestTemplate template, Sender sender, ResultSink sink, RunControl control) {
      this.template = template;
      this.sender = sender;
      this.sink = sink;
      this.control = control;
    }

    /** Default: {@link RetryPolicy#NONE}. */
    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    /** Default: {@link RateLimiter#UNLIMITED}. */
    public Builder rate(RateLimiter rate) {
      this.rate = rate;
      return this;
    }

    /** Default: {@link SuccessPolicy#TWO_XX}. */
    public Builder success(SuccessPolicy success) {
      this.success = success;
      return this;
    }

    /** Default: none, bodies are not saved. */
    public Builder bodies(BodyStore bodies) {
      this.bodies = bodies;
      return this;
    }

    /** Default: {@link Clock#SYSTEM}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Default: {@link Randomness#SYSTEM}. */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** Default: none, no {@code --adaptive}. */
    public Builder adaptive(AdaptiveControl adaptive) {
      this.adaptive = adaptive;
      return this;
    }

    /** Default: {@link MemoryBudget#UNLIMITED}. */
    public Builder memory(MemoryBudget memory) {
      this.memory = memory;
      return this;
    }

    /** Default: none, no {@code --auth-command}. */
    public Builder auth(AuthToken auth) {
      this.auth = auth;
      return this;
    }

    /**
     * Default: a gate on the context's clock capped by the retry policy's {@code --retry-max-wait}
     * (none for {@link RetryPolicy#NONE}, whose cap is zero).
     */
    public Builder quota(QuotaGate quota) {
      this.quota = quota;
      return this;
    }

    public WorkerContext build() {
      QuotaGate gate = quota != null ? quota : new QuotaGate(retry.maxRetryAfter(), clock);
      return new WorkerContext(
          template,
          sender,
          retry,
          rate,
          success,
          sink,
          bodies,
          control,
          clock,
          random,
          adaptive,
          auth,
          memory,
          gate,
          adaptive == null ? Pacing.fixed(rate, retry.maxRetryAfter(), clock) : null);
    }
  }
}
