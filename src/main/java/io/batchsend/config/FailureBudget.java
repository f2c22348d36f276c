package io.batchsend.config;

import java.math.BigDecimal;

/**
 * {@code --max-failures=N|P%}: how many failed items a run may have and still exit 0. The run fails
 * when its failures are more than {@code N}, or more than {@code P} % of the items sent.
 *
 * @param count the absolute limit, or -1 when the limit is a percentage
 * @param percent the limit as a percentage of the items sent, or -1 when it is a count
 */
public record FailureBudget(long count, double percent) {
  /** No failure allowed: the default. */
  public static final FailureBudget NONE = new FailureBudget(0, -1);

  public FailureBudget {
    if ((count < 0) == (percent < 0)) {
      throw new IllegalArgumentException("exactly one of count and percent is set");
    }
    if (percent > 100 || Double.isNaN(percent)) {
      throw new UsageException("invalid --max-failures: a percentage is at most 100%");
    }
  }

  /** Parses {@code N} or {@code P%} (P may have decimals). */
  public static FailureBudget parse(String text) {
    String s = text == null ? "" : text.strip();
    try {
      if (s.endsWith("%")) {
        double p = Double.parseDouble(s.substring(0, s.length() - 1).strip());
        if (p >= 0 && Double.isFinite(p)) {
          return new FailureBudget(-1, p);
        }
      } else if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
        return new FailureBudget(Long.parseLong(s), -1);
      }
    } catch (NumberFormatException e) {
      // falls through to the one message below
    }
    throw new UsageException(
        "invalid --max-failures '"
            + Excerpt.of(text)
            + "': expected a count (e.g. 10) or a percentage (5%)");
  }

  /** True when {@code failed} failures out of {@code sent} items are past this budget. */
  public boolean isExceeded(long failed, long sent) {
    if (count >= 0) {
      return failed > count;
    }
    return sent > 0 && failed * 100.0 > percent * sent;
  }

  @Override
  public String toString() {
    return count >= 0
        ? Long.toString(count)
        : BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
  }
}
