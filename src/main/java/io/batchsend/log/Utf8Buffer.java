package io.batchsend.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that takes text as UTF-8, copying ASCII characters directly: log records
 * are nearly all ASCII, and going through {@code String.getBytes} cost a copy per record. Not
 * thread-safe.
 */
final class Utf8Buffer {
  private byte[] bytes;
  private int size;

  Utf8Buffer(int capacity) {
    bytes = new byte[capacity];
  }

  void append(CharSequence text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        appendSlow(text.subSequence(i, n).toString());
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

  /** Writes everything in one call and empties the buffer, even when the write fails. */
  void writeTo(OutputStream out) throws IOException {
    try {
      out.write(bytes, 0, size);
    } finally {
      size = 0;
    }
  }
}
