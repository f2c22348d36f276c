package io.batchsend.input;

import java.util.Map;

/**
 * One item of the input.
 *
 * @param index 1-based position among the items of the whole input (blank lines take none)
 * @param text the item as the log shows it: the raw line, the CSV record as a line, the JSON object
 * @param fields named values for {@code {NAME}} placeholders; empty for plain lines
 * @param problem why the record could not be read (a malformed record on stdin), or null
 */
public record Item(long index, String text, Map<String, String> fields, String problem) {
  public Item {
    if (index < 1) {
      throw new IllegalArgumentException("index must be >= 1: " + index);
    }
    if (text == null || fields == null) {
      throw new IllegalArgumentException("text and fields are required");
    }
  }

  /** A plain line item with no named fields. */
  public static Item line(long index, String text) {
    return new Item(index, text, Map.of(), null);
  }

  /** A record that could not be read; it becomes a failed record, never a request. */
  public static Item malformed(long index, String text, String problem) {
    return new Item(index, text, Map.of(), problem);
  }

  public boolean isMalformed() {
    return problem != null;
  }
}
