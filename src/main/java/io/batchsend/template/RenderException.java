package io.batchsend.template;

import java.util.Locale;

/** An item that cannot be turned into a request; it becomes that item's failed record. */
public final class RenderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the item cannot be rendered; the engine maps each to its failure kind. */
  public enum Kind {
    /** The item lacks a field a template uses. */
    MISSING,
    /** The rendered value is not allowed (a header with CR or LF, a path that escapes). */
    INVALID
  }

  private final Kind kind;
  private final String detail;

  /**
   * @param kind why the item cannot be rendered
   * @param detail one line for the record, secrets already masked
   */
  public RenderException(Kind kind, String detail) {
    super(kind.name().toLowerCase(Locale.ROOT) + ": " + detail);
    this.kind = kind;
    this.detail = detail;
  }

  public Kind kind() {
    return kind;
  }

  /** The record's message, without the kind. */
  public String detail() {
    return detail;
  }
}
