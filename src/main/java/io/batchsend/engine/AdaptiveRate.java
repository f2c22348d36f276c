package io.batchsend.engine;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start rate a run learns from a rate limiter (issue 16): a server that limits requests per
 * second (nginx's {@code limit_req}, an API quota) is not helped by fewer requests in flight, since
 * one fast request after another is still too often. So pushback cuts the rate multiplicatively, at
 * most once per round trip (a refusal of a request sent before the last cut says nothing new), and
 * clean answers raise it additively, by a share of the rate it was cut to per second, only while
 * the rate is what holds starts back. The workers' {@link RateLimiter} spaces starts at it.
 *
 * <p>It engages (starts pacing) at the rate actually served lately ({@link ServedRate}); when too
 * few answers tell that rate, it starts from what was served in the last second and doubles every
 * {@link #SLOW_START_DOUBLING_NANOS} until the first cut, as TCP's slow start does.
 *
 * <p>A pushback that carried Retry-After keeps {@link #KEEP_ON_RETRY_AFTER} of the rate. When it
 * paused the whole pool as well ({@link PoolPause}), which costs far more than the refusal, it
 * makes the raise {@link #RETRY_AFTER_PROBE_SLOWDOWN} times slower, so the rate probes past the
 * quota less and less often and the pauses do not recur every few seconds. A lone one, which the
 * cut rate answers without a pause (under {@code --adaptive}), costs one early request and the
 * refused item's wait: the raise is then {@link #LONE_RETRY_AFTER_PROBE_SLOWDOWN} times slower,
 * about one such refusal every few seconds at the limit.
 *
 * <p>Thread-safe: every method is synchronized; each answer holds the monitor for a few
 * assignments.
 */
final class AdaptiveRate {
  private static final Logger LOG = LoggerFactory.getLogger(AdaptiveRate.class);

  /** The lowest rate it ever paces at, per second. */
  static final double FLOOR = 0.2;

  static final long SLOW_START_DOUBLING_NANOS = 250_000_000L;

  static final double KEEP_ON_RETRY_AFTER = 0.95;

  /** Refusals of requests sent within this many spacings after a cut are not counted again. */
  static final double SETTLE_SPACINGS = 2;

  static final long PROBE_DOUBLING_NANOS = 1_000_000_000L;

  static final double KEEP_AFTER_SLOW_START = 0.7;

  static final double RETRY_AFTER_PROBE_SLOWDOWN = 16;

  static final double LONE_RETRY_AFTER_PROBE_SLOWDOWN = 5;

  static final double MAX_PROBE_SLOWDOWN = 256;

  /** The rate counts as what holds starts back when a start waited for it this recently. */
  static final long BINDING_NANOS = 1_000_000_000L;

  /** What an answer says to the rate. */
  enum Answer {
    /** Served: the rate may rise. */
    CLEAN,
    /** 429 or 503 without Retry-After. */
    PUSHBACK,
    /** 429 or 503 with Retry-After. */
    PUSHBACK_RETRY_AFTER,
    /** Says nothing about the server's rate (another error, a cancelled call). */
    NEUTRAL;

    boolean isPushback() {
      return this == PUSHBACK || this == PUSHBACK_RETRY_AFTER;
    }
  }

  private final RateMode mode;
  private final RateLimiter limiter;
  private final Clock clock;
  private final double ceiling;
  private final ServedRate served = new ServedRate();

  /** Every answer, refusals included: how often requests went out before any rate was learned. */
  private final ServedRate answered = new ServedRate();

  private boolean engaged;
  private boolean slowStart;
  private double perSecond = Double.POSITIVE_INFINITY;
  private double base;

  /** The rate at the last cut: the level a server refused, which sets the raise's step. */
  private double refusedAt;

  private double probeSlowdown = 1;

  /** A pool-wide pause began since the last cut: the next Retry-After cut cost a pause. */
  private boolean pausedSinceCut;

  private boolean cut;
  private long lastCutNanos;
  private long lastRaiseNanos;
  private LimitKind kind = LimitKind.CONCURRENCY;

  // Statistics while engaged, over time.
  private final long startNanos;
  private long changedNanos;
  private double rateArea;
  private long engagedNanos;
  private long rateLimitedNanos;
  private double min = Double.NaN;
  private double max = Double.NaN;

  /**
   * @param limiter the workers' limiter, which this one moves; never the shared {@link
   *     RateLimiter#UNLIMITED}
   */
  AdaptiveRate(RateMode mode, RateLimiter limiter, Clock clock) {
    this.mode = mode;
    this.limiter = limiter;
    this.clock = clock;
    this.ceiling = limiter.configuredPerSecond();
    this.startNanos = clock.nanoTime();
    this.changedNanos = startNanos;
    this.lastRaiseNanos = startNanos;
    if (mode.startsEngaged(!limiter.isUnlimited())) {
      engaged = true;
      perSecond = ceiling;
      base = ceiling;
      min = ceiling;
      max = ceiling;
    }
  }

  /**
   * Reports an answer received now to a request sent at {@code sentNanos}.
   *
   * @param mayEngage true when a pushback may start the pacing: the caller judged it came from a
   *     rate limiter
   */
  synchronized void onAnswer(long sentNanos, Answer answer, boolean mayEngage) {
    onAnswer(sentNanos, answer, mayEngage, 0);
  }

  /**
   * As {@link #onAnswer(long, Answer, boolean)}, with how many requests started in the last second:
   * the start of a slow start when no served rate is known yet.
   */
  synchronized void onAnswer(long sentNanos, Answer answer, boolean mayEngage, int recentStarts) {
    long now = clock.nanoTime();
    account(now);
    if (answer != Answer.NEUTRAL) {
      answered.record(now);
    }
    if (answer == Answer.CLEAN) {
      served.record(now);
      raise(now);
    } else if (answer.isPushback()) {
      if (!engaged) {
        if (mayEngage) {
          engage(now, recentStarts);
        }
      } else if (!cut || sentNanos - lastCutNanos > 0) {
        cutOnPushback(now, answer == Answer.PUSHBACK_RETRY_AFTER);
      }
    }
    LimitKind now2 = currentKind(now);
    if (now2 != kind) {
      kind = now2;
      LOG.debug("limited by {} ({})", kind.label(), describe(perSecond));
    }
  }

  /** True once a rate paces the starts. */
  synchronized boolean isEngaged() {
    return engaged;
  }

  /** A pool-wide pause began: the answers before it say nothing about the rate after it. */
  synchronized void onPause() {
    served.clear();
    pausedSinceCut = true;
  }

  private void engage(long now, int recentStarts) {
    double known = served.perSecond(now);
    engaged = true;
    cut = true;
    if (Double.isNaN(known)) {
      // Too few served answers to tell a rate: start from how often requests went out lately.
      slowStart = true;
      perSecond = Math.max(FLOOR, Math.min(ceiling, Math.max(recentStarts, answered.count(now))));
    } else {
      perSecond = Math.max(FLOOR, Math.min(ceiling, known));
    }
    base = perSecond;
    refusedAt = perSecond;
    pausedSinceCut = false;
    lastCutNanos = now + settleNanos();
    apply("rate limiter seen");
  }

  private void cutOnPushback(long now, boolean retryAfter) {
    // From the rate asked, not the rate served: against a limiter without burst, asking a little
    // too often gets every other request refused, so what was served is half of what works. The
    // cuts repeat once per round trip until the refusals stop, just under the quota.
    double from = perSecond;
    refusedAt = perSecond;
    if (slowStart) {
      // Doubling per 250 ms raises a rate near 20/s by up to 40 % between two answers: this much
      // brings it back under the level that was still served.
      perSecond = Math.max(FLOOR, from * KEEP_AFTER_SLOW_START);
    } else {
      double keep = retryAfter && mode != RateMode.STEP ? KEEP_ON_RETRY_AFTER : mode.keep;
      perSecond = Math.max(FLOOR, from * keep);
    }
    base = mode == RateMode.STEP ? ceiling : perSecond;
    if (retryAfter && pausedSinceCut) {
      probeSlowdown = Math.min(MAX_PROBE_SLOWDOWN, probeSlowdown * RETRY_AFTER_PROBE_SLOWDOWN);
    } else if (retryAfter) {
      probeSlowdown = Math.max(probeSlowdown, LONE_RETRY_AFTER_PROBE_SLOWDOWN);
    }
    pausedSinceCut = false;
    slowStart = false;
    cut = true;
    lastCutNanos = now + settleNanos();
    lastRaiseNanos = now;
    apply(retryAfter ? "pushback with Retry-After" : "pushback");
  }

  /**
   * How long after a change refusals still say nothing about the new rate: requests already past
   * their rate slot were sent at the old one, and on a loopback or LAN round trip of a millisecond
   * "once per round trip" would cut again for each of them. Measured against nginx's limit_req at
   * 20/s: without it three cuts in a row took the rate from 19.9 to 16.6.
   */
  private long settleNanos() {
    return (long) Math.min(1e9, SETTLE_SPACINGS * 1e9 / perSecond);
  }

  private void raise(long now) {
    long dt = now - lastRaiseNanos;
    lastRaiseNanos = now;
    if (!engaged || perSecond >= ceiling || !limiter.waitedSince(now - BINDING_NANOS)) {
      return; // not what holds starts back: a higher rate would say nothing about the server
    }
    double next;
    if (slowStart) {
      // At most doubled per answer: at a low rate one answer comes long after the one before.
      next = perSecond * Math.pow(2, Math.min(1, (double) dt / SLOW_START_DOUBLING_NANOS));
    } else if (perSecond > refusedAt) {
      // Past the level refused last and still clean: the limit moved or that refusal was a
      // fluke. Probe upward by doubling per second rather than creep from a rate far too low.
      double doubling = PROBE_DOUBLING_NANOS * probeSlowdown;
      next = perSecond * Math.pow(2, Math.min(1, dt / doubling));
    } else {
      double step = mode == RateMode.STEP ? base : Math.max(base, refusedAt);
      next = perSecond + step * mode.raisePerSecond / probeSlowdown * dt / 1e9;
    }
    perSecond = Math.min(ceiling, next);
    limiter.setPerSecond(perSecond);
    max = Double.isNaN(max) ? perSecond : Math.max(max, perSecond);
  }

  private void apply(String why) {
    limiter.setPerSecond(perSecond);
    min = Double.isNaN(min) ? perSecond : Math.min(min, perSecond);
    max = Double.isNaN(max) ? perSecond : Math.max(max, perSecond);
    LOG.debug("start rate {} ({})", describe(perSecond), why);
  }

  private static String describe(double perSecond) {
    return Double.isInfinite(perSecond)
        ? "unlimited"
        : String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  /** Adds the time since the last change to the statistics. */
  private void account(long now) {
    long dt = now - changedNanos;
    changedNanos = now;
    if (engaged) {
      engagedNanos += dt;
      rateArea += perSecond * dt;
    }
    if (kind == LimitKind.RATE) {
      rateLimitedNanos += dt;
    }
  }

  private LimitKind currentKind(long now) {
    return engaged && limiter.waitedSince(now - BINDING_NANOS)
        ? LimitKind.RATE
        : LimitKind.CONCURRENCY;
  }

  /** What holds starts back now. */
  synchronized LimitKind limitedBy() {
    return currentKind(clock.nanoTime());
  }

  /** The rate now, per second; infinity while none paces. */
  synchronized double perSecond() {
    return perSecond;
  }

  /** The run's rate figures so far. */
  synchronized RateFigures figures() {
    long now = clock.nanoTime();
    account(now);
    long total = now - startNanos;
    LimitKind mostly = rateLimitedNanos * 2 > total ? LimitKind.RATE : LimitKind.CONCURRENCY;
    double mean = engagedNanos > 0 ? rateArea / engagedNanos : Double.NaN;
    return new RateFigures(mostly, min, mean, max, engaged ? perSecond : Double.NaN);
  }
}
