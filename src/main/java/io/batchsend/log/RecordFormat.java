package io.batchsend.log;

import io.batchsend.engine.ItemResult;

/** Writes one item's result as one line of the request log. */
public interface RecordFormat {
  /** Appends {@code result} as one line, with its trailing newline, to {@code out}. */
  void append(ItemResult result, StringBuilder out);

  /** A line to write before the first record of a new or empty file, or null. */
  default String header() {
    return null;
  }
}
