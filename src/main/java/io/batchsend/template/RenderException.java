package io.batchsend.template;

/** An item that cannot be turned into a request; it becomes that item's failed record. */
public final class RenderException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message {@code kind: detail}, the record's error text
   */
  public RenderException(String message) {
    super(message);
  }
}
