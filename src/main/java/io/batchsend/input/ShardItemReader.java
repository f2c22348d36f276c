package io.batchsend.input;

import io.batchsend.config.Shard;
import java.io.IOException;
import java.util.Set;

/**
 * Passes on only the items of one {@link Shard}, unchanged, so each keeps its index in the whole
 * input. The others are not this run's items at all: they are dropped without being counted as
 * skipped.
 */
public final class ShardItemReader implements ItemReader {
  private final ItemReader delegate;
  private final Shard shard;

  public ShardItemReader(ItemReader delegate, Shard shard) {
    if (delegate == null || shard == null) {
      throw new IllegalArgumentException("a reader and a shard are required");
    }
    this.delegate = delegate;
    this.shard = shard;
  }

  /** Wraps {@code reader} for {@code shard}; with no shard, returns {@code reader} itself. */
  public static ItemReader of(ItemReader reader, Shard shard) {
    return shard == null ? reader : new ShardItemReader(reader, shard);
  }

  @Override
  public Item next() throws IOException {
    Item item;
    while ((item = delegate.next()) != null) {
      if (shard.includes(item.index())) {
        return item;
      }
    }
    return null;
  }

  @Override
  public Set<String> fieldNames() {
    return delegate.fieldNames();
  }

  @Override
  public String headerLine() {
    return delegate.headerLine();
  }

  @Override
  public long lineNumber() {
    return delegate.lineNumber();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
