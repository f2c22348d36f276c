package io.batchsend.config;

/**
 * How many failed items a run may have and still exit 0 ({@code --max-failures}).
 *
 * @param count the most failures allowed when {@code percent} is false
 * @param percent true when {@code value} is a percentage of the items sent
 * @param value the percentage, when {@code percent}
 */
public record FailureBudget(long count, boolean percent, double value) {
  /** No failure allowed: the default. */
  public static final FailureBudget NONE = new FailureBudget(0, false, 0);

  public FailureBudget {
    if (count < 0 || value < 0 || value > 100) {
      throw new UsageException(
          "invalid --max-failures: expected a count >= 0 or a percentage 0-100%");
    }
  }

  /** Parses {@code N} or {@code P%}. */
  public static FailureBudget parse(String text) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.endsWith("%")) {
        return new FailureBudget(
            0, true, Double.parseDouble(t.substring(0, t.length() - 1).strip()));
      }
      return new FailureBudget(Long.parseLong(t), false, 0);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "invalid --max-failures '" + text + "': expected N or P%, e.g. 10 or 0.5%");
    }
  }

  /** True when {@code failed} failures out of {@code sent} items are past the budget. */
  public boolean isExceeded(long failed, long sent) {
    if (percent) {
      return sent > 0 && failed * 100.0 > value * sent;
    }
    return failed > count;
  }

  @Override
  public String toString() {
    return percent ? value + "%" : Long.toString(count);
  }
}
