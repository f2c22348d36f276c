package io.batchsend.config;

/** The request log's record format. */
public enum LogFormat {
  /** One human-readable line per item. */
  TEXT,
  /** One JSON object per line, the contract's record. */
  JSONL;
}
