package io.batchsend.config;

/** What {@code --adaptive} reacts to when it moves the in-flight limit. */
public enum AdaptiveMode {
  /** Pushback only: 429, 503, timeouts and refused connections. */
  ERRORS,
  /** Pushback, and also responses slowing down well past their recent baseline. */
  LATENCY;
}
