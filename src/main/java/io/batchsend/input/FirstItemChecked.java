package io.batchsend.input;

import io.batchsend.config.UsageException;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a stream's first item ahead, so that a malformed first record is an input error (exit 2,
 * nothing sent) rather than a failed record: of a stream, only the first record is checked up
 * front.
 */
final class FirstItemChecked implements ItemReader {
  private final ItemReader delegate;
  private Item first;

  private FirstItemChecked(ItemReader delegate, Item first) {
    this.delegate = delegate;
    this.first = first;
  }

  /**
   * Reads the first item of {@code delegate}, closing it when that fails.
   *
   * @param name how the input is named in messages
   * @throws UsageException when the first record is malformed
   */
  static FirstItemChecked open(ItemReader delegate, String name) throws IOException {
    Item first;
    try {
      first = delegate.next();
    } catch (IOException | RuntimeException e) {
      delegate.close();
      throw e;
    }
    if (first != null && first.isMalformed()) {
      delegate.close();
      throw new UsageException(name + ": " + first.problem());
    }
    return new FirstItemChecked(delegate, first);
  }

  @Override
  public Item next() throws IOException {
    if (first != null) {
      Item item = first;
      first = null;
      return item;
    }
    return delegate.next();
  }

  @Override
  public Set<String> fieldNames() {
    return delegate.fieldNames();
  }

  // Only one item is read ahead, and it is handed out before the next is read: still in step.
  @Override
  public long lineNumber() {
    return delegate.lineNumber();
  }

  @Override
  public String headerLine() {
    return delegate.headerLine();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
