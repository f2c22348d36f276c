package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --max-line}: a line past the limit is refused, and never held whole. */
class MaxLineTest {
  private static final int KIB = 1024;

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code n} bytes of 'a', made as they are read, never held. */
  private static InputStream endless(long n) {
    return new InputStream() {
      private long left = n;

      @Override
      public int read() {
        return left-- > 0 ? 'a' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int count = (int) Math.min(len, left);
        Arrays.fill(b, off, off + count, (byte) 'a');
        left -= count;
        return count;
      }
    };
  }

  @Test
  void lineOfExactlyTheLimitIsReadAndOneByteMoreIsRefusedNamingLineAndLimit() throws IOException {
    String ok = "a".repeat(KIB);
    try (LineItemReader r = new LineItemReader(bytes(ok + "\r\n" + ok + "b\n"), false, KIB)) {
      assertEquals(ok, r.next().text());
      MalformedInputException e = assertThrows(LineTooLongException.class, r::next);
      assertEquals(2, e.lineNumber());
      assertEquals("line 2: line longer than --max-line=1KiB", e.getMessage());
    }
  }

  @Test
  void onAStreamATooLongLineIsThatItemsFailureAndReadingGoesOn() throws IOException {
    InputStream in =
        new SequenceInputStream(
            new SequenceInputStream(bytes("first\n"), endless(64L << 20)), bytes("\nlast\n"));
    try (LineItemReader r = new LineItemReader(in, true, KIB)) {
      Utf8LineSplitter splitter = splitterOf(r);
      assertEquals("first", r.next().text());
      Item big = r.next();
      assertTrue(big.isMalformed());
      assertEquals(2, big.index());
      assertEquals("line 2: line longer than --max-line=1KiB", big.problem());
      assertTrue(splitter.lineCapacity() <= KIB + 1, "held " + splitter.lineCapacity());
      Item last = r.next();
      assertEquals("last", last.text());
      assertEquals(3, last.index());
      assertEquals(3, r.lineNumber());
      assertNull(r.next());
    }
  }

  private static Utf8LineSplitter splitterOf(LineItemReader r) {
    try {
      var field = LineItemReader.class.getDeclaredField("lines");
      field.setAccessible(true);
      return (Utf8LineSplitter) field.get(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void csvRecordSpanningLinesPastTheLimitIsRefused() throws IOException {
    String note = ("x".repeat(600) + "\n").repeat(3);
    String csv = "id,note\n1,\"" + note + "\"\n";
    MalformedInputException e =
        assertThrows(
            LineTooLongException.class, () -> CsvItemReader.open(bytes(csv), false, KIB).next());
    assertEquals("line 2: record longer than --max-line=1KiB", e.getMessage());
  }

  @Test
  void csvPhysicalLinePastTheLimitOnAStreamIsAFailedItem() throws IOException {
    String csv = "id,note\n1,a\n2," + "y".repeat(2 * KIB) + "\n3,c\n";
    try (CsvItemReader r = CsvItemReader.open(bytes(csv), true, KIB)) {
      assertEquals("a", r.next().fields().get("note"));
      Item big = r.next();
      assertTrue(big.isMalformed());
      assertTrue(big.problem().contains("line longer than --max-line=1KiB"), big.problem());
      assertEquals("c", r.next().fields().get("note"));
    }
  }

  @Test
  void jsonLinesRecordPastTheLimitIsRefusedInAFileAndFailedOnAStream() throws IOException {
    String jsonl = "{\"a\":1}\n{\"a\":\"" + "z".repeat(2 * KIB) + "\"}\n{\"a\":3}\n";
    try (JsonlItemReader r = JsonlItemReader.open(bytes(jsonl), false, KIB)) {
      r.next();
      assertEquals(
          "line 2: line longer than --max-line=1KiB",
          assertThrows(LineTooLongException.class, r::next).getMessage());
    }
    try (JsonlItemReader r = JsonlItemReader.open(bytes(jsonl), true, KIB)) {
      List<Item> items = List.of(r.next(), r.next(), r.next());
      assertTrue(items.get(1).isMalformed());
      assertEquals("3", items.get(2).fields().get("a"));
    }
  }
}
