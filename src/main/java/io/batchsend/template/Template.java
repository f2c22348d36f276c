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
 * field, {@code {+NAME}} the same with RFC 6570 reserved expansion in a URL (reserved characters
 * such as {@code /} kept), {@code ${VAR}} an environment variable (resolved when parsed, shown as
 * {@code ***}), {@code {{} and {@code }}} literal braces. A {@code {} not followed by a letter,
 * digit, {@code _} or {@code +} and one of those is literal, so JSON bodies such as {@code {"id":
 * "{id}"}} need no escaping. Substituted values, environment values included, are encoded for
 * their context and never expanded again.
 */
public final class Template {
  /** The placeholder for the whole item. */
  public static final String DATA = "data";

  /** The placeholder for the item's 1-based index. */
  public static final String INDEX = "index";

  /**
   * The variable {@code ${AUTH}}: the token of {@code --auth-command}, given at each render (it
   * changes during the run), never read from the environment.
   */
  public static final String AUTH = "AUTH";

  private sealed interface Part permits Literal, Field, Env, Auth {}

  private record Literal(String text) implements Part {}

  /**
   * A placeholder.
   *
   * @param inJsonString true when it stands between the quotes of a JSON string in the template
   */
  private record Field(String name, boolean inJsonString, boolean reserved) implements Part {}

  /**
   * A {@code ${VAR}}: encoded like an item value, unless it stands where a URL's scheme, host or
   * port goes ({@code ${API_BASE}/users}), which only the user's own configuration can give.
   *
   * @param raw true to insert the value as it is
   */
  private record Env(String name, String value, boolean inJsonString, boolean raw)
      implements Part {}

  /**
   * The {@code ${AUTH}} token: encoded like an item value wherever it stands, shown as {@code ***}.
   */
  private record Auth(boolean inJsonString) implements Part {}

  private final String source;
  private final String where;
  private final List<Part> parts;
  private final boolean hasEnv;
  private final boolean hasFields;
  private final boolean hasAuth;

  private Template(String source, String where, List<Part> parts) {
    this.source = source;
    this.where = where;
    this.parts = List.copyOf(parts);
    this.hasAuth = parts.stream().anyMatch(p -> p instanceof Auth);
    this.hasEnv = hasAuth || parts.stream().anyMatch(p -> p instanceof Env);
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
      } else if (c == '{' && startsPlaceholder(text, i + 1)) {
        int close = text.indexOf('}', i + 1);
        int nextOpen = text.indexOf('{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          throw new UsageException("unclosed '{' at position " + (i + 1) + " in " + where);
        }
        flush(literal, parts, quotes);
        boolean reserved = text.charAt(i + 1) == '+';
        String name = text.substring(reserved ? i + 2 : i + 1, close);
        parts.add(new Field(name, quotes.inString(), reserved));
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
        if (name.equals(AUTH)) {
          flush(literal, parts, quotes);
          parts.add(new Auth(quotes.inString()));
          i = close + 1;
          continue;
        }
        String value = env.get(name);
        if (value == null) {
          throw new UsageException(
              "environment variable " + name + " is not set (used in " + where + ")");
        }
        flush(literal, parts, quotes);
        parts.add(new Env(name, value, quotes.inString(), false));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts, quotes);
    return new Template(text, where, parts);
  }

  /** True when {@code text} at {@code at} starts a placeholder's name, or {@code +} and a name. */
  private static boolean startsPlaceholder(String text, int at) {
    if (at < text.length() && text.charAt(at) == '+') {
      at++;
    }
    return at < text.length() && startsName(text.charAt(at));
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

  /** Where a part of a URL template stands. */
  private enum UrlPlace {
    SCHEME,
    AUTHORITY,
    REST
  }

  /**
   * True when the whole template is one placeholder, such as {@code {data}} or {@code {url}}: in a
   * URL, the item gives the whole URL.
   */
  public boolean isOnePlaceholder() {
    return parts.size() == 1 && parts.get(0) instanceof Field;
  }

  /** The name of the placeholder the template is made of; see {@link #isOnePlaceholder}. */
  public String onlyPlaceholder() {
    return ((Field) parts.get(0)).name();
  }

  /**
   * This template laid out as a URL: a {@code ${VAR}} standing in the scheme, host or port is
   * inserted as it is (a base URL from the user's own configuration), one anywhere else (userinfo,
   * path, query) is encoded like an item value.
   *
   * @param shown the template as it may be quoted in messages
   * @throws UsageException for an item placeholder in the scheme, host or port: a URL's origin
   *     comes from an item only when the whole template is one placeholder
   */
  Template asUrl(String shown) {
    if (isOnePlaceholder()) {
      return this;
    }
    List<Part> laidOut = new ArrayList<>(parts.size());
    // The URL so far, with every encoded value standing as "x": encoded values hold no delimiters.
    StringBuilder shape = new StringBuilder();
    for (int k = 0; k < parts.size(); k++) {
      Part p = parts.get(k);
      if (p instanceof Literal l) {
        laidOut.add(l);
        shape.append(l.text());
        continue;
      }
      UrlPlace place = placeAfter(shape.toString());
      boolean origin =
          place == UrlPlace.SCHEME || (place == UrlPlace.AUTHORITY && !userinfoFollows(k + 1));
      if (p instanceof Auth) {
        laidOut.add(p); // a token is never a scheme, host or port: always encoded
        shape.append('x');
      } else if (p instanceof Env e) {
        laidOut.add(new Env(e.name(), e.value(), e.inJsonString(), origin));
        shape.append(origin ? e.value() : "x");
      } else {
        Field f = (Field) p;
        if (origin) {
          throw new UsageException(
              "invalid --url '"
                  + shown
                  + "': {"
                  + f.name()
                  + "} stands in the scheme, host or port, which an item may give only as a whole"
                  + " URL: -u '{"
                  + f.name()
                  + "}'");
        }
        laidOut.add(f);
        shape.append('x');
      }
    }
    return new Template(source, where, laidOut);
  }

  private static UrlPlace placeAfter(String shape) {
    int scheme = shape.indexOf("://");
    int delimiter = indexOfAny(shape, 0);
    if (scheme < 0) {
      return delimiter < 0 ? UrlPlace.SCHEME : UrlPlace.REST;
    }
    if (delimiter >= 0 && delimiter < scheme) {
      return UrlPlace.REST;
    }
    return indexOfAny(shape, scheme + 3) < 0 ? UrlPlace.AUTHORITY : UrlPlace.REST;
  }

  /** True when an {@code @} follows in the authority: what stands before it is userinfo. */
  private boolean userinfoFollows(int from) {
    for (int k = from; k < parts.size(); k++) {
      if (parts.get(k) instanceof Literal l) {
        String t = l.text();
        int at = t.indexOf('@');
        int end = indexOfAny(t, 0);
        if (at >= 0 && (end < 0 || at < end)) {
          return true;
        }
        if (end >= 0) {
          return false;
        }
      }
    }
    return false;
  }

  /** The first of {@code / ? #}, which end a URL's authority, at or after {@code from}; or -1. */
  private static int indexOfAny(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return -1;
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

  /**
   * The values of the {@code ${VAR}} references, and each as it looks once encoded for a URL, a
   * form or a JSON string: secrets, never printed in any form.
   */
  public List<String> secrets() {
    Set<String> values = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Env e) {
        values.add(e.value());
        for (ValueEncoder encoder :
            List.of(ValueEncoder.URL, ValueEncoder.FORM, ValueEncoder.JSON)) {
          StringBuilder encoded = new StringBuilder();
          encoder.encode(e.value(), encoded);
          values.add(encoded.toString());
        }
      }
    }
    return List.copyOf(values);
  }

  /** True when the template reads the environment, whose values must not be shown. */
  public boolean hasSecrets() {
    return hasEnv;
  }

  /** True when the template uses {@code ${AUTH}}. */
  public boolean usesAuth() {
    return hasAuth;
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
    render(item, encoder, out, false, null);
  }

  /**
   * Renders for sending with {@code auth} as {@code ${AUTH}}.
   *
   * @param auth the current token, or null when none is known (then {@code ***} stands in its
   *     place: for checks and {@code --dry-run}, never for sending)
   */
  public void render(Item item, ValueEncoder encoder, StringBuilder out, String auth)
      throws RenderException {
    render(item, encoder, out, false, auth);
  }

  /**
   * Renders for showing: as {@link #render} but every {@code ${VAR}} value shown as {@code ***}.
   */
  public void renderForDisplay(Item item, ValueEncoder encoder, StringBuilder out)
      throws RenderException {
    render(item, encoder, out, true, null);
  }

  private void render(
      Item item, ValueEncoder encoder, StringBuilder out, boolean display, String auth)
      throws RenderException {
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Auth a) {
        if (display) {
          out.append(Redactor.MASK);
        } else {
          append(auth == null ? Redactor.MASK : auth, a.inJsonString(), false, encoder, out);
        }
      } else if (p instanceof Env e) {
        if (display) {
          out.append(Redactor.MASK);
        } else if (e.raw()) {
          out.append(e.value());
        } else {
          append(e.value(), e.inJsonString(), false, encoder, out);
        }
      } else {
        Field f = (Field) p;
        append(valueOf(item, f.name()), f.inJsonString(), f.reserved(), encoder, out);
      }
    }
  }

  /** One substituted value, item or environment alike, encoded for where it stands. */
  private static void append(
      String value,
      boolean inJsonString,
      boolean reserved,
      ValueEncoder encoder,
      StringBuilder out) {
    if (encoder == ValueEncoder.JSON && !inJsonString) {
      JsonValues.append(value, out);
    } else if (reserved && encoder == ValueEncoder.URL) {
      Encoding.reservedEncode(value, out);
    } else {
      encoder.encode(value, out);
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
