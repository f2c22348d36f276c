package io.batchsend.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.Failure;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a request log written as JSON Lines or CSV back into results, for {@code batchsend report}.
 * The format is told by the first non-blank character: {@code {} means JSON Lines, anything else
 * must be the CSV header.
 *
 * <p>A crash can tear the record being written. A torn last record is ignored. A torn record can
 * also sit inside a log that a later run appended to (the request log starts the next record on a
 * fresh line), so a record cut short in the middle of a file is skipped and counted too; any other
 * bad record is an error naming the file and line.
 */
public final class LogReader {
  private static final List<String> COLUMNS = List.of(CsvRecordFormat.COLUMNS.split(","));

  /** How far to look for the first non-blank character; a log never starts with more blanks. */
  private static final int SCAN_LIMIT = 1 << 16;

  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
  public Counts read(Path file, Consumer<ItemResult> sink)
      throws IOException, MalformedLogException {
    // Decoding replaces invalid UTF-8 rather than failing: a torn last record may end inside a
    // multi-byte character, and it must be ignored, not reported.
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      int first = firstNonBlank(in);
      if (first == -1) {
        return new Counts(0, 0);
      }
      return first == '{' ? readJsonl(file, in, sink) : readCsv(file, in, sink);
    }
  }

  /**
   * The first character that is not blank or a BOM, or -1; leaves the reader where it was, past a
   * leading BOM, so that line numbers count from the top of the file.
   */
  private static int firstNonBlank(BufferedReader in) throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    in.mark(SCAN_LIMIT);
    try {
      for (int i = 0; i < SCAN_LIMIT; i++) {
        int c = in.read();
        if (c == -1 || !Character.isWhitespace(c)) {
          return c;
        }
      }
      return ' ';
    } finally {
      in.reset();
    }
  }

  private Counts readJsonl(Path file, BufferedReader in, Consumer<ItemResult> sink)
      throws IOException, MalformedLogException {
    Deferred bad = new Deferred();
    long lineNo = 0;
    long records = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      bad.nextRecord();
      ItemResult r;
      try {
        r = fromJson(json.readTree(line));
      } catch (JsonEOFException e) {
        bad.set(new MalformedLogException(file, lineNo, "record cut short"), true);
        continue;
      } catch (JsonProcessingException e) {
        String reason = "not a JSON object: " + e.getOriginalMessage();
        bad.set(new MalformedLogException(file, lineNo, reason), false);
        continue;
      } catch (IllegalArgumentException e) {
        bad.set(new MalformedLogException(file, lineNo, e.getMessage()), false);
        continue;
      }
      sink.accept(r);
      records++;
    }
    return new Counts(records, bad.torn);
  }

  private static ItemResult fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return result(
        text(node, "ts"),
        integral(node, "index"),
        text(node, "item"),
        text(node, "method"),
        text(node, "url"),
        field(node, "status").isNull() ? Attempt.NO_STATUS : (int) integral(node, "status"),
        bool(node, "ok"),
        (int) integral(node, "attempts"),
        number(node, "ms"),
        integral(node, "bytes"),
        field(node, "error").isNull() ? null : text(node, "error"));
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalArgumentException("field " + name + " is missing");
    }
    return value;
  }

  private static JsonNode typed(
      JsonNode node, String name, Predicate<JsonNode> isRight, String expected) {
    JsonNode v = field(node, name);
    if (!isRight.test(v)) {
      throw new IllegalArgumentException("field " + name + " is not " + expected);
    }
    return v;
  }

  private static String text(JsonNode node, String name) {
    return typed(node, name, JsonNode::isTextual, "a string").textValue();
  }

  private static long integral(JsonNode node, String name) {
    return typed(node, name, v -> v.isIntegralNumber() && v.canConvertToLong(), "a whole number")
        .longValue();
  }

  private static double number(JsonNode node, String name) {
    return typed(node, name, JsonNode::isNumber, "a number").doubleValue();
  }

  private static boolean bool(JsonNode node, String name) {
    return typed(node, name, JsonNode::isBoolean, "true or false").booleanValue();
  }

  private static Counts readCsv(Path file, Reader in, Consumer<ItemResult> sink)
      throws IOException, MalformedLogException {
    CsvTokenizer csv = new CsvTokenizer(in);
    CsvTokenizer.Row header = csv.next();
    while (header != null && isBlank(header)) {
      header = csv.next();
    }
    if (header == null) {
      return new Counts(0, 0);
    }
    int[] columns = columnsOf(header.cells());
    if (header.problem() != null || columns == null) {
      throw new MalformedLogException(
          file,
          header.line(),
          "not a JSON Lines or CSV request log (a CSV log starts with the header "
              + CsvRecordFormat.COLUMNS
              + "; text logs cannot be read back)");
    }
    Deferred bad = new Deferred();
    long records = 0;
    CsvTokenizer.Row row;
    while ((row = csv.next()) != null) {
      if (isBlank(row)) {
        continue;
      }
      bad.nextRecord();
      if (row.problem() != null) {
        // An unterminated quote swallows every later line, so it is torn only at the very end.
        bad.set(new MalformedLogException(file, row.line(), row.problem()), false);
      } else if (row.cells().size() < header.cells().size()) {
        bad.set(new MalformedLogException(file, row.line(), "record cut short"), true);
      } else {
        ItemResult r;
        try {
          r = fromCsv(row.cells(), columns);
        } catch (IllegalArgumentException e) {
          bad.set(new MalformedLogException(file, row.line(), e.getMessage()), false);
          continue;
        }
        sink.accept(r);
        records++;
      }
    }
    return new Counts(records, bad.torn);
  }

  private static boolean isBlank(CsvTokenizer.Row row) {
    return row.cells().size() == 1 && row.cells().get(0).isBlank() && row.problem() == null;
  }

  /** For each of our columns, its position in {@code header}; null when one is missing. */
  private static int[] columnsOf(List<String> header) {
    int[] positions = new int[COLUMNS.size()];
    Arrays.fill(positions, -1);
    for (int i = 0; i < header.size(); i++) {
      int column = COLUMNS.indexOf(header.get(i).strip());
      if (column >= 0) {
        positions[column] = i;
      }
    }
    return Arrays.stream(positions).allMatch(p -> p >= 0) ? positions : null;
  }

  private static ItemResult fromCsv(List<String> cells, int[] col) {
    String status = cells.get(col[5]);
    String ok = cells.get(col[6]);
    String error = cells.get(col[10]);
    if (!ok.equals("true") && !ok.equals("false")) {
      throw new IllegalArgumentException("ok is not true or false: " + ok);
    }
    return result(
        cells.get(col[0]),
        parseLong("index", cells.get(col[1])),
        cells.get(col[2]),
        cells.get(col[3]),
        cells.get(col[4]),
        status.isEmpty() ? Attempt.NO_STATUS : (int) parseLong("status", status),
        ok.equals("true"),
        (int) parseLong("attempts", cells.get(col[7])),
        parseDouble("ms", cells.get(col[8])),
        parseLong("bytes", cells.get(col[9])),
        error.isEmpty() ? null : error);
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number: " + value, e);
    }
  }

  private static double parseDouble(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }

  /** Checks one record's fields and builds its result. */
  private static ItemResult result(
      String ts,
      long index,
      String item,
      String method,
      String url,
      int status,
      boolean ok,
      int attempts,
      double ms,
      long bytes,
      String error) {
    if (index < 1) {
      throw new IllegalArgumentException("index must be >= 1: " + index);
    }
    if (status != Attempt.NO_STATUS && (status < 100 || status > 999)) {
      throw new IllegalArgumentException("status is not an HTTP status: " + status);
    }
    if (attempts < 0 || bytes < 0 || !(ms >= 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("attempts, ms and bytes must not be negative");
    }
    if (ok != (error == null)) {
      throw new IllegalArgumentException(
          ok ? "an ok record has an error" : "a failed record has no error");
    }
    return ItemResult.builder(Item.line(index, item))
        .request(method, url)
        .status(status)
        .attempts(attempts)
        .nanos(Math.round(ms * 1_000_000))
        .bytes(bytes)
        .failure(error == null ? null : Failure.parse(error))
        .finishedAt(Timestamps.parse(ts))
        .build();
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
  }
}
