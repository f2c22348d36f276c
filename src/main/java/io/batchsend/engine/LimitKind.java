package io.batchsend.engine;

import java.util.Locale;

/** What holds request starts back under {@code --adaptive}: the in-flight limit or the rate. */
public enum LimitKind {
  /** The in-flight limit: the server pushes back when too many requests are in flight. */
  CONCURRENCY,
  /** The learned start rate: the server pushes back when requests come too often. */
  RATE;

  /** The name users read: {@code concurrency}, {@code rate}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
