package io.batchsend.config;

/** The request log's record format. */
public enum LogFormat {
  /** One human-readable line per item. */
  TEXT,
  /** One JSON object per line, the contract's record. */
  JSONL,
  /** RFC 4180 CSV with a header row: the JSON Lines record's fields as columns. */
  CSV;
}
