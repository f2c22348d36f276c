package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.PrefixThenFail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineItemReaderTest {
  private static List<Item> readAll(byte[] bytes, boolean malformedIsItem) throws IOException {
    List<Item> items = new ArrayList<>();
    try (LineItemReader r = new LineItemReader(new ByteArrayInputStream(bytes), malformedIsItem)) {
      Item item;
      while ((item = r.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static List<String> texts(String input) throws IOException {
    return readAll(input.getBytes(StandardCharsets.UTF_8), false).stream().map(Item::text).toList();
  }

  @Test
  void splitsOnNewlineOnlyAndDropsTrailingCarriageReturn() throws IOException {
    assertEquals(List.of("a", "b\rc", "d"), texts("a\r\nb\rc\nd\n"));
  }

  @Test
  void lastLineWithoutNewlineIsAnItem() throws IOException {
    assertEquals(List.of("a", "b"), texts("a\nb"));
  }

  @Test
  void dropsLeadingByteOrderMarkOnly() throws IOException {
    assertEquals(List.of("a", "\uFEFFb"), texts("\uFEFFa\n\uFEFFb\n"));
  }

  @Test
  void blankLinesTakeNoIndex() throws IOException {
    List<Item> items = readAll("\n\na\n \t \n\nb\n".getBytes(StandardCharsets.UTF_8), false);
    assertEquals(2, items.size());
    assertEquals(1, items.get(0).index());
    assertEquals(2, items.get(1).index());
    assertEquals("b", items.get(1).text());
  }

  @Test
  void lineNumberIsThePhysicalLineOfTheLastItem() throws IOException {
    byte[] bytes = "\n\na\n\nb\n".getBytes(StandardCharsets.UTF_8);
    try (LineItemReader r = new LineItemReader(new ByteArrayInputStream(bytes), false)) {
      assertEquals(0, r.lineNumber());
      r.next();
      assertEquals(3, r.lineNumber());
      r.next();
      assertEquals(5, r.lineNumber());
    }
  }

  @Test
  void lineSeparatorCharacterIsData() throws IOException {
    assertEquals(List.of("a\u2028b", "c\u0085d"), texts("a\u2028b\nc\u0085d\n"));
  }

  @Test
  void decodesMultiByteUtf8WhateverTheLocale() throws IOException {
    assertEquals(List.of("é", "中文", "😀"), texts("é\n中文\n😀\n"));
  }

  @Test
  void readsLinesLongerThanTheBuffer() throws IOException {
    String longLine = "x".repeat(200_000) + "é";
    assertEquals(List.of(longLine, "y"), texts(longLine + "\ny\n"));
  }

  @Test
  void invalidUtf8InAFileNamesThePhysicalLine() {
    byte[] bytes = {'a', '\n', '\n', 'b', (byte) 0xFF, '\n'};
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> readAll(bytes, false));
    assertEquals(3, e.lineNumber());
    assertTrue(e.getMessage().contains("line 3: invalid UTF-8"));
  }

  @Test
  void invalidUtf8OnAStreamBecomesAMalformedItemAndReadingGoesOn() throws IOException {
    byte[] bytes = {'a', '\n', (byte) 0xC3, '\n', 'c', '\n'};
    List<Item> items = readAll(bytes, true);
    assertEquals(3, items.size());
    assertTrue(items.get(1).isMalformed());
    assertEquals(2, items.get(1).index());
    assertEquals("c", items.get(2).text());
  }

  @Test
  void readsLazilyWithoutWaitingForTheEndOfTheStream() throws IOException {
    // A stream that fails if read past the first line proves the reader does not read ahead.
    InputStream firstLineThenFail = new PrefixThenFail("one\n");
    try (LineItemReader r = new LineItemReader(firstLineThenFail, true)) {
      assertEquals("one", r.next().text());
      assertThrows(IOException.class, r::next);
    }
  }

  @Test
  void emptyInputHasNoItems() throws IOException {
    try (LineItemReader r = new LineItemReader(new ByteArrayInputStream(new byte[0]), false)) {
      assertNull(r.next());
    }
  }
}
