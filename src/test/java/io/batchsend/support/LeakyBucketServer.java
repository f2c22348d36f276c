package io.batchsend.support;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A loopback rate limiter that decides as nginx's {@code limit_req} does
 * (ngx_http_limit_req_module, {@code ngx_http_limit_req_lookup}): a leaky bucket kept in
 * milli-requests at millisecond resolution, {@code excess = max(0, excess - rate·ms + 1000)},
 * refused with 429 when {@code excess > burst·1000} ({@code nodelay}: an accepted request is served
 * at once), and a refused request leaves the bucket as it was. With burst 0 a request is served
 * only when at least {@code 1/rate} has passed since the last one served.
 *
 * <p>Time is its {@link #clock()}, a {@link FakeClock} driven by the engine's workers and this
 * server's handlers, which the CLI must run on: arrivals are stamped on it, so the figures are the
 * same on an idle machine and a loaded one.
 *
 * <p>Optionally the limiter reads a clock that lags (nginx stamps a request with the time cached
 * when its event loop woke, up to a few milliseconds old): each arrival is seen {@code lagMillis}
 * late with probability {@code lagShare}, from a seeded sequence. That is what makes requests sent
 * exactly {@code 1/rate} apart arrive "a millisecond early" for the limiter now and then.
 *
 * <p>Optionally its quota is spent for a while ({@link Builder#spent}): as an API whose hourly
 * quota ran out, it then refuses every request, with a Retry-After of the whole seconds left.
 */
public final class LeakyBucketServer extends VirtualTimeServer {
  /** The handler threads' name: participants of the clock. */
  private static final String THREAD_NAME = "leaky-bucket-server";

  private final long ratePerSecond;

  private LeakyBucketServer(long ratePerSecond, Limiter limiter) {
    super(THREAD_NAME, (clock, arrivalNanos) -> limiter.answer(arrivalNanos));
    this.ratePerSecond = ratePerSecond;
  }

  /** {@code limit_req_zone ... rate=<perSecond>r/s; limit_req zone=z; limit_req_status 429;}. */
  public static Builder limiting(long perSecond) {
    return new Builder(perSecond);
  }

  /** The quota, requests per second. */
  public long ratePerSecond() {
    return ratePerSecond;
  }

  /** The limiter's settings. */
  public static final class Builder {
    private final long ratePerSecond;
    private int burst;
    private int retryAfterSeconds = -1;
    private int lagMillis;
    private double lagShare;
    private long spentFromMillis;
    private long spentForMillis;

    private Builder(long ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
    }

    /** {@code burst=n nodelay}. */
    public Builder burst(int n) {
      this.burst = n;
      return this;
    }

    /** {@code add_header Retry-After <seconds> always;} on each 429. */
    public Builder retryAfter(int seconds) {
      this.retryAfterSeconds = seconds;
      return this;
    }

    /** The limiter sees {@code share} of the arrivals {@code millis} late (a stale time cache). */
    public Builder lag(int millis, double share) {
      this.lagMillis = millis;
      this.lagShare = share;
      return this;
    }

    /**
     * From {@code fromMillis} after the first arrival, for {@code forMillis}, every request is
     * refused with 429 and a Retry-After of the whole seconds left (rounded up).
     */
    public Builder spent(long fromMillis, long forMillis) {
      this.spentFromMillis = fromMillis;
      this.spentForMillis = forMillis;
      return this;
    }

    public LeakyBucketServer start() {
      return new LeakyBucketServer(ratePerSecond, new Limiter(this));
    }
  }

  /**
   * The limiter's state and decision, built before the server starts. Its monitor guards the
   * bucket, the lag sequence and the first arrival: handlers decide one at a time.
   */
  private static final class Limiter {
    private final long ratePerSecond;
    private final long burstMilli;
    private final int retryAfterSeconds;
    private final int lagMillis;
    private final double lagShare;
    private final long spentFromNanos;
    private final long spentForNanos;

    private final SplittableRandom lags = new SplittableRandom(16);
    private long excess;
    private long lastMillis = Long.MIN_VALUE;
    private long firstArrivalNanos;
    private boolean arrived;

    Limiter(Builder b) {
      this.ratePerSecond = b.ratePerSecond;
      this.burstMilli = b.burst * 1000L;
      this.retryAfterSeconds = b.retryAfterSeconds;
      this.lagMillis = b.lagMillis;
      this.lagShare = b.lagShare;
      this.spentFromNanos = TimeUnit.MILLISECONDS.toNanos(b.spentFromMillis);
      this.spentForNanos = TimeUnit.MILLISECONDS.toNanos(b.spentForMillis);
    }

    /**
     * While the quota is spent, 429 with the whole seconds until it is back; else 200 when the
     * request arriving now is served (the bucket updated then), or 429 for a refusal of the bucket.
     */
    synchronized Answer answer(long arrivalNanos) {
      long spent = spentSecondsLeft(arrivalNanos);
      if (spent > 0) {
        return new Answer(429, spent);
      }
      return admit(arrivalNanos) ? new Answer(200, -1) : new Answer(429, retryAfterSeconds);
    }

    /**
     * While the quota is spent, the whole seconds until it is back; else -1. Requires the monitor.
     */
    private long spentSecondsLeft(long arrivalNanos) {
      if (!arrived) {
        arrived = true;
        firstArrivalNanos = arrivalNanos;
      }
      long since = arrivalNanos - firstArrivalNanos;
      if (spentForNanos == 0 || since < spentFromNanos || since >= spentFromNanos + spentForNanos) {
        return -1;
      }
      long left = spentFromNanos + spentForNanos - since;
      return (left + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * True when the request arriving now is served; updates the bucket then. Requires the monitor.
     */
    private boolean admit(long arrivalNanos) {
      long seen = arrivalNanos - (lags.nextDouble() < lagShare ? lagMillis * 1_000_000L : 0);
      long now = TimeUnit.NANOSECONDS.toMillis(seen);
      long ms = lastMillis == Long.MIN_VALUE ? 60_000 : Math.max(0, now - lastMillis);
      long next = Math.max(0, excess - ratePerSecond * ms + 1000);
      if (next > burstMilli) {
        return false;
      }
      excess = next;
      if (ms != 0) {
        lastMillis = now;
      }
      return true;
    }
  }
}
