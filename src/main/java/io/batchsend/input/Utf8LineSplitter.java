package io.batchsend.input;

import io.batchsend.config.InputSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} only, decoding each as strict UTF-8 whatever the
 * platform locale. A trailing {@code \r} and a leading byte-order mark are dropped; U+2028 and a
 * lone {@code \r} are data. Knows the physical line number of the last line returned.
 *
 * <p>Memory is bounded by the longest line allowed, never by the input: past that many bytes a line
 * is no longer kept but skipped to its end, and then refused.
 */
final class Utf8LineSplitter {
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final int maxLine;
  private byte[] line = new byte[256];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNumber;
  private boolean droppedCr;

  /**
   * @param maxLine the most bytes a line may hold, its {@code \r\n} or {@code \n} not counted
   */
  Utf8LineSplitter(InputStream in, long maxLine) {
    if (maxLine < 1 || maxLine > InputSpec.MAX_MAX_LINE) {
      throw new IllegalArgumentException("maxLine out of range: " + maxLine);
    }
    this.in = in;
    this.maxLine = (int) maxLine;
  }

  /** How many bytes of a line are held at most now: for tests of the memory bound. */
  int lineCapacity() {
    return line.length;
  }

  /** The 1-based number of the line last returned by {@link #nextLine}. */
  long lineNumber() {
    return lineNumber;
  }

  /**
   * True when the line last returned ended in {@code \r\n}, whose {@code \r} was dropped: inside a
   * quoted CSV field the break is data and is put back as it was.
   */
  boolean droppedCr() {
    return droppedCr;
  }

  /**
   * The next line without its terminator, or null at the end of the stream.
   *
   * @throws LineTooLongException when the line holds more than the most bytes allowed; the stream
   *     is then past its end, so the next call reads the next line
   * @throws MalformedInputException when the line is not valid UTF-8
   */
  String nextLine() throws IOException {
    int length = 0;
    // One byte more than allowed is kept, for a \r that turns out to end the line.
    int keep = maxLine + 1;
    boolean tooLong = false;
    boolean sawAny = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          if (!sawAny) {
            return null;
          }
          break;
        }
      }
      sawAny = true;
      int start = pos;
      int newline = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      int chunk = end - start;
      if (!tooLong && length + chunk > keep) {
        tooLong = true;
      }
      if (!tooLong) {
        if (length + chunk > line.length) {
          line = Arrays.copyOf(line, Math.min(keep, Math.max(line.length * 2, length + chunk)));
        }
        System.arraycopy(buf, start, line, length, chunk);
        length += chunk;
      }
      if (newline >= 0) {
        pos = newline + 1;
        break;
      }
      pos = limit;
    }
    lineNumber++;
    int from = 0;
    if (lineNumber == 1
        && length >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      from = 3;
    }
    droppedCr = length > from && line[length - 1] == '\r';
    if (droppedCr) {
      length--;
    }
    if (tooLong || length - from > maxLine) {
      throw new LineTooLongException(lineNumber, maxLine);
    }
    return decode(from, length);
  }

  private String decode(int from, int to) throws MalformedInputException {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(line, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedInputException(lineNumber, "invalid UTF-8");
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      pos = 0;
      limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
