package io.batchsend.template;

import io.batchsend.text.JsonText;

/** Writes a substituted value in the form its context needs: URL, JSON string, form or raw. */
@FunctionalInterface
public interface ValueEncoder {
  /** Appends {@code value}, encoded, to {@code out}. */
  void encode(String value, StringBuilder out);

  /** No encoding: the value as it is (header values, plain-text bodies). */
  ValueEncoder RAW = (value, out) -> out.append(value);

  /** RFC 3986 percent-encoding of UTF-8, everything but unreserved characters escaped. */
  ValueEncoder URL = Encoding::percentEncode;

  /** {@code application/x-www-form-urlencoded}: like {@link #URL} but a space is {@code +}. */
  ValueEncoder FORM = Encoding::formEncode;

  /** The inside of a JSON string: quotes, backslashes and control characters escaped. */
  ValueEncoder JSON = JsonText::escape;
}
