package io.batchsend.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code --retry-on} lets the engine try again: transport failures ({@code io}), single
 * statuses ({@code 503}) and whole classes ({@code 5xx}, kept as the class, not as 100 statuses).
 *
 * @param io true when failures of the exchange itself (timeouts, refused connections, resets) may
 *     be retried
 * @param statuses single statuses, 100 to 599
 * @param classes status classes by their first digit, 1 to 5
 */
public record RetryOn(boolean io, Set<Integer> statuses, Set<Integer> classes) {
  /** {@code io,429,502,503,504}: what is retried for methods safe to repeat. */
  public static final RetryOn DEFAULT = new RetryOn(true, Set.of(429, 502, 503, 504), Set.of());

  /** 429 and 503 say the request was not processed; connect failures are covered by {@code io}. */
  public static final RetryOn NON_IDEMPOTENT = new RetryOn(true, Set.of(429, 503), Set.of());

  /** {@code none}. */
  public static final RetryOn NOTHING = new RetryOn(false, Set.of(), Set.of());

  public RetryOn {
    statuses = Set.copyOf(new TreeSet<>(statuses));
    classes = Set.copyOf(new TreeSet<>(classes));
    for (int status : statuses) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status out of range: " + status);
      }
    }
    for (int c : classes) {
      if (c < 1 || c > 5) {
        throw new IllegalArgumentException("status class out of range: " + c + "xx");
      }
    }
  }

  /** True when a response with {@code status} may be retried. */
  public boolean coversStatus(int status) {
    return statuses.contains(status) || classes.contains(status / 100);
  }

  /** Parses a {@code --retry-on} list: {@code io}, status codes, classes such as {@code 5xx}. */
  public static RetryOn parse(String list) {
    return parse(list, "--retry-on", true);
  }

  /**
   * Parses a comma-separated list of statuses ({@code 503}), classes ({@code 5xx}), {@code none}
   * and, when {@code allowIo}, the word {@code io}.
   */
  static RetryOn parse(String list, String option, boolean allowIo) {
    boolean io = false;
    Set<Integer> statuses = new TreeSet<>();
    Set<Integer> classes = new TreeSet<>();
    for (String raw : list.split(",")) {
      String token = raw.strip().toLowerCase(Locale.ROOT);
      if (token.isEmpty() || token.equals("none")) {
        continue;
      }
      if (token.equals("io") && allowIo) {
        io = true;
      } else if (token.matches("[1-5]xx")) {
        classes.add(token.charAt(0) - '0');
      } else if (token.matches("[1-5]\\d\\d")) {
        statuses.add(Integer.parseInt(token));
      } else {
        throw new UsageException(
            "invalid "
                + option
                + " entry '"
                + raw.strip()
                + "': expected "
                + (allowIo ? "io, " : "")
                + "a status such as 503, or a class such as 5xx");
      }
    }
    return new RetryOn(io, statuses, classes);
  }
}
