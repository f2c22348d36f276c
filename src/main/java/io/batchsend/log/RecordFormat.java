package io.batchsend.log;

import io.batchsend.config.LogFormat;
import io.batchsend.engine.ItemResult;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * One record format of the request log, writing and reading together: {@link JsonlRecordFormat},
 * {@link CsvRecordFormat}, {@link TextRecordFormat}. The log writer, --resume and {@code report}
 * all go through it.
 */
public interface RecordFormat {
  /** Which format this is. */
  LogFormat kind();

  /** Appends {@code result} as one record, with its trailing newline, to {@code out}. */
  void append(ItemResult result, StringBuilder out);

  /** A line to write before the first record of a new or empty file, or null. */
  default String header() {
    return null;
  }

  /** A parser for the records of one file, read from its start (past a BOM). */
  RecordParser parser(BufferedReader in) throws IOException;

  /** The codec for {@code kind}, writing {@code request} into each record. */
  static RecordFormat of(LogFormat kind, RequestFingerprint request) {
    return switch (kind) {
      case JSONL -> new JsonlRecordFormat(request);
      case CSV -> new CsvRecordFormat(request);
      case TEXT -> new TextRecordFormat(request);
    };
  }

  /** The codec for reading a log of {@code kind}; it writes no records. */
  static RecordFormat forReading(LogFormat kind) {
    return of(kind, null);
  }
}
