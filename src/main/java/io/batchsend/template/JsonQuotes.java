package io.batchsend.template;

/**
 * Follows a template's literal text as JSON to tell whether a placeholder stands inside a string
 * ({@code "name": "{data}"}) or where a value goes ({@code "n": {index}}). Not thread-safe; used
 * while parsing.
 */
final class JsonQuotes {
  private boolean inString;
  private boolean escaped;

  /** Reads more literal text. */
  void scan(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\' && inString) {
        escaped = true;
      } else if (c == '"') {
        inString = !inString;
      }
    }
  }

  boolean inString() {
    return inString;
  }
}
