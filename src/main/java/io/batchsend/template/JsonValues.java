package io.batchsend.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.batchsend.text.JsonText;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A value placed where a JSON body expects a value, not inside a string: written as it is when it
 * is already JSON (a number, true/false/null, a JSON object or array from JSON Lines input), and as
 * a quoted JSON string otherwise, so the body is valid JSON whatever the item holds.
 */
final class JsonValues {
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  private JsonValues() {}

  static void append(String value, StringBuilder out) {
    if (isJson(value)) {
      out.append(value);
    } else {
      JsonText.quote(value, out);
    }
  }

  static boolean isJson(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    if (first == '{' || first == '[') {
      return isWholeJson(value);
    }
    return value.equals("true")
        || value.equals("false")
        || value.equals("null")
        || NUMBER.matcher(value).matches();
  }

  private static boolean isWholeJson(String value) {
    try (JsonParser p = Holder.FACTORY.createParser(value)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Jackson is loaded only when a body has an object or array to check. */
  private static final class Holder {
    static final JsonFactory FACTORY = new JsonFactory();
  }
}
