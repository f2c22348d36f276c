package io.batchsend.engine.http;

import io.batchsend.engine.ServerQuota;
import io.batchsend.engine.ServerQuota.Source;
import java.util.List;
import java.util.Locale;

/**
 * Reads a response's rate-limit headers into a {@link ServerQuota}. Collect the headers with {@link
 * #add} (any header may be given; only these are kept), then call {@link #quota}.
 *
 * <ul>
 *   <li>{@code RateLimit} and {@code RateLimit-Policy}, IETF httpapi-ratelimit-headers draft 08 and
 *       later: {@code RateLimit: "default";r=0;t=2}, {@code RateLimit-Policy:
 *       "default";q=100;w=60}. With several policies, the one with the fewest requests left (then
 *       the latest reset) binds. Also draft 07's dictionary, {@code RateLimit: limit=100,
 *       remaining=0, reset=2}.
 *   <li>{@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}: drafts 00 to
 *       06.
 *   <li>{@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}, and
 *       {@code X-RateLimit-Reset-After} (delta seconds, preferred to {@code -Reset} when both
 *       come); also spelt {@code X-Rate-Limit-*}.
 * </ul>
 *
 * <p>When a response has more than one family, the first in that order which can be read is used.
 *
 * <p>A reset is seconds, fractions allowed. Servers send either a delta or an epoch time (GitHub's
 * {@code X-RateLimit-Reset} is epoch seconds), and nothing in the header says which, so the
 * magnitude decides: above {@value #EPOCH_SECONDS_ABOVE} (2001-09-09 as a date, 31 years as a
 * delta) it is epoch seconds, from {@value #EPOCH_MILLIS_ABOVE} epoch milliseconds; either is
 * compared with the run's clock, and a reset already past is 0. Values that are not non-negative
 * numbers are ignored; huge ones are kept, and capped by whoever waits on them.
 */
final class RateLimitHeaders {
  /** A reset above this many seconds is an epoch time in seconds. */
  static final long EPOCH_SECONDS_ABOVE = 1_000_000_000L;

  /** A reset from this many "seconds" on is an epoch time in milliseconds. */
  static final long EPOCH_MILLIS_ABOVE = 1_000_000_000_000L;

  /** More digits than this saturate: the value is huge whatever it is. */
  private static final int MAX_DIGITS = 18;

  private String rateLimit;
  private String rateLimitPolicy;
  private String limit;
  private String remaining;
  private String reset;
  private String xLimit;
  private String xRemaining;
  private String xReset;
  private String xResetAfter;

  /**
   * Takes one header line; one that is not a rate-limit header costs a prefix check. A repeated
   * structured field's lines are joined as RFC 9110 combines them; of a plain one the first is
   * kept.
   */
  RateLimitHeaders add(String name, String value) {
    if (value == null) {
      return this;
    }
    if (!name.regionMatches(true, 0, "ratelimit", 0, 9)
        && !name.regionMatches(true, 0, "x-ratelimit", 0, 11)
        && !name.regionMatches(true, 0, "x-rate-limit", 0, 12)) {
      return this;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "ratelimit" -> rateLimit = rateLimit == null ? value : rateLimit + ", " + value;
      case "ratelimit-policy" ->
          rateLimitPolicy = rateLimitPolicy == null ? value : rateLimitPolicy + ", " + value;
      case "ratelimit-limit" -> limit = firstOf(limit, value);
      case "ratelimit-remaining" -> remaining = firstOf(remaining, value);
      case "ratelimit-reset" -> reset = firstOf(reset, value);
      case "x-ratelimit-limit", "x-rate-limit-limit" -> xLimit = firstOf(xLimit, value);
      case "x-ratelimit-remaining", "x-rate-limit-remaining" ->
          xRemaining = firstOf(xRemaining, value);
      case "x-ratelimit-reset", "x-rate-limit-reset" -> xReset = firstOf(xReset, value);
      case "x-ratelimit-reset-after", "x-rate-limit-reset-after" ->
          xResetAfter = firstOf(xResetAfter, value);
      default -> {}
    }
    return this;
  }

  private static String firstOf(String kept, String value) {
    return kept == null ? value : kept;
  }

  /**
   * What the headers taken say, or null when they say nothing readable.
   *
   * @param nowEpochMillis the run clock's wall time, for a reset given as an epoch time
   */
  ServerQuota quota(long nowEpochMillis) {
    ServerQuota q = structured(nowEpochMillis);
    if (q == null) {
      q =
          of(
              count(remaining),
              resetMillis(reset, nowEpochMillis),
              count(limit),
              ServerQuota.UNKNOWN,
              Source.RATELIMIT_FIELDS);
    }
    if (q == null) {
      long resetAfter = resetMillis(xResetAfter, Long.MAX_VALUE); // a delta: never an epoch
      q =
          of(
              count(xRemaining),
              resetAfter != ServerQuota.UNKNOWN ? resetAfter : resetMillis(xReset, nowEpochMillis),
              count(xLimit),
              ServerQuota.UNKNOWN,
              Source.X_RATELIMIT);
    }
    return q;
  }

