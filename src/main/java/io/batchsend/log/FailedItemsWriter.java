package io.batchsend.log;

import io.batchsend.config.OutputException;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code --failed=FILE}: every item whose final outcome is a failure, in the input's own format
 * (the CSV header first when there is one), so that the same command over this file re-runs exactly
 * those items. Called under the pool's log lock; each item is written as it fails, so an
 * interrupted run's file holds what failed so far.
 */
public final class FailedItemsWriter implements ResultSink, Closeable {
  private final Path path;
  private final FileOutputStream out;
  private final String header;
  private boolean headerWritten;

  private FailedItemsWriter(Path path, FileOutputStream out, String header) {
    this.path = path;
    this.out = out;
    this.header = header;
  }

  /**
   * Creates or empties {@code path}.
   *
   * @param header the input's header line (CSV), or null
   * @throws OutputException when it cannot be created
   */
  public static FailedItemsWriter open(Path path, String header) {
    try {
      return new FailedItemsWriter(path, new FileOutputStream(path.toFile(), false), header);
    } catch (IOException e) {
      throw new OutputException(path, e);
    }
  }

  @Override
  public void accept(ItemResult result) throws IOException {
    if (result.ok()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (!headerWritten && header != null) {
      sb.append(header).append('\n');
    }
    headerWritten = true;
    sb.append(result.item().text()).append('\n');
    try {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(
          "cannot write --failed file " + path + ": " + OutputException.describe(e), e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
