package io.batchsend.input;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;

/** Reads items one at a time, lazily, so memory does not grow with the input. Not thread-safe. */
public interface ItemReader extends Closeable {
  /**
   * The next item, or null at the end of the input.
   *
   * @throws MalformedInputException for a record that cannot be read
   */
  Item next() throws IOException;

  /** The names {@code {NAME}} placeholders may use; empty for plain lines. */
  Set<String> fieldNames();
}
