package io.batchsend.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.batchsend.config.InputSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON Lines: one JSON object per non-blank line, strict UTF-8 whatever the locale. Every
 * top-level key is a field, and so is every key of a nested object under its dotted path ({@code
 * a.b}); the item's text is the object as compact JSON.
 *
 * <p>A string field is the string itself; a number, boolean or null its JSON text as written
 * (numbers are never rounded through a double); an object or array its compact JSON text. When two
 * paths spell the same name (a key {@code "a.b"} and a key {@code b} inside {@code a}), the first
 * in the line wins.
 */
public final class JsonlItemReader implements ItemReader {
  // A duplicate key would silently lose a value; it is an error instead.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final InputStream in;
  private final Utf8LineSplitter lines;
  private final boolean malformedIsItem;
  private final Set<String> fieldNames;
  private long index;
  private long readLine;
  private long itemLine;
  // The first item, read when the reader opens so that its keys name the fields; null once taken.
  private Item first;
  private final long firstLine;

  private JsonlItemReader(InputStream in, boolean malformedIsItem, long maxLine)
      throws IOException {
    this.in = in;
    this.lines = new Utf8LineSplitter(in, maxLine);
    this.malformedIsItem = malformedIsItem;
    this.first = read();
    this.firstLine = readLine;
    this.fieldNames = first == null || first.isMalformed() ? Set.of() : first.fields().keySet();
  }

  /**
   * Opens a reader and reads the first object, whose keys name the fields.
   *
   * @param in the bytes to read; closed with this reader, or at once when it cannot open
   * @param malformedIsItem true to turn a line that is not one JSON object into a malformed item (a
   *     stream), false to throw {@link MalformedInputException} (a file, checked before anything is
   *     sent)
   */
  public static JsonlItemReader open(InputStream in, boolean malformedIsItem) throws IOException {
    return open(in, malformedIsItem, InputSpec.DEFAULT_MAX_LINE);
  }

