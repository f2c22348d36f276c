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
import java.nio.file.attribute.BasicFileAttributes;
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

  /** Where each pending record ends in {@link #pending}; guarded by the pool's log lock. */
  private int[] ends = new int[64];

  private int pendingRecords;

  /**
   * The file's size as this log last knew it whole: where the pending records start. -1 until the
   * first flush; guarded by the pool's log lock.
   */
  private long committed = UNKNOWN;

  private static final long UNKNOWN = -1;

  /** The first write failure, after which every record goes to {@link #unwritten}; or null. */
  private String failure;

  private final UnwrittenRecords unwritten;

  /**
   * The identity (device and inode) of the file opened, or null when the system has none to tell or
   * the log is not a regular file: how {@link #close} sees that the path now names another file, or
   * none.
   */
  private final Object fileKey;

  private RequestLog(Path path, FileOutputStream out, RecordFormat format, Object fileKey) {
    this.path = path;
    this.out = out;
    this.format = format;
    this.fileKey = fileKey;
    this.unwritten = new UnwrittenRecords(path, format.header());
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
      return new RequestLog(path, out, format, fileKeyOf(path));
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
    if (pendingRecords == ends.length) {
      ends = Arrays.copyOf(ends, ends.length * 2);
    }
    ends[pendingRecords++] = pending.size();
  }

  /**
   * Writes the buffered records in one {@code write}. Caller holds the pool's log lock.
   *
   * <p>When the write fails (a full disk), the records that reached the file whole stay, a record
   * cut short is cut back off, and the rest go to {@link #unwritten()}, as does every later record:
   * the log never holds part of a record, and every record is in exactly one of the two.
   *
   * @throws IOException on the first failure only, naming the file; later calls do not throw
   */
  @Override
  public void flush() throws IOException {
    if (pendingRecords == 0) {
      return;
    }
    int size = pending.size();
    try {
      if (failure != null) {
        unwritten.add(pending, 0, size, pendingRecords, failure);
        return;
      }
      if (committed == UNKNOWN) {
        committed = sizeOrUnknown();
      }
      pending.writeRange(out, 0, size);
      if (committed != UNKNOWN) {
        committed += size;
      }
    } catch (IOException e) {
      failure = OutputException.describe(e);
      keepWholeRecords(size);
      throw new IOException("cannot write request log " + path + ": " + failure, e);
    } finally {
      pending.clear();
      pendingRecords = 0;
    }
  }

  /** The file's size, or {@link #UNKNOWN} for a file that has none to tell (a pipe, say). */
  private long sizeOrUnknown() {
    try {
      return out.getChannel().size();
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  /**
   * After a failed write of {@code size} pending bytes: keeps the records that reached the file
   * whole, cuts off a record cut short and hands the rest to {@link #unwritten}.
   */
  private void keepWholeRecords(int size) {
    // Unknown: every record goes to the rescue, so one that did land is in both (resume and
    // report keep one outcome per item).
    long landed = 0;
    long now = committed == UNKNOWN ? UNKNOWN : sizeOrUnknown();
    if (now != UNKNOWN) {
      landed = now - committed;
    }
    if (landed < 0 || landed > size) {
      landed = 0; // another writer moved the end of the file: touch nothing of it
    }
    int whole = 0;
    while (whole < pendingRecords && ends[whole] <= landed) {
      whole++;
    }
    int kept = whole == 0 ? 0 : ends[whole - 1];
    if (landed > kept) {
      try {
        out.getChannel().truncate(committed + kept);
      } catch (IOException e) {
        // The torn line stays; --resume and report ignore a torn last line.
      }
    }
    if (committed != UNKNOWN) {
      committed += kept;
    }
    unwritten.add(pending, kept, size, pendingRecords - whole, failure);
  }

  /**
   * The records this log could not write, to be saved or printed once the pool has terminated;
   * empty while every write succeeds.
   */
  public UnwrittenRecords unwritten() {
    return unwritten;
  }

  /** The file this log appends to. */
  public Path path() {
    return path;
  }

  /**
   * Writes anything still buffered, then closes the file.
   *
   * @throws IOException also when the log's path no longer names the file written (removed or
   *     renamed during the run): its records went to a file no one will find, and a --resume would
   *     send every item again, so the run must not end as a success
   */
  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
    if (fileKey != null && !fileKey.equals(fileKeyOf(path))) {
      throw new IOException(
          "cannot write request log "
              + path
              + ": it was removed or replaced during the run, so its records are not in it");
    }
  }

  /** The file's identity, or null when there is none (no such file, not a regular file). */
  private static Object fileKeyOf(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return attributes.isRegularFile() ? attributes.fileKey() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
