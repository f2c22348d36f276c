package io.batchsend.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code n} disjoint shares of the input: the items whose 1-based index {@code i} has {@code
 * (i - 1) mod n == k - 1}. Indexes stay positions in the whole input, so the shards' logs can be
 * merged and resumed as if one run had written them.
 *
 * @param k this shard, 1-based
 * @param n the number of shards, at least 1
 */
public record Shard(int k, int n) {
  private static final Pattern K_OF_N = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  public Shard {
    if (n < 1) {
      throw new UsageException("invalid shard " + k + "/" + n + ": the shard count must be >= 1");
    }
    if (k < 1 || k > n) {
      throw new UsageException(
          "invalid shard " + k + "/" + n + ": K must be between 1 and " + n + " (K is 1-based)");
    }
  }

  /** Parses {@code K/N}, e.g. {@code 2/4}. */
  public static Shard parse(String text) {
    Matcher m = K_OF_N.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new UsageException(
          "invalid --shard '"
              + Excerpt.of(text)
              + "': expected K/N (e.g. 2/4, K is 1-based) or auto");
    }
    int k = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || k < 1 || k > n) {
      throw new UsageException(
          "invalid --shard '"
              + text
              + "': expected K/N with N >= 1 and K between 1 and N (K is 1-based)");
    }
    return new Shard(k, n);
  }

  /** True when the item at 1-based {@code index} of the whole input belongs to this shard. */
  public boolean includes(long index) {
    return (index - 1) % n == k - 1;
  }

  /** How many of the items {@code 1..total} belong to this shard. */
  public long shareOf(long total) {
    return total < k ? 0 : (total - k) / n + 1;
  }

  /** {@code K/N}, as the option is written and the summary shows it. */
  @Override
  public String toString() {
    return k + "/" + n;
  }
}
