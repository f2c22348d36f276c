package io.batchsend.template;

import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text with placeholders, parsed once and rendered per item.
 *
 * <p>Syntax: {@code {data}} the whole item, {@code {index}} its position, {@code {NAME}} a named
 * field, {@code ${VAR}} an environment variable (resolved when parsed, shown as {@code ***}),
 * {@code {{} and {@code }}} literal braces. A {@code {} not followed by a letter, digit or {@code _}
 * is literal, so JSON bodies such as {@code {"id": "{id}"}} need no escaping. Substituted values
 * are never expanded again.
 */
public final class Template {
  /** The placeholder for the whole item. */
  public static final String DATA = "data";

  /** The placeholder for the item's 1-based index. */
  public static final String INDEX = "index";

  private sealed interface Part permits Literal, Field, Env {}

  private record Literal(String text) implements Part {}

  /**
   * A placeholder.
   *
   * @param inJsonString true when it stands between the quotes of a JSON string in the template
   */
  private record Field(String name, boolean inJsonString) implements Part {}

  private record Env(String name, String value) implements Part {}

  private final String source;
  private final String where;
  private final List<Part> parts;
  private final boolean hasEnv;
  private final boolean hasFields;

  private Template(String source, String where, List<Part> parts) {
    this.source = source;
    this.where = where;
    this.parts = List.copyOf(parts);
    this.hasEnv = parts.stream().anyMatch(p -> p instanceof Env);
    this.hasFields = parts.stream().anyMatch(p -> p instanceof Field);
  }

  /**
   * Parses {@code text}.
   *
   * @param where the option it came from, for messages ("--url", "header X-Id", "--body")
   * @param env the environment {@code ${VAR}} reads
   * @throws UsageException for an unclosed placeholder or an unset variable
   */
  public static Template parse(String text, String where, Map<String, String> env) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    JsonQuotes quotes = new JsonQuotes();
    // "}}" is an escape only where it closes a "{{"; elsewhere it is two braces, as at the end of
    // a nested JSON object such as {"user": {"name": "{data}"}}.
    int openEscapes = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < n && text.charAt(i + 1) == '{') {
        literal.append('{');
        openEscapes++;
        i += 2;
      } else if (c == '}' && i + 1 < n && text.charAt(i + 1) == '}' && openEscapes > 0) {
        literal.append('}');
        openEscapes--;
        i += 2;
      } else if (c == '{' && i + 1 < n && startsName(text.charAt(i + 1))) {
        int close = text.indexOf('}', i + 1);
        int nextOpen = text.indexOf('{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          throw new UsageException("unclosed '{' at position " + (i + 1) + " in " + where);
        }
        flush(literal, parts, quotes);
        parts.add(new Field(text.substring(i + 1, close), quotes.inString()));
        i = close + 1;
      } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new UsageException("unclosed '${' at position " + (i + 1) + " in " + where);
        }
        String name = text.substring(i + 2, close);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new UsageException("invalid environment variable name '" + name + "' in " + where);
        }
        String value = env.get(name);
        if (value == null) {
          throw new UsageException(
              "environment variable " + name + " is not set (used in " + where + ")");
        }
        flush(literal, parts, quotes);
        parts.add(new Env(name, value));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts, quotes);
    return new Template(text, where, parts);
  }

  private static boolean startsName(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static void flush(StringBuilder literal, List<Part> parts, JsonQuotes quotes) {
    quotes.scan(literal);
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  /** The placeholder names used, in order of first use. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Field f) {
        names.add(f.name());
      }
    }
    return names;
  }

  /** The values of the {@code ${VAR}} references: secrets, never printed. */
  public List<String> secrets() {
    List<String> values = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Env e) {
        values.add(e.value());
      }
    }
    return values;
  }

  /** True when the template reads the environment, whose values must not be shown. */
  public boolean hasSecrets() {
    return hasEnv;
  }

  /** True when rendering depends on the item. */
  public boolean dependsOnItem() {
    return hasFields;
  }

  /**
   * Checks that every placeholder is one the input provides.
   *
   * @throws UsageException naming the first unknown placeholder and what is available
   */
  public void requireKnown(Set<String> fieldNames, String inputKind) {
    for (String name : placeholders()) {
      if (!name.equals(DATA) && !name.equals(INDEX) && !fieldNames.contains(name)) {
        String available =
            fieldNames.isEmpty()
                ? "{data} and {index}"
                : "{data}, {index} and " + String.join(", ", braced(fieldNames));
        throw new UsageException(
            "unknown placeholder {"
                + name
                + "} in "
                + where
                + ": "
                + inputKind
                + " has "
                + available);
      }
    }
  }

  private static List<String> braced(Set<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add("{" + n + "}");
    }
    return out;
  }

  /**
   * Renders for sending: every placeholder replaced by the item's value, encoded.
   *
   * @throws RenderException when the item lacks a field the template uses
   */
  public void render(Item item, ValueEncoder encoder, StringBuilder out) throws RenderException {
    render(item, encoder, out, false);
  }

  /**
   * Renders for showing: as {@link #render} but every {@code ${VAR}} value shown as {@code ***}.
   */
  public void renderForDisplay(Item item, ValueEncoder encoder, StringBuilder out)
      throws RenderException {
    render(item, encoder, out, true);
  }

  private void render(Item item, ValueEncoder encoder, StringBuilder out, boolean display)
      throws RenderException {
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Env e) {
        out.append(display ? Redactor.MASK : e.value());
      } else {
        Field f = (Field) p;
        String value = valueOf(item, f.name());
        if (encoder == ValueEncoder.JSON && !f.inJsonString()) {
          JsonValues.append(value, out);
        } else {
          encoder.encode(value, out);
        }
      }
    }
  }

  private String valueOf(Item item, String name) throws RenderException {
    if (name.equals(DATA)) {
      return item.text();
    }
    if (name.equals(INDEX)) {
      return Long.toString(item.index());
    }
    String value = item.fields().get(name);
    if (value == null) {
      throw new RenderException(
          RenderException.Kind.MISSING, "item has no field {" + name + "} used in " + where);
    }
    return value;
  }

  /**
   * True when the template's text starts (after blanks) with a literal {@code {} or {@code [}: a
   * JSON object or array written in the template itself.
   */
  public boolean startsWithJsonLiteral() {
    if (parts.isEmpty() || !(parts.get(0) instanceof Literal l)) {
      return false;
    }
    String t = l.text().stripLeading();
    return t.startsWith("{") || t.startsWith("[");
  }

  /** True when the first thing in the template is a placeholder, e.g. a body of just {data}. */
  public boolean startsWithPlaceholder() {
    return !parts.isEmpty() && parts.get(0) instanceof Field;
  }

  /** The text as written, for messages. */
  public String source() {
    return source;
  }
}
