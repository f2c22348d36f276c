package io.batchsend.engine.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the subset of RFC 8941 structured fields that rate-limit headers use: a List of items or a
 * Dictionary, each member with parameters ({@code "default";r=0;t=2}, {@code limit=10,
 * remaining=0}). Tolerant: a server's header is input, so what cannot be read is left out, never an
 * exception.
 */
final class StructuredFields {
  private StructuredFields() {}

  /**
   * One member of a List or Dictionary.
   *
   * @param key the Dictionary key, lower case, or null for a List item
   * @param value the bare item, a string's quotes and escapes removed ({@code "?1"} for a key
   *     without a value)
   * @param params the parameters, keys in lower case, values as for {@code value}
   */
  record Member(String key, String value, Map<String, String> params) {
    Member {
      if (value == null) {
        throw new IllegalArgumentException("a member has a value");
      }
      params = Map.copyOf(params);
    }

    /** The parameter {@code name}, or null. */
    String param(String name) {
      return params.get(name);
    }
  }

  /** The members of {@code field} in order; empty when it is null or holds nothing readable. */
  static List<Member> parse(String field) {
    List<Member> members = new ArrayList<>();
    if (field == null) {
      return members;
    }
    for (String text : split(field, ',')) {
      Member m = member(text);
      if (m != null) {
        members.add(m);
      }
    }
    return members;
  }

  private static Member member(String text) {
    List<String> parts = split(text, ';');
    String head = parts.get(0).strip();
    if (head.isEmpty()) {
      return null;
    }
    String key = null;
    String value = head;
    int eq = topLevelEquals(head);
    if (eq >= 0) {
      key = head.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      value = head.substring(eq + 1).strip();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.size(); i++) {
      String p = parts.get(i).strip();
      if (p.isEmpty()) {
        continue;
      }
      int peq = topLevelEquals(p);
      String name = (peq < 0 ? p : p.substring(0, peq)).strip().toLowerCase(Locale.ROOT);
      String pv = peq < 0 ? "?1" : unquote(p.substring(peq + 1).strip());
      params.putIfAbsent(name, pv); // RFC 8941: a repeated parameter's last wins; a lying
      // server gains nothing either way, and the first is what a reader would see first.
    }
    return new Member(key, unquote(value), params);
  }

  /** {@code text} split at {@code separator} outside double-quoted strings. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }

  private static int topLevelEquals(String text) {
    if (text.startsWith("\"")) {
      return -1;
    }
    return text.indexOf('=');
  }

  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
