package io.batchsend.input;

import io.batchsend.config.InputSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV (RFC 4180) whose header row names the fields, one record at a time: strict UTF-8
 * whatever the locale, a leading BOM dropped, blank lines skipped without taking an index.
 *
 * <p>Records are found line by line (a line break inside quotes continues the record), so line
 * numbers are physical lines and only one record is held in memory. Each record's text is then
 * parsed by Commons CSV, and the item's text is the record printed again as one RFC 4180 line.
 */
public final class CsvItemReader implements ItemReader {
  // RFC 4180 both ways: parsing one record's text, and printing values back as one line.
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  /** One record's physical text and where it starts, or why it cannot be read. */
  private record Raw(long line, String text, MalformedInputException problem) {}

  private final InputStream in;
  private final Utf8LineSplitter lines;
  private final boolean malformedIsItem;
  private final CsvQuotes quotes = new CsvQuotes();
  // A record longer than this (a quote left open, or simply too much) is refused: memory stays
  // bounded by it, not by the input.
  private final long maxRecord;
  private List<String> header = List.of();
  private Set<String> fieldNames = Set.of();
  private String headerLine;
  private long index;
  private long itemLine;

  private CsvItemReader(InputStream in, boolean malformedIsItem, long maxRecord) {
    this.in = in;
    this.lines = new Utf8LineSplitter(in, maxRecord);
    this.malformedIsItem = malformedIsItem;
    this.maxRecord = maxRecord;
  }

  /**
   * Opens a reader and reads the header row. An empty input has no fields and no items.
   *
   * @param in the bytes to read; closed with this reader, or at once when the header is bad
   * @param malformedIsItem true to turn a malformed record into a malformed item (a stream), false
   *     to throw {@link MalformedInputException} (a file, checked before anything is sent)
   * @throws MalformedInputException for a header that cannot be read or has an empty or duplicate
   *     column name, whatever {@code malformedIsItem} says: without it nothing can be read
   */
  public static CsvItemReader open(InputStream in, boolean malformedIsItem) throws IOException {
    return open(in, malformedIsItem, InputSpec.DEFAULT_MAX_LINE);
  }

  /** As {@link #open(InputStream, boolean)}, refusing a record of more than {@code maxRecord}. */
  public static CsvItemReader open(InputStream in, boolean malformedIsItem, long maxRecord)
      throws IOException {
    CsvItemReader reader = new CsvItemReader(in, malformedIsItem, maxRecord);
    try {
      reader.readHeader();
      return reader;
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void readHeader() throws IOException {
    Raw raw = nextRecord();
    if (raw == null) {
      return;
    }
    List<String> names = valuesOf(raw);
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.isBlank()) {
        throw new MalformedInputException(
            raw.line(), "empty column name in the header (column " + (i + 1) + ")");
      }
      if (!seen.add(name)) {
        throw new MalformedInputException(
            raw.line(), "duplicate column name '" + name + "' in the header");
      }
    }
    header = List.copyOf(names);
    fieldNames = Collections.unmodifiableSet(seen);
    headerLine = FORMAT.format(names.toArray());
  }

  @Override
  public Item next() throws IOException {
    Raw raw = nextRecord();
    if (raw == null) {
      return null;
    }
    itemLine = raw.line();
    long itemIndex = ++index;
    try {
      List<String> values = valuesOf(raw);
      if (values.size() != header.size()) {
        throw new MalformedInputException(
            raw.line(), plural(values.size(), "field") + " where the header has " + header.size());
      }
      Map<String, String> fields = new LinkedHashMap<>(header.size() * 2);
      for (int i = 0; i < values.size(); i++) {
        fields.put(header.get(i), values.get(i));
      }
      return new Item(
          itemIndex, FORMAT.format(values.toArray()), Collections.unmodifiableMap(fields), null);
    } catch (MalformedInputException e) {
      if (!malformedIsItem) {
        throw e;
      }
      return Item.malformed(itemIndex, raw.text(), e.getMessage());
    }
  }

  /**
   * The next record's lines, joined by {@code \n}; null at the end of the input. A problem found
   * while reading (invalid UTF-8, an open quote) is returned, not thrown, so that a stream can go
   * on at the next line.
   */
  private Raw nextRecord() throws IOException {
    StringBuilder text = null;
    long start = 0;
    while (true) {
      String line;
      try {
        line = lines.nextLine();
      } catch (MalformedInputException e) {
        return new Raw(e.lineNumber(), "", e);
      }
      if (line == null) {
        if (text == null) {
          return null;
        }
        return problem(
            start,
            text.toString(),
            "malformed quote: no closing quote before the end of the input");
      }
      if (text == null) {
        if (line.isBlank()) {
          continue;
        }
        start = lines.lineNumber();
        text = new StringBuilder(line);
        quotes.reset();
      } else {
        text.append(line);
      }
      if (!quotes.continuesAfter(line)) {
        return quotes.problem() == null
            ? new Raw(start, text.toString(), null)
            : problem(start, text.toString(), quotes.problem());
      }
      // The line break is inside a quoted field, so it is data: put back exactly as it was.
      text.append(lines.droppedCr() ? "\r\n" : "\n");
      if (text.length() > maxRecord) {
        return new Raw(start, "", new LineTooLongException(start, "record", maxRecord));
      }
    }
  }

  private static Raw problem(long line, String text, String reason) {
    return new Raw(line, text, new MalformedInputException(line, reason));
  }

  private static List<String> valuesOf(Raw raw) throws MalformedInputException {
    if (raw.problem() != null) {
      throw raw.problem();
    }
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(raw.text(), FORMAT)) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException e) {
      // CsvQuotes has already refused what Commons CSV refuses; this is a second line of defence.
      throw new MalformedInputException(raw.line(), "malformed CSV record");
    }
    if (records.size() != 1) {
      throw new MalformedInputException(raw.line(), "malformed CSV record");
    }
    return records.get(0).toList();
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  @Override
  public Set<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public long lineNumber() {
    return itemLine;
  }

  /** The header row as one CSV line, or null for an empty input. */
  @Override
  public String headerLine() {
    return headerLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