  /** {@code RateLimit} (draft 08 list or draft 07 dictionary) with {@code RateLimit-Policy}. */
  private ServerQuota structured(long now) {
    List<StructuredFields.Member> members = StructuredFields.parse(rateLimit);
    if (members.isEmpty()) {
      return null;
    }
    List<StructuredFields.Member> policies = StructuredFields.parse(rateLimitPolicy);
    if (members.get(0).key() != null) {
      // Draft 07: limit=100, remaining=0, reset=2; its policy was "100;w=60".
      String lim = null;
      String rem = null;
      String res = null;
      for (StructuredFields.Member m : members) {
        switch (m.key() == null ? "" : m.key()) {
          case "limit" -> lim = m.value();
          case "remaining" -> rem = m.value();
          case "reset" -> res = m.value();
          default -> {}
        }
      }
      long window =
          policies.isEmpty()
              ? ServerQuota.UNKNOWN
              : resetMillis(policies.get(0).param("w"), Long.MAX_VALUE);
      return of(count(rem), resetMillis(res, now), count(lim), window, Source.RATELIMIT);
    }
    ServerQuota binding = null;
    for (StructuredFields.Member m : members) {
      StructuredFields.Member policy = named(policies, m.value());
      ServerQuota q =
          of(
              count(m.param("r")),
              resetMillis(m.param("t"), now),
              policy == null ? ServerQuota.UNKNOWN : count(policy.param("q")),
              policy == null ? ServerQuota.UNKNOWN : resetMillis(policy.param("w"), Long.MAX_VALUE),
              Source.RATELIMIT);
      if (q != null && (binding == null || binds(q, binding))) {
        binding = q;
      }
    }
    return binding;
  }

  /** True when {@code a} restricts more than {@code b}: fewer left, or as few and a later reset. */
  private static boolean binds(ServerQuota a, ServerQuota b) {
    long ra = a.remaining() == ServerQuota.UNKNOWN ? Long.MAX_VALUE : a.remaining();
    long rb = b.remaining() == ServerQuota.UNKNOWN ? Long.MAX_VALUE : b.remaining();
    return ra < rb || (ra == rb && a.resetMillis() > b.resetMillis());
  }

  private static StructuredFields.Member named(
      List<StructuredFields.Member> policies, String name) {
    for (StructuredFields.Member p : policies) {
      if (p.key() == null && p.value().equals(name)) {
        return p;
      }
    }
    return null;
  }

  private static ServerQuota of(
      long remaining, long resetMillis, long limit, long windowMillis, Source source) {
    if (remaining == ServerQuota.UNKNOWN && resetMillis == ServerQuota.UNKNOWN) {
      return null;
    }
    return new ServerQuota(remaining, resetMillis, limit, windowMillis, source);
  }

  /**
   * A count: a non-negative integer (a list's first member, as draft 06's {@code RateLimit-Limit:
   * 10, 10;w=1}), saturated when huge; else {@link ServerQuota#UNKNOWN}.
   */
  static long count(String value) {
    if (value == null) {
      return ServerQuota.UNKNOWN;
    }
    String v = value;
    int cut = indexOfAny(v, ',', ';');
    if (cut >= 0) {
      v = v.substring(0, cut);
    }
    v = v.strip();
    if (v.isEmpty() || !allDigits(v, 0, v.length())) {
      return ServerQuota.UNKNOWN;
    }
    return v.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(v);
  }

  /**
   * A reset in milliseconds from now: seconds (fractions rounded up to the next millisecond), or an
   * epoch time by magnitude (see the class comment); else {@link ServerQuota#UNKNOWN}.
   *
   * @param nowEpochMillis the wall time, or {@link Long#MAX_VALUE} for a value that is always a
   *     delta (a window, or {@code X-RateLimit-Reset-After})
   */
  static long resetMillis(String value, long nowEpochMillis) {
    if (value == null) {
      return ServerQuota.UNKNOWN;
    }
    String v = value.strip();
    int dot = v.indexOf('.');
    int end = dot < 0 ? v.length() : dot;
    if (end == 0 || !allDigits(v, 0, end) || (dot >= 0 && !allDigits(v, dot + 1, v.length()))) {
      return ServerQuota.UNKNOWN;
    }
    if (end > MAX_DIGITS) {
      return Long.MAX_VALUE;
    }
    long seconds = Long.parseLong(v.substring(0, end));
    boolean delta = nowEpochMillis == Long.MAX_VALUE;
    if (!delta && seconds >= EPOCH_MILLIS_ABOVE) {
      return Math.max(0, seconds - nowEpochMillis);
    }
    long millis = saturatedMillis(seconds, dot < 0 ? "" : v.substring(dot + 1));
    if (!delta && seconds > EPOCH_SECONDS_ABOVE) {
      return Math.max(0, millis - nowEpochMillis);
    }
    return millis;
  }

  /** {@code seconds} and a decimal fraction as milliseconds, rounded up, saturated. */
  private static long saturatedMillis(long seconds, String fraction) {
    long millis;
    try {
      millis = Math.multiplyExact(seconds, 1000L);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    String f = (fraction + "000").substring(0, 3);
    long part = f.isEmpty() ? 0 : Long.parseLong(f);
    if (fraction.length() > 3 && !allZeros(fraction.substring(3))) {
      part++;
    }
    return millis > Long.MAX_VALUE - part ? Long.MAX_VALUE : millis + part;
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean allZeros(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }
}
