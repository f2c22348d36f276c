package io.batchsend.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream that serves {@code prefix} and then fails every read: a reader that returns its first
 * record from it has proved it does not read ahead.
 */
public final class PrefixThenFail extends InputStream {
  private final byte[] prefix;
  private int pos;

  public PrefixThenFail(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int read() throws IOException {
    if (pos < prefix.length) {
      return prefix[pos++] & 0xff;
    }
    throw new IOException("read too far");
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pos >= prefix.length) {
      throw new IOException("read too far");
    }
    int n = Math.min(len, prefix.length - pos);
    System.arraycopy(prefix, pos, b, off, n);
    pos += n;
    return n;
  }
}
