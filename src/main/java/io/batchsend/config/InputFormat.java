package io.batchsend.config;

import java.nio.file.Path;
import java.util.Locale;

/** How the data is read: one item per line, CSV with a header row, or one JSON object per line. */
public enum InputFormat {
  /** One item per line; an item has no named fields. */
  LINES,
  /** RFC 4180 CSV whose header row names the fields. */
  CSV,
  /** JSON Lines: one object per line, whose keys (dotted into nested objects) are the fields. */
  JSONL;

  /**
   * The format a data file's name implies: .csv is CSV, .jsonl and .ndjson JSON Lines, else lines.
   */
  public static InputFormat byExtension(Path path) {
    Path name = path.getFileName();
    String file = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (file.endsWith(".csv")) {
      return CSV;
    }
    if (file.endsWith(".jsonl") || file.endsWith(".ndjson")) {
      return JSONL;
    }
    return LINES;
  }
}
