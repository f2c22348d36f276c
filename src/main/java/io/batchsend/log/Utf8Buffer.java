package io.batchsend.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that takes text as UTF-8, copying ASCII characters directly: log records
 * are nearly all ASCII, and going through {@code String.getBytes} cost a copy per record. The text
 * is first copied out of its builder in bulk: reading it a character at a time through {@code
 * charAt} cost a call and two checks per character in the launcher's C1-compiled code (2 % of a
 * 200,000-request profile). Not thread-safe.
 */
final class Utf8Buffer {
  private byte[] bytes;
  private int size;

  /** Reused for each appended text. */
  private char[] chars = new char[512];

  Utf8Buffer(int capacity) {
    bytes = new byte[capacity];
  }

  void append(StringBuilder text) {
    int n = text.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    text.getChars(0, n, chars, 0);
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c >= 0x80) {
        appendSlow(new String(chars, i, n - i));
        return;
      }
      bytes[size++] = (byte) c;
    }
  }

  private void appendSlow(String rest) {
    byte[] encoded = rest.getBytes(StandardCharsets.UTF_8);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, size, encoded.length);
    size += encoded.length;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Bytes held. */
  int size() {
    return size;
  }

  /**
   * Writes bytes {@code from} (inclusive) to {@code to} (exclusive) in one call and keeps them, so
   * that a caller whose write failed can still tell which bytes were lost.
   */
  void writeRange(OutputStream out, int from, int to) throws IOException {
    out.write(bytes, from, to - from);
  }

  void clear() {
    size = 0;
  }

  /** Writes everything in one call and empties the buffer, even when the write fails. */
  void writeTo(OutputStream out) throws IOException {
    try {
      out.write(bytes, 0, size);
    } finally {
      size = 0;
    }
  }
}
