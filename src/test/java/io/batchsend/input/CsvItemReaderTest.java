package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.PrefixThenFail;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvItemReaderTest {
  private static List<Item> readAll(byte[] bytes, boolean malformedIsItem) throws IOException {
    List<Item> items = new ArrayList<>();
    try (CsvItemReader r = CsvItemReader.open(new ByteArrayInputStream(bytes), malformedIsItem)) {
      Item item;
      while ((item = r.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static List<Item> read(String csv) throws IOException {
    return readAll(utf8(csv), false);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static MalformedInputException malformed(String csv) {
    return assertThrows(MalformedInputException.class, () -> read(csv));
  }

  @Test
  void headerRowNamesTheFieldsInOrder() throws IOException {
    try (CsvItemReader r = CsvItemReader.open(new ByteArrayInputStream(utf8("id,name\n")), false)) {
      assertEquals(List.of("id", "name"), List.copyOf(r.fieldNames()));
      assertNull(r.next());
    }
  }

  @Test
  void quotedCommasAndNewlinesStayInOneField() throws IOException {
    List<Item> items = read("id,name\n1,\"Smith, Jo\"\n2,\"first\nsecond\"\n");
    assertEquals(2, items.size());
    assertEquals(Map.of("id", "1", "name", "Smith, Jo"), items.get(0).fields());
    assertEquals("1,\"Smith, Jo\"", items.get(0).text());
    assertEquals("first\nsecond", items.get(1).fields().get("name"));
    assertEquals("2,\"first\nsecond\"", items.get(1).text());
  }

  @Test
  void doubledQuotesBecomeOneQuoteAndAreDoubledAgainInTheText() throws IOException {
    Item item = read("id,q\n1,\"say \"\"hi\"\"\"\n").get(0);
    assertEquals("say \"hi\"", item.fields().get("q"));
    assertEquals("1,\"say \"\"hi\"\"\"", item.text());
  }

  @Test
  void textIsTheRecordPrintedAgainAsOneRfc4180Line() throws IOException {
    Item item = read("a,b,c,d\nplain, padded ,,\"x\"\n").get(0);
    assertEquals(Map.of("a", "plain", "b", " padded ", "c", "", "d", "x"), item.fields());
    assertEquals("plain,\" padded \",,x", item.text());
  }

  @Test
  void strayQuoteInsideAnUnquotedFieldIsData() throws IOException {
    Item item = read("size\n5\" screen\n").get(0);
    assertEquals("5\" screen", item.fields().get("size"));
    assertEquals("\"5\"\" screen\"", item.text());
  }

  @Test
  void blankLinesAreSkippedAndTakeNoIndexButStayInsideQuotes() throws IOException {
    List<Item> items = read("\n\nid,note\n\n1,\"a\n\nb\"\n   \n2,c\n\n");
    assertEquals(2, items.size());
    assertEquals(1, items.get(0).index());
    assertEquals("a\n\nb", items.get(0).fields().get("note"));
    assertEquals(2, items.get(1).index());
    assertEquals("c", items.get(1).fields().get("note"));
  }

  @Test
  void crlfLineEndsAreDroppedButACrlfInsideQuotesIsData() throws IOException {
    List<Item> items = read("id,note\r\n1,x\r\n2,\"a\r\nb\"\r\n");
    assertEquals("x", items.get(0).fields().get("note"));
    assertEquals("a\r\nb", items.get(1).fields().get("note"));
  }

  @Test
  void carriageReturnInsideQuotesIsDataAndOutsideIsMalformed() throws IOException {
    assertEquals("a\rb", read("note\n\"a\rb\"\n").get(0).fields().get("note"));
    assertEquals(
        "line 3: carriage return outside quotes", malformed("note\nok\na\rb\n").getMessage());
  }

  @Test
  void leadingByteOrderMarkIsDropped() throws IOException {
    try (CsvItemReader r =
        CsvItemReader.open(new ByteArrayInputStream(utf8("\uFEFFid,name\n1,x\n")), false)) {
      assertEquals(List.of("id", "name"), List.copyOf(r.fieldNames()));
      assertEquals("1", r.next().fields().get("id"));
    }
  }

  @Test
  void decodesUtf8WhateverTheLocale() throws IOException {
    assertEquals("中文 é 😀", read("v\n中文 é 😀\n").get(0).fields().get("v"));
  }

  @Test
  void lineNumberOfALaterMalformedRecordCountsEmbeddedNewlines() {
    MalformedInputException e = malformed("id,note\n1,\"a\nb\nc\"\n\n2,x,extra\n");
    assertEquals(6, e.lineNumber());
    assertEquals("line 6: 3 fields where the header has 2", e.getMessage());
  }

  @Test
  void lineNumberIsWhereTheRecordStarts() throws IOException {
    try (CsvItemReader r =
        CsvItemReader.open(new ByteArrayInputStream(utf8("id,n\n\n1,\"a\nb\"\n2,c\n")), false)) {
      r.next();
      assertEquals(3, r.lineNumber());
      r.next();
      assertEquals(5, r.lineNumber());
    }
  }

  @Test
  void tooFewFieldsIsMalformed() {
    assertEquals("line 3: 1 field where the header has 2", malformed("a,b\n1,2\n3\n").getMessage());
  }

  @Test
  void unclosedQuoteNamesTheLineWhereTheRecordStarts() {
    MalformedInputException e = malformed("id,note\n1,ok\n2,\"open\nmore\nand more\n");
    assertEquals(3, e.lineNumber());
    assertTrue(e.getMessage().contains("no closing quote"), e.getMessage());
  }

  @Test
  void textAfterAClosingQuoteIsMalformed() {
    MalformedInputException e = malformed("id,note\n1,\"say \"hi\"\"\n");
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().contains("malformed quote"), e.getMessage());
  }

  @Test
  void spaceAfterAClosingQuoteIsAllowed() throws IOException {
    assertEquals("x", read("a,b\n\"x\" ,y\n").get(0).fields().get("a"));
  }

  @Test
  void malformedRecordOnAStreamBecomesAMalformedItemAndReadingGoesOn() throws IOException {
    List<Item> items = readAll(utf8("id,note\n1,a\n2,\"b\"x\n3,c,d\n4,e\n"), true);
    assertEquals(4, items.size());
    assertTrue(items.get(1).isMalformed());
    assertEquals(2, items.get(1).index());
    assertEquals("2,\"b\"x", items.get(1).text());
    assertTrue(
        items.get(1).problem().startsWith("line 3: malformed quote"), items.get(1).problem());
    assertEquals("line 4: 3 fields where the header has 2", items.get(2).problem());
    assertFalse(items.get(3).isMalformed());
    assertEquals(4, items.get(3).index());
  }

  @Test
  void invalidUtf8InAFileNamesThePhysicalLineEvenInsideQuotes() {
    byte[] bytes = concat(utf8("id,note\n1,\"a\nb"), new byte[] {(byte) 0xFF}, utf8("\"\n"));
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> readAll(bytes, false));
    assertEquals(3, e.lineNumber());
    assertEquals("line 3: invalid UTF-8", e.getMessage());
  }

  @Test
  void invalidUtf8OnAStreamBecomesAMalformedItemAndReadingGoesOn() throws IOException {
    byte[] bytes = concat(utf8("v\nok\nbad"), new byte[] {(byte) 0xC3}, utf8("\nnext\n"));
    List<Item> items = readAll(bytes, true);
    assertEquals(3, items.size());
    assertEquals("line 3: invalid UTF-8", items.get(1).problem());
    assertEquals("next", items.get(2).fields().get("v"));
  }

  @Test
  void duplicateColumnNameIsRejectedEvenOnAStream() {
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> readAll(utf8("\nid,id\n1,2\n"), true));
    assertEquals("line 2: duplicate column name 'id' in the header", e.getMessage());
  }

  @Test
  void emptyColumnNameIsRejected() {
    assertEquals(
        "line 1: empty column name in the header (column 2)", malformed("id,,x\n").getMessage());
  }

  @Test
  void emptyInputHasNoFieldsAndNoItems() throws IOException {
    try (CsvItemReader r = CsvItemReader.open(new ByteArrayInputStream(utf8("\n\n")), false)) {
      assertTrue(r.fieldNames().isEmpty());
      assertNull(r.headerLine());
      assertNull(r.next());
    }
  }

  @Test
  void headerLineReadsBackAsTheSameHeader() throws IOException {
    try (CsvItemReader r =
        CsvItemReader.open(new ByteArrayInputStream(utf8("id,\"a,b\",\"q\"\"\"\n")), false)) {
      assertEquals("id,\"a,b\",\"q\"\"\"", r.headerLine());
      assertEquals(List.of("id", "a,b", "q\""), List.copyOf(r.fieldNames()));
    }
  }

  @Test
  void failedItemsWrittenAsHeaderAndTextsReadBackTheSame() throws IOException {
    String csv = "id,note\n1,\"x, \"\"y\"\"\nz\"\n2,\u2028\n";
    List<Item> items = read(csv);
    StringBuilder rewritten;
    try (CsvItemReader r = CsvItemReader.open(new ByteArrayInputStream(utf8(csv)), false)) {
      rewritten = new StringBuilder(r.headerLine()).append('\n');
    }
    items.forEach(i -> rewritten.append(i.text()).append('\n'));
    assertEquals(items, read(rewritten.toString()));
  }

  @Test
  void readsOneRecordAtATimeWithoutWaitingForTheEnd() throws IOException {
    // A stream that fails if read past the first record proves the reader does not read ahead.
    InputStream firstRecordThenFail = new PrefixThenFail("id\n1\n");
    try (CsvItemReader r = CsvItemReader.open(firstRecordThenFail, true)) {
      assertEquals("1", r.next().text());
      assertThrows(IOException.class, r::next);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
