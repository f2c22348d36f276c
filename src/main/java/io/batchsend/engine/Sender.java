package io.batchsend.engine;

import io.batchsend.template.RenderedRequest;

/** Performs one HTTP exchange. Implementations are shared by all workers and thread-safe. */
public interface Sender {
  /**
   * Sends {@code request}, reads the whole response body (counting, not keeping it) and times it.
   * Never throws for a failure of the exchange: that is the attempt's {@link Failure}.
   */
  Attempt send(RenderedRequest request);

  /** Cancels every call in flight, for a shutdown whose grace period ran out. */
  void cancelAll();
}
