package io.batchsend.input;

import java.io.IOException;
import java.util.Set;
import java.util.function.Predicate;

/** Passes on the items that {@code skip} does not match, counting the ones it drops. */
public final class SkippingItemReader implements ItemReader {
  private final ItemReader delegate;
  private final Predicate<Item> skip;

  /** Written by the reader thread only; volatile so a progress line may read it. */
  private volatile long skipped;

  public SkippingItemReader(ItemReader delegate, Predicate<Item> skip) {
    this.delegate = delegate;
    this.skip = skip;
  }

  @Override
  public Item next() throws IOException {
    Item item;
    while ((item = delegate.next()) != null) {
      if (!skip.test(item)) {
        return item;
      }
      skipped = skipped + 1;
    }
    return null;
  }

  /** How many items were dropped so far. */
  public long skipped() {
    return skipped;
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
