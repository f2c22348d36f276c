package io.batchsend.config;

/** How much the run says on stderr. */
public enum Verbosity {
  QUIET,
  NORMAL,
  VERBOSE;
}
