package io.batchsend.log;

import io.batchsend.config.OutputException;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the request log could not take (a full disk, a lost mount), kept in the log's own format
 * so that none is lost: at the end of the run they go to {@code LOG.unwritten}, which the next run
 * on that log adds to it before anything else ({@link #restore}); when that file cannot be written
 * either, they are printed on stderr, last, for the user to append to the log.
 *
 * <p>Holds them in memory: the run stops at the log's first failure, so only the records of that
 * write and of the items then in flight (at most the concurrency) arrive here. Guarded, like the
 * log, by the pool's log lock; read once the pool has terminated.
 */
public final class UnwrittenRecords {
  private static final String SUFFIX = ".unwritten";

  private final Path log;
  private final String header;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long count;
  private String reason;

  /**
   * @param log the request log these records belong to
   * @param header the log format's header line (CSV), or null
   */
  UnwrittenRecords(Path log, String header) {
    this.log = log;
    this.header = header;
  }

  /** The sibling file of {@code log} that holds its unwritten records. */
  public static Path fileFor(Path log) {
    return log.resolveSibling(log.getFileName() + SUFFIX);
  }

  /** Keeps {@code records} whole records, {@code data[from, to)}; the first reason is kept. */
  void add(Utf8Buffer data, int from, int to, long records, String why) {
    if (records == 0) {
      return;
    }
    try {
      data.writeRange(bytes, from, to);
    } catch (IOException e) {
      throw new IllegalStateException("a ByteArrayOutputStream does not fail", e);
    }
    count += records;
    if (reason == null) {
      reason = why;
    }
  }

  /** How many records the log could not take. */
  public long count() {
    return count;
  }

  /** Where the records ended up, said for the user and the reports. */
  public record Saved(long count, Path file, String problem) {
    /** True when they are on stderr (no file could take them). */
    public boolean onStderr() {
      return file == null;
    }

    /** {@code LOG.unwritten}, or {@code stderr}. */
    public String place() {
      return file == null ? "stderr" : file.toString();
    }
  }

  /**
   * Saves the records to {@code LOG.unwritten} (appended), whole or not at all. Call once, after
   * the pool has terminated; then {@link #report} them.
   *
   * @return where they are, or null when there is nothing to save
   */
  public Saved save() {
    if (count == 0) {
      return null;
    }
    if (!Files.isRegularFile(log)) {
      // A device or a pipe (-o /dev/full, -o /dev/stdout): a sibling file would land in /dev or
      // beside a pipe, and the next run would try to add it to something that is not a file.
      return new Saved(count, null, "the log is not a regular file");
    }
    Path file = fileFor(log);
    try {
      appendWhole(file, bytes.toByteArray(), header);
      return new Saved(count, file, null);
    } catch (IOException e) {
      return new Saved(count, null, OutputException.describe(e));
    }
  }

  /**
   * Tells the user where the records are. When no file could take them they are printed here, after
   * one line that says how many follow and where they belong, so print this last.
   */
  public void report(Saved saved, PrintWriter err) {
    String records = count == 1 ? "1 record" : count + " records";
    String cannot = "batchsend: " + records + " could not be written to " + log + " (" + reason;
    if (saved.onStderr()) {
      err.println(
          cannot
              + ") nor to "
              + fileFor(log)
              + " ("
              + saved.problem()
              + "); "
              + (count == 1 ? "it follows" : "they follow")
              + ": append "
              + (count == 1 ? "it" : "them")
              + " to "
              + log
              + " before --resume");
      err.print(bytes.toString(StandardCharsets.UTF_8));
    } else {
      err.println(
          cannot
              + "); "
              + (count == 1 ? "it is" : "they are")
              + " in "
              + saved.file()
              + ", which the next run with this log (--resume included) adds to it first");
    }
    err.flush();
  }

  /**
   * Appends {@code data} to {@code file} whole or not at all: a write cut short is cut back off, so
   * no file is left holding part of a record. A new or empty file gets {@code header} first.
   */
  private static void appendWhole(Path file, byte[] data, String header) throws IOException {
    boolean existed = Files.exists(file);
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      FileChannel channel = out.getChannel();
      long before = channel.size();
      try {
        if (before == 0 && header != null) {
          out.write(header.getBytes(StandardCharsets.UTF_8));
        }
        out.write(data);
      } catch (IOException e) {
        try {
          channel.truncate(before);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (IOException e) {
      if (!existed) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
  }

  /**
   * Adds the records an earlier run left in {@code LOG.unwritten} to the end of {@code log} and
   * deletes that file, so that {@code --resume} and {@code report} see them. Call before the log is
   * read or opened. A copy cut short is cut back off the log and the file is kept.
   *
   * @return how many bytes were moved (0 when there was no such file)
   * @throws OutputException when the log cannot take them (exit 3, nothing sent)
   */
  public static long restore(Path log) {
    Path file = fileFor(log);
    if (!Files.isRegularFile(file) || (Files.exists(log) && !Files.isRegularFile(log))) {
      return 0;
    }
    try {
      byte[] data = Files.readAllBytes(file);
      // Into a new or empty log the whole file goes, header included.
      if (data.length > 0 && Files.exists(log) && Files.size(log) > 0) {
        data = withoutHeader(data);
        if (endsWithoutNewline(log)) {
          data = prefixNewline(data);
        }
      }
      if (data.length > 0) {
        appendToLog(log, data);
      }
      Files.delete(file);
      return data.length;
    } catch (IOException e) {
      throw new OutputException(
          "cannot add " + file + " to the request log " + log + ": " + OutputException.describe(e),
          e);
    }
  }

  private static void appendToLog(Path log, byte[] data) throws IOException {
    try (FileOutputStream out = new FileOutputStream(log.toFile(), true)) {
      FileChannel channel = out.getChannel();
      long before = channel.size();
      try {
        out.write(data);
      } catch (IOException e) {
        try {
          channel.truncate(before);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  /** The CSV header line is dropped when the log already has one. */
  private static byte[] withoutHeader(byte[] data) {
    String columns = CsvRecordFormat.COLUMNS;
    String start =
        new String(data, 0, Math.min(data.length, columns.length()), StandardCharsets.UTF_8);
    if (!start.equals(columns)) {
      return data;
    }
    int newline = columns.length();
    while (newline < data.length && data[newline] != '\n') {
      newline++;
    }
    int from = Math.min(data.length, newline + 1);
    byte[] rest = new byte[data.length - from];
    System.arraycopy(data, from, rest, 0, rest.length);
    return rest;
  }

  private static byte[] prefixNewline(byte[] data) {
    byte[] out = new byte[data.length + 1];
    out[0] = '\n';
    System.arraycopy(data, 0, out, 1, data.length);
    return out;
  }

  private static boolean endsWithoutNewline(Path path) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      if (file.length() == 0) {
        return false;
      }
      file.seek(file.length() - 1);
      return file.read() != '\n';
    }
  }
}
