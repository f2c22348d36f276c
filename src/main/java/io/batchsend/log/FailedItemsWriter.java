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
 *
 * <p>A write cut short (a full disk) is cut back off: a partial last line would be a different item
 * in the re-run. After a failure the file takes nothing more and {@link #problem} says why; the
 * request log still records every failed item.
 */
public final class FailedItemsWriter implements ResultSink, Closeable {
  private final Path path;
  private final FileOutputStream out;
  private final String header;
  private boolean headerWritten;

  /** Bytes known to be in the file whole; guarded by the pool's log lock. */
  private long written;

  /** Why the file stopped taking items, or null; guarded by the pool's log lock. */
  private String problem;

  /** Failed items that are not in the file; guarded by the pool's log lock. */
  private long missing;

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
    if (problem != null) {
      missing++;
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (!headerWritten && header != null) {
      sb.append(header).append('\n');
    }
    headerWritten = true;
    sb.append(result.item().text()).append('\n');
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    try {
      out.write(bytes);
      written += bytes.length;
    } catch (IOException e) {
      missing++;
      problem =
          "cannot write --failed file " + path + ": " + OutputException.describe(e) + cutBack();
      throw new IOException(problem, e);
    }
  }

  /** Cuts a line cut short back off; says so when it cannot. */
  private String cutBack() {
    try {
      out.getChannel().truncate(written);
      return "";
    } catch (IOException e) {
      return " (its last line may be cut short: " + OutputException.describe(e) + ")";
    }
  }

  /**
   * Why the file is incomplete, with how many failed items it lacks; null when it has them all.
   * Read after the pool has terminated.
   */
  public String problem() {
    return problem == null
        ? null
        : problem + "; " + missing + " failed item(s) not in it (the request log has them all)";
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
