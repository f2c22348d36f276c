package io.batchsend.input;

import io.batchsend.config.Shard;

/**
 * Only the items of one {@link Shard}, unchanged, so each keeps its index in the whole input. The
 * others are not this run's items at all: the filter that drops them is not the resume filter, so
 * they are never counted as skipped.
 */
public final class ShardItemReader {
  private ShardItemReader() {}

  /** Wraps {@code reader} for {@code shard}; with no shard, returns {@code reader} itself. */
  public static ItemReader of(ItemReader reader, Shard shard) {
    if (reader == null) {
      throw new IllegalArgumentException("a reader is required");
    }
    return shard == null
        ? reader
        : new SkippingItemReader(reader, item -> !shard.includes(item.index()));
  }
}
