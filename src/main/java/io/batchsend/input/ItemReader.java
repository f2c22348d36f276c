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

  /**
   * The 1-based physical line where the item last returned by {@link #next} starts, for messages
   * that name the line; 0 before the first item.
   */
  long lineNumber();

  /**
   * The line to write before a file of {@link Item#text} lines so that it reads back in the input's
   * own format (a CSV header row), or null when the texts alone suffice.
   */
  default String headerLine() {
    return null;
  }
}
