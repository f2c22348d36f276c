package io.batchsend.engine;

import java.io.IOException;

/**
 * Receives each item's final result. Called only by {@link ResultAppender}, under the run's log
 * lock, so implementations need no synchronisation of their own and see results one at a time.
 *
 * <p>A sink may buffer what {@link #accept} is given until {@link #flush}: the lock's holder
 * accepts every finished result waiting for it, then flushes once, so results that finish together
 * reach the file in one write.
 */
public interface ResultSink {
  /**
   * Records {@code result}.
   *
   * @throws IOException when the record cannot be written: the run stops with exit code 3
   */
  void accept(ItemResult result) throws IOException;

  /**
   * Writes out whatever {@link #accept} buffered.
   *
   * @throws IOException when it cannot be written: the run stops with exit code 3
   */
  default void flush() throws IOException {}
}