  /** As {@link #open(InputStream, boolean)}, refusing a line of more than {@code maxLine} bytes. */
  public static JsonlItemReader open(InputStream in, boolean malformedIsItem, long maxLine)
      throws IOException {
    try {
      return new JsonlItemReader(in, malformedIsItem, maxLine);
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public Item next() throws IOException {
    if (first != null) {
      Item item = first;
      first = null;
      itemLine = firstLine;
      return item;
    }
    Item item = read();
    if (item != null) {
      itemLine = readLine;
    }
    return item;
  }

  private Item read() throws IOException {
    while (true) {
      String line;
      try {
        line = lines.nextLine();
      } catch (MalformedInputException e) {
        if (!malformedIsItem) {
          throw e;
        }
        readLine = e.lineNumber();
        return Item.malformed(++index, "", e.getMessage());
      }
      if (line == null) {
        return null;
      }
      if (line.isBlank()) {
        continue;
      }
      readLine = lines.lineNumber();
      long itemIndex = ++index;
      try {
        return parse(itemIndex, line, readLine);
      } catch (MalformedInputException e) {
        if (!malformedIsItem) {
          throw e;
        }
        return Item.malformed(itemIndex, line, e.getMessage());
      }
    }
  }

  private static Item parse(long index, String line, long lineNumber) throws IOException {
    Fields fields = new Fields(4L * line.length() + KEY_CHARS_FREE);
    StringBuilder text = new StringBuilder(line.length());
    try (JsonParser p = JSON.createParser(line)) {
      JsonToken token = p.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw new MalformedInputException(lineNumber, "not a JSON object: " + describe(token));
      }
      value(p, null, fields, text);
      if (p.nextToken() != null) {
        throw new MalformedInputException(
            lineNumber,
            "more than one JSON value on the line (column "
                + p.currentLocation().getColumnNr()
                + ")");
      }
    } catch (StreamConstraintsException e) {
      // Jackson's limits (nesting depth, number length) keep a hostile line from exhausting the
      // stack or the heap; its exception carries no location.
      throw new MalformedInputException(lineNumber, limitExceeded(e));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at column " + at.getColumnNr();
      throw new MalformedInputException(lineNumber, "invalid JSON" + where + ": " + reason(e));
    } catch (FieldNamesTooLong e) {
      throw new MalformedInputException(
          lineNumber,
          "nested field names take more than "
              + e.budget
              + " characters (long names under long prefixes)");
    }
    String json = text.toString();
    return new Item(index, json, new SpanFields(json, fields.values), null);
  }

  /**
   * Writes the value at the parser's current token to {@code out} as compact JSON. With {@code
   * fields}, records the value under {@code path} (when not null) and an object's members under
   * {@code path.key}; values inside arrays are not fields. A string field is kept as the string;
   * any other value as its span in {@code out}, so that an object nested many levels deep is not
   * held once per level.
   */
  private static void value(JsonParser p, String path, Fields fields, StringBuilder out)
      throws IOException {
    // Claimed before the members, so that a parent is listed before its children.
    boolean owns = fields != null && path != null && fields.claim(path);
    int start = out.length();
    Object field = null;
    switch (p.currentToken()) {
      case START_OBJECT -> {
        out.append('{');
        boolean first = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(name, out).append(':');
          value(p, path == null ? name : path + '.' + name, fields, out);
        }
        out.append('}');
      }
      case START_ARRAY -> {
        out.append('[');
        boolean first = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (!first) {
            out.append(',');
          }
          first = false;
          value(p, null, null, out);
        }
        out.append(']');
      }
      case VALUE_STRING -> {
        String plain = p.getText();
        quote(plain, out);
        field = plain;
      }
      // The number as written: no rounding through a double, no change of notation.
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(p.getText());
      case VALUE_TRUE -> out.append("true");
      case VALUE_FALSE -> out.append("false");
      case VALUE_NULL -> out.append("null");
      default -> throw new IllegalStateException("unexpected JSON token " + p.currentToken());
    }
    if (owns) {
      fields.values.put(path, field != null ? field : new Span(start, out.length()));
    }
  }

  /**
   * Key characters allowed beyond four times the line's length: enough for one-letter names nested
   * as deep as Jackson allows (1,000 levels spell a million characters of dotted names).
   */
  private static final long KEY_CHARS_FREE = 2L << 20;

  /** The fields of one record being read, and the budget their dotted names spend. */
  private static final class Fields {
    final Map<String, Object> values = new LinkedHashMap<>();
    private long keyCharsLeft;
    private final long budget;

    Fields(long budget) {
      this.budget = budget;
      this.keyCharsLeft = budget;
    }

    /**
     * Claims {@code path} for a value; false when an earlier path spelled the same name. A dotted
     * name repeats its parents' names, so names can take far more memory than the line: past a
     * budget proportional to the line, the record is refused.
     */
    boolean claim(String path) throws FieldNamesTooLong {
      if (values.containsKey(path)) {
        return false;
      }
      keyCharsLeft -= path.length();
      if (keyCharsLeft < 0) {
        throw new FieldNamesTooLong(budget);
      }
      values.put(path, "");
      return true;
    }
  }

  private static final class FieldNamesTooLong extends IOException {
    private static final long serialVersionUID = 1L;
    final long budget;

    FieldNamesTooLong(long budget) {
      super("nested field names over budget");
      this.budget = budget;
    }
  }

  /** Where a value's compact JSON lies in the item's text. */
  private record Span(int start, int end) {}

  /**
   * The fields of an item: strings as read, other values cut from the item's text when asked for.
   * Immutable.
   */
  private static final class SpanFields extends AbstractMap<String, String> {
    private final String text;
    private final Map<String, Object> values;

    SpanFields(String text, Map<String, Object> values) {
      this.text = text;
      this.values = values;
    }

    @Override
    public String get(Object key) {
      return resolve(values.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
      return values.containsKey(key);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          Iterator<Entry<String, Object>> it = values.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, String> next() {
              Entry<String, Object> e = it.next();
              return new SimpleImmutableEntry<>(e.getKey(), resolve(e.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return values.size();
        }
      };
    }

    @Override
    public Set<String> keySet() {
      return Collections.unmodifiableSet(values.keySet());
    }

    private String resolve(Object value) {
      if (value instanceof Span span) {
        return text.substring(span.start(), span.end());
      }
      return (String) value;
    }

    /** Characters held beyond the item's text: the string fields. */
    long heldChars() {
      long n = text.length();
      for (Object v : values.values()) {
        if (v instanceof String s) {
          n += s.length();
        }
      }
      return n;
    }
  }

  /** For tests: the characters an item of this reader holds, its text included. */
  static long heldChars(Item item) {
    return ((SpanFields) item.fields()).heldChars();
  }

  private static StringBuilder quote(String s, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, out);
    return out.append('"');
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  private static String limitExceeded(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "nested deeper than " + JSON.streamReadConstraints().getMaxNestingDepth() + " levels";
    }
    return "invalid JSON: " + reason(e);
  }

  /** Jackson's reason on one line, without its source locations and hints about its settings. */
  private static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    for (String noise : new String[] {" (start marker at ", ": enable `", "\n"}) {
      int cut = message.indexOf(noise);
      if (cut > 0) {
        message = message.substring(0, cut);
      }
    }
    return message;
  }

  @Override
  public Set<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public long lineNumber() {
    return itemLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
