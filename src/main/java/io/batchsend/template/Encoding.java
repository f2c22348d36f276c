package io.batchsend.template;

import java.nio.charset.StandardCharsets;

/** The escaping rules behind {@link ValueEncoder}, written for the per-request hot path. */
public final class Encoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final boolean[] UNRESERVED = new boolean[128];
  // RFC 6570 reserved expansion ({+name}) keeps these as well: a path fragment such as
  // "status/200" or "a;v=1" goes out as written. '#', '[' and ']' are still escaped: a value must
  // not cut the URL short at a fragment or look like an IPv6 literal.
  private static final boolean[] RESERVED_KEPT = new boolean[128];
  // A whole URL taken from the item keeps every character RFC 3986 allows anywhere in a URI.
  private static final boolean[] URI_KEPT = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      UNRESERVED[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      UNRESERVED[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      UNRESERVED[c] = true;
    }
    UNRESERVED['-'] = true;
    UNRESERVED['.'] = true;
    UNRESERVED['_'] = true;
    UNRESERVED['~'] = true;
    System.arraycopy(UNRESERVED, 0, RESERVED_KEPT, 0, 128);
    for (char c : "/?&=:@!$'()*+,;".toCharArray()) {
      RESERVED_KEPT[c] = true;
    }
    System.arraycopy(RESERVED_KEPT, 0, URI_KEPT, 0, 128);
    for (char c : "#[]".toCharArray()) {
      URI_KEPT[c] = true;
    }
  }

  private Encoding() {}

  /** Percent-encodes every UTF-8 byte of {@code value} that is not an RFC 3986 unreserved one. */
  public static void percentEncode(String value, StringBuilder out) {
    encode(value, out, false);
  }

  /** Form-encodes {@code value}: as {@link #percentEncode} but a space becomes {@code +}. */
  public static void formEncode(String value, StringBuilder out) {
    encode(value, out, true);
  }

  /**
   * RFC 6570 reserved expansion: as {@link #percentEncode} but the reserved characters {@code / ? &
   * = : @ ! $ ' ( ) * + , ;} and existing {@code %XX} triplets are kept.
   */
  public static void reservedEncode(String value, StringBuilder out) {
    encodeKeeping(value, out, RESERVED_KEPT);
  }

  /**
   * A whole URL: every character RFC 3986 allows in a URI and existing {@code %XX} triplets are
   * kept; a space, a control or non-ASCII character, a lone {@code %} and the like are escaped.
   */
  public static void uriEncode(String value, StringBuilder out) {
    encodeKeeping(value, out, URI_KEPT);
  }

  private static void encodeKeeping(String value, StringBuilder out, boolean[] kept) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 128 && kept[c]) {
        out.append(c);
      } else if (c == '%'
          && i + 2 < n
          && isHex(value.charAt(i + 1))
          && isHex(value.charAt(i + 2))) {
        out.append(value, i, i + 3);
        i += 2;
      } else if (c < 128) {
        appendByte(out, c);
      } else {
        // One code point, surrogate pairs included, through the UTF-8 encoder.
        int end = Character.isHighSurrogate(c) && i + 1 < n ? i + 2 : i + 1;
        for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          appendByte(out, b & 0xFF);
        }
        i = end - 1;
      }
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  private static void encode(String value, StringBuilder out, boolean spaceAsPlus) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 128 && UNRESERVED[c]) {
        out.append(c);
      } else if (c == ' ' && spaceAsPlus) {
        out.append('+');
      } else if (c < 128) {
        appendByte(out, c);
      } else {
        // Rare: encode the rest of the value through the UTF-8 encoder (handles surrogates).
        byte[] bytes = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
          int u = b & 0xFF;
          if (u < 128 && UNRESERVED[u]) {
            out.append((char) u);
          } else if (u == ' ' && spaceAsPlus) {
            out.append('+');
          } else {
            appendByte(out, u);
          }
        }
        return;
      }
    }
  }

  private static void appendByte(StringBuilder out, int b) {
    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
  }
}
