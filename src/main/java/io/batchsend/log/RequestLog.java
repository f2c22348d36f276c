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
 * <p>Not thread-safe by itself: {@link #accept} is called only while the caller holds the worker
 * pool's log lock, which makes each record one uninterrupted {@code write} to the file. Every
 * record goes to the operating system as it is written, so a crash of the process loses no finished
 * record.
 */
public final class RequestLog implements ResultSink, Closeable {
  private final Path path;
  private final FileOutputStream out;
  private final RecordFormat format;

  /** Reused for every record; guarded by the pool's log lock. */
  private final StringBuilder line = new StringBuilder(512);

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

  /** Appends one record. Caller holds the pool's log lock. */
  @Override
  public void accept(ItemResult result) throws IOException {
    line.setLength(0);
    format.append(result, line);
    try {
      out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(
          "cannot write request log " + path + ": " + OutputException.describe(e), e);
    }
  }

  /** The file this log appends to. */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
