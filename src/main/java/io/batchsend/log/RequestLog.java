package io.batchsend.log;

import io.batchsend.config.OutputException;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The request log: one line per item, appended.
 *
 * <p>Not thread-safe by itself: {@link #accept} and {@link #flush} are called only while the caller
 * holds the worker pool's log lock. Records that finish together are written in one {@code write}
 * (group commit), and always before the last of their workers releases the lock, so lines are never
 * torn or interleaved and a crash of the process loses at most the records of workers still inside
 * the lock.
 */
public final class RequestLog implements ResultSink, Closeable {
  private final Path path;
  private final FileOutputStream out;
  private final RecordFormat format;

  /** Reused for every record; guarded by the pool's log lock. */
  private final StringBuilder line = new StringBuilder(512);

  /** Records accepted but not yet written; guarded by the pool's log lock. */
  private final Utf8Buffer pending = new Utf8Buffer(64 * 1024);

  private RequestLog(Path path, FileOutputStream out, RecordFormat format) {
    this.path = path;
    this.out = out;
    this.format = format;
  }

  /**
   * Opens {@code path} for appending. A last line torn by a crash is ended first, so the next
   * record starts on a line of its own; a new or empty file gets the format's header.
   *
   * @throws OutputException when the file cannot be opened or written
   */
  public static RequestLog open(Path path, RecordFormat format) {
    if (Files.isDirectory(path)) {
      throw new OutputException("cannot write request log " + path + ": is a directory", null);
    }
    try {
      boolean needsNewline = endsWithoutNewline(path);
      FileOutputStream out = new FileOutputStream(path.toFile(), true);
      boolean empty = !Files.isRegularFile(path) || Files.size(path) == 0;
      try {
        if (needsNewline) {
          out.write('\n');
        }
        if (empty && format.header() != null) {
          out.write(format.header().getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        out.close();
        throw e;
      }
      return new RequestLog(path, out, format);
    } catch (IOException e) {
      throw new OutputException(
          "cannot write request log " + path + ": " + OutputException.describe(e), e);
    }
  }

  private static boolean endsWithoutNewline(Path path) throws IOException {
    if (!Files.isRegularFile(path) || Files.size(path) == 0) {
      return false;
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      file.seek(file.length() - 1);
      return file.read() != '\n';
    }
  }

  /** Buffers one record until {@link #flush}. Caller holds the pool's log lock. */
  @Override
  public void accept(ItemResult result) {
    line.setLength(0);
    format.append(result, line);
    pending.append(line);
  }

  /** Writes the buffered records in one {@code write}. Caller holds the pool's log lock. */
  @Override
  public void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    try {
      pending.writeTo(out);
    } catch (IOException e) {
      throw new IOException(
          "cannot write request log " + path + ": " + OutputException.describe(e), e);
    }
  }

  /** The file this log appends to. */
  public Path path() {
    return path;
  }

  /** Writes anything still buffered, then closes the file. */
  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }
}
