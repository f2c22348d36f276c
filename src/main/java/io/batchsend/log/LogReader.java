package io.batchsend.log;

import io.batchsend.config.LogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a request log of any format batchsend writes back into records, for --resume and {@code
 * batchsend report}. The format is told by the first non-blank text: {@code {} is JSON Lines, the
 * CSV header is CSV, a timestamp is text; each format's codec parses its records.
 *
 * <p>This is the one place torn records are handled. A crash can tear the record being written,
 * anywhere: inside a multi-byte character, a CSV quote, a JSON value. A bad last record is ignored.
 * A torn record can also sit inside a log that a later run appended to (the request log ends it and
 * starts the next record on a fresh line), so a record that looks cut short in the middle of a file
 * is skipped and counted too; any other bad record is an error naming the file and line.
 */
public final class LogReader {
  /** How far to look for the first non-blank character; a log never starts with more blanks. */
  private static final int SCAN_LIMIT = 1 << 16;

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

  /**
   * What reading one log found.
   *
   * @param records the records read
   * @param torn the torn records skipped
   */
  public record Counts(long records, long torn) {}

  /**
   * Reads every record of {@code file}, in order, into {@code sink}.
   *
   * @throws IOException when the file cannot be read
   * @throws MalformedLogException at a bad record that is not a torn one
   */
  public Counts read(Path file, Consumer<LogRecord> sink)
      throws IOException, MalformedLogException {
    try (BufferedReader in = open(file)) {
      String start = firstText(in);
      if (start == null) {
        return new Counts(0, 0);
      }
      LogFormat kind = detect(start);
      if (kind == null) {
        throw new MalformedLogException(
            file, 1, "not a batchsend request log (text, JSON Lines or CSV)");
      }
      return read(file, RecordFormat.forReading(kind).parser(in), sink);
    }
  }

  /**
   * The format of the log {@code file} holds, or null when it is missing, empty or not a log.
   *
   * @throws IOException when the file cannot be read
   */
  public static LogFormat formatOf(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (BufferedReader in = open(file)) {
      String start = firstText(in);
      return start == null ? null : detect(start);
    }
  }

  /**
   * Decoding replaces invalid UTF-8 rather than failing: a torn record may end inside a multi-byte
   * character, and it must be ignored, not reported.
   */
  private static BufferedReader open(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  private static LogFormat detect(String start) {
    if (start.startsWith("{")) {
      return LogFormat.JSONL;
    }
    if (List.of(start.split(",")).containsAll(List.of("ts", "index", "item"))) {
      return LogFormat.CSV; // the header, its columns in any order
    }
    return TIMESTAMP.matcher(start).matches() ? LogFormat.TEXT : null;
  }

  /**
   * The first non-blank line (up to 256 characters), or null for a blank file; leaves the reader
   * where it was, past a leading BOM, so that line numbers count from the top of the file.
   */
  private static String firstText(BufferedReader in) throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    in.mark(SCAN_LIMIT + 256);
    try {
      int c;
      int seen = 0;
      do {
        c = in.read();
      } while (c != -1 && Character.isWhitespace(c) && ++seen < SCAN_LIMIT);
      if (c == -1) {
        return null;
      }
      StringBuilder start = new StringBuilder().append((char) c);
      while (start.length() < 256 && (c = in.read()) != -1 && c != '\n') {
        start.append((char) c);
      }
      return start.toString();
    } finally {
      in.reset();
    }
  }

  private static Counts read(Path file, RecordParser parser, Consumer<LogRecord> sink)
      throws IOException, MalformedLogException {
    Deferred bad = new Deferred();
    long records = 0;
    while (true) {
      LogRecord r;
      try {
        r = parser.next();
      } catch (RecordParser.BadRecord e) {
        bad.nextRecord();
        MalformedLogException error = new MalformedLogException(file, e.line, e.getMessage());
        if (e.fatal && !e.cutShort) {
          throw error;
        }
        bad.set(error, e.cutShort);
        continue;
      }
      if (r == null) {
        break;
      }
      bad.nextRecord();
      sink.accept(r);
      records++;
    }
    bad.end();
    return new Counts(records, bad.torn);
  }

  /**
   * A bad record waits here until another record follows it: only then is it known not to be the
   * torn last one. A bad record that looks cut short is skipped and counted even then.
   */
  private static final class Deferred {
    private MalformedLogException error;
    private boolean cutShort;
    private long torn;

    void set(MalformedLogException e, boolean looksCutShort) {
      error = e;
      cutShort = looksCutShort;
    }

    /** Called before each record: settles the one before it. */
    void nextRecord() throws MalformedLogException {
      if (error == null) {
        return;
      }
      if (!cutShort) {
        throw error;
      }
      torn++;
      error = null;
    }

    /** At the end: a bad last record is the torn one. */
    void end() {
      if (error != null) {
        torn++;
        error = null;
      }
    }
  }
}
