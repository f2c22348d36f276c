package io.batchsend.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Predicate;

/**
 * The items an earlier run already logged as ok ({@code --resume}), keyed by index and item text.
 *
 * <p>Small for millions of records: a bit per index plus a 32-bit hash of the item text, so an item
 * is skipped only when both its index and its text match an ok record. Reads JSONL and text logs;
 * lines it cannot read (a line torn by a crash) are ignored, so their items are sent again.
 */
public final class ResumeIndex implements Predicate<Item> {
  private static final JsonFactory JSON = new JsonFactory();

  private final BitSet ok = new BitSet();
  private int[] hashes = new int[1024];
  private long okCount;
  private long unreadable;

  private ResumeIndex() {}

  /**
   * Reads {@code log}; a missing file is an empty index (nothing done yet).
   *
   * @throws UsageException when the file exists but cannot be read
   */
  public static ResumeIndex read(Path log) {
    ResumeIndex index = new ResumeIndex();
    if (isCsv(log)) {
      return readCsv(log, index);
    }
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        index.add(line);
      }
    } catch (NoSuchFileException e) {
      return index;
    } catch (IOException e) {
      throw new UsageException("cannot read --log " + log + " to resume: " + e.getMessage(), e);
    }
    return index;
  }

  private static boolean isCsv(Path log) {
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      return first != null && first.startsWith(CsvRecordFormat.COLUMNS);
    } catch (IOException e) {
      return false; // read() reports what is wrong with the file
    }
  }

  /** CSV records may span lines (quoted line breaks), so they go through the log reader. */
  private static ResumeIndex readCsv(Path log, ResumeIndex index) {
    try {
      LogReader.Counts counts =
          new LogReader()
              .read(
                  log,
                  r -> {
                    if (r.ok()) {
                      index.put(r.item().index(), r.item().text());
                    }
                  });
      index.unreadable = counts.torn();
      return index;
    } catch (IOException e) {
      throw new UsageException("cannot read --log " + log + " to resume: " + e.getMessage(), e);
    } catch (MalformedLogException e) {
      throw new UsageException("cannot resume from --log " + log + ": " + e.getMessage(), e);
    }
  }

  private void add(String line) {
    if (line.isBlank()) {
      return;
    }
    boolean parsed = line.startsWith("{") ? addJson(line) : addText(line);
    if (!parsed) {
      unreadable++;
    }
  }

  private boolean addJson(String line) {
    long index = -1;
    String item = null;
    Boolean isOk = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "index" -> index = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          case "item" -> item = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "ok" -> isOk = value == JsonToken.VALUE_TRUE;
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    if (index < 1 || item == null || isOk == null) {
      return false;
    }
    if (isOk) {
      put(index, item);
    }
    return true;
  }

  /** A text record: {@code TS #N ok ... item=ESCAPED} (ok records carry no error field). */
  private boolean addText(String line) {
    String[] head = line.split(" {2}", 4);
    if (head.length < 4 || !head[1].startsWith("#")) {
      return false;
    }
    long index;
    try {
      index = Long.parseLong(head[1].substring(1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (!head[2].equals("ok")) {
      return head[2].equals("FAILED");
    }
    int at = line.indexOf("  item=");
    if (at < 0 || index < 1) {
      return false;
    }
    put(index, TextRecordFormat.unescape(line.substring(at + "  item=".length())));
    return true;
  }

  private void put(long index, String item) {
    if (index > Integer.MAX_VALUE - 8) {
      return; // beyond what one run can hold; such an item is simply sent again
    }
    int i = (int) index;
    if (i >= hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.max(i + 1, hashes.length * 2));
    }
    if (!ok.get(i)) {
      okCount++;
    }
    ok.set(i);
    hashes[i] = item.hashCode();
  }

  /** True when {@code item} was logged ok: it is skipped. */
  @Override
  public boolean test(Item item) {
    long index = item.index();
    return index < hashes.length
        && ok.get((int) index)
        && hashes[(int) index] == item.text().hashCode();
  }

  /** How many distinct items the log records as ok. */
  public long okCount() {
    return okCount;
  }

  /** Lines that could not be read (a torn last line, say). */
  public long unreadableLines() {
    return unreadable;
  }
}
