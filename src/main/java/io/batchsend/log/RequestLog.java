package io.batchsend.log;

import io.batchsend.config.LogFormat;
import io.batchsend.config.OutputException;
import io.batchsend.config.UsageException;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

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
   * Opens {@code path} for appending. A last record torn by a crash is ended first (a CSV quote it
   * left open is closed), so the next record starts on a line of its own and the torn one cannot
   * swallow it; a new or empty file gets the format's header.
   *
   * @throws UsageException when the file holds a log of another format (nothing is written)
   * @throws OutputException when the file cannot be opened or written
   */
  public static RequestLog open(Path path, RecordFormat format) {
    if (Files.isDirectory(path)) {
      throw new OutputException("cannot write request log " + path + ": is a directory", null);
    }
    try {
      checkFormat(path, format.kind());
      String repair = tailRepair(path, format.kind());
      FileOutputStream out = new FileOutputStream(path.toFile(), true);
      boolean empty = !Files.isRegularFile(path) || Files.size(path) == 0;
      try {
        out.write(repair.getBytes(StandardCharsets.UTF_8));
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

  /** One log, one format: a report could not read a log whose records change format halfway. */
  private static void checkFormat(Path path, LogFormat kind) throws IOException {
    LogFormat found = LogReader.formatOf(path);
    if (found != null && found != kind) {
      String name = found.name().toLowerCase(Locale.ROOT);
      throw new UsageException(
          "cannot append "
              + kind.name().toLowerCase(Locale.ROOT)
              + " records to --log "
              + path
              + ": it holds a "
              + name
              + " log; use --log-format="
              + name
              + " or another --log");
    }
  }

  /** What to write so that a torn last record ends, or "" when the file ends cleanly. */
  private static String tailRepair(Path path, LogFormat kind) throws IOException {
    if (!Files.isRegularFile(path) || Files.size(path) == 0) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      long length = file.length();
      if (kind != LogFormat.CSV) {
        file.seek(length - 1);
        return file.read() == '\n' ? "" : "\n";
      }
      int n = (int) Math.min(length, TAIL);
      byte[] tail = new byte[n];
      file.seek(length - n);
      file.readFully(tail);
      int start = lastRecordStart(tail, n == length);
      if (start < 0) {
        return tail[n - 1] == '\n' ? "" : CsvRecordFormat.EOL;
      }
      return CsvRecordFormat.repairTail(Arrays.copyOfRange(tail, start, n));
    }
  }

  /** How far back to look for the start of a CSV log's last record; items are shorter. */
  private static final int TAIL = 1 << 20;

  private static final Pattern RECORD_START =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z,\\d");

  /**
   * Where the last record starts in {@code tail}: the last line that begins with a record's
   * timestamp and index, or -1. A quoted item could hold such a line only by forging one.
   */
  private static int lastRecordStart(byte[] tail, boolean wholeFile) {
    String text = new String(tail, StandardCharsets.ISO_8859_1); // one char per byte
    for (int at = text.length() - 1; at >= 0; at--) {
      boolean lineStart = at == 0 ? wholeFile : text.charAt(at - 1) == '\n';
      if (lineStart && RECORD_START.matcher(text).region(at, text.length()).lookingAt()) {
        return at;
      }
    }
    return -1;
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
