package io.batchsend.engine;

import java.io.IOException;

/**
 * Receives each item's final result. Called only while the caller holds the pool's log lock, so
 * implementations need no synchronisation of their own and see results one at a time.
 */
public interface ResultSink {
  /**
   * Records {@code result}.
   *
   * @throws IOException when the record cannot be written: the run stops with exit code 3
   */
  void accept(ItemResult result) throws IOException;
}
