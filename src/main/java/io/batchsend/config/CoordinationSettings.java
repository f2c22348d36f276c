package io.batchsend.config;

/**
 * How this run shares the work with other runs: which share of the input it sends.
 *
 * @param shard this run's share of the input, or null for all of it
 */
public record CoordinationSettings(Shard shard) {
  /** The whole input: a run on its own. */
  public static final CoordinationSettings NONE = new CoordinationSettings(null);

  /** True when the item at 1-based {@code index} is this run's to send. */
  public boolean includes(long index) {
    return shard == null || shard.includes(index);
  }
}
