package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonlItemReaderTest {
  private static List<Item> readAll(byte[] bytes, boolean malformedIsItem) throws IOException {
    List<Item> items = new ArrayList<>();
    try (JsonlItemReader r =
        JsonlItemReader.open(new ByteArrayInputStream(bytes), malformedIsItem)) {
      Item item;
      while ((item = r.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static List<Item> read(String jsonl) throws IOException {
    return readAll(utf8(jsonl), false);
  }

  private static Item one(String line) throws IOException {
    List<Item> items = read(line + "\n");
    assertEquals(1, items.size());
    return items.get(0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static MalformedInputException malformed(String jsonl) {
    return assertThrows(MalformedInputException.class, () -> read(jsonl));
  }

  @Test
  void everyTopLevelKeyIsAFieldAndTheTextIsCompactJson() throws IOException {
    Item item = one("{ \"id\" : 7, \"name\" : \"Jo\" }");
    assertEquals(Map.of("id", "7", "name", "Jo"), item.fields());
    assertEquals("{\"id\":7,\"name\":\"Jo\"}", item.text());
  }

  @Test
  void nestedKeysAreAddressedWithDotsAndTheObjectIsRenderedAsJson() throws IOException {
    Item item =
        one("{\"user\": {\"name\": \"Jo\", \"address\": {\"city\": \"Oslo\", \"zip\": 150}}}");
    assertEquals("Jo", item.fields().get("user.name"));
    assertEquals("Oslo", item.fields().get("user.address.city"));
    assertEquals("150", item.fields().get("user.address.zip"));
    assertEquals("{\"city\":\"Oslo\",\"zip\":150}", item.fields().get("user.address"));
    assertEquals(
        List.of("user", "user.name", "user.address", "user.address.city", "user.address.zip"),
        List.copyOf(item.fields().keySet()),
        "a parent is listed before its children");
  }

  @Test
  void scalarsGiveTheirTextAndArraysTheirJson() throws IOException {
    Item item =
        one(
            "{\"s\":\"a \\\"q\\\" \\u00e9\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1, {\"x\": \"y\"}, []]}");
    assertEquals("a \"q\" é", item.fields().get("s"));
    assertEquals("true", item.fields().get("t"));
    assertEquals("false", item.fields().get("f"));
    assertEquals("null", item.fields().get("n"));
    assertEquals("[1,{\"x\":\"y\"},[]]", item.fields().get("a"));
    assertFalse(item.fields().containsKey("a.x"), "values inside arrays are not fields");
  }

  @Test
  void numbersKeepTheTextAsWritten() throws IOException {
    Item item = one("{\"a\":1.10,\"b\":1e2,\"c\":-0,\"d\":123456789012345678901234567890.5}");
    assertEquals("1.10", item.fields().get("a"));
    assertEquals("1e2", item.fields().get("b"));
    assertEquals("-0", item.fields().get("c"));
    assertEquals("123456789012345678901234567890.5", item.fields().get("d"));
    assertEquals(
        "{\"a\":1.10,\"b\":1e2,\"c\":-0,\"d\":123456789012345678901234567890.5}", item.text());
  }

  @Test
  void stringsWithControlCharactersStayOneLineInTheText() throws IOException {
    Item item = one("{\"v\":\"line1\\nline2\\ttab\\\\\"}");
    assertEquals("line1\nline2\ttab\\", item.fields().get("v"));
    assertEquals("{\"v\":\"line1\\nline2\\ttab\\\\\"}", item.text());
  }

  @Test
  void fieldNamesComeFromTheFirstObject() throws IOException {
    try (JsonlItemReader r =
        JsonlItemReader.open(
            new ByteArrayInputStream(utf8("\n{\"a\":1,\"b\":{\"c\":2}}\n{\"z\":1}\n")), false)) {
      assertEquals(List.of("a", "b", "b.c"), List.copyOf(r.fieldNames()));
    }
  }

  @Test
  void blankLinesAreSkippedAndTakeNoIndexAndLineNumbersArePhysical() throws IOException {
    try (JsonlItemReader r =
        JsonlItemReader.open(
            new ByteArrayInputStream(utf8("\n{\"i\":1}\r\n  \n\n{\"i\":2}")), false)) {
      Item a = r.next();
      assertEquals(1, a.index());
      assertEquals(2, r.lineNumber());
      Item b = r.next();
      assertEquals(2, b.index());
      assertEquals("2", b.fields().get("i"));
      assertEquals(5, r.lineNumber());
      assertNull(r.next());
    }
  }

  @Test
  void leadingByteOrderMarkAndCrlfAreDropped() throws IOException {
    assertEquals("{\"i\":1}", read("\uFEFF{\"i\":1}\r\n").get(0).text());
  }

  @Test
  void lineThatIsNotAnObjectIsMalformedWithItsLineNumber() {
    assertEquals("line 3: not a JSON object: an array", malformed("{}\n\n[1,2]\n").getMessage());
    assertEquals("line 1: not a JSON object: a string", malformed("\"text\"\n").getMessage());
    assertEquals("line 1: not a JSON object: a number", malformed("42\n").getMessage());
  }

  @Test
  void invalidJsonNamesTheLineAndColumnOnOneLine() {
    MalformedInputException e = malformed("{\"ok\":1}\n{\"a\":1\n");
    assertEquals(2, e.lineNumber());
    assertEquals(
        "line 2: invalid JSON at column 7: Unexpected end-of-input:"
            + " expected close marker for Object",
        e.getMessage());
    assertTrue(malformed("plain text\n").getMessage().startsWith("line 1: invalid JSON"));
  }

  @Test
  void aSecondValueOnTheLineIsMalformed() {
    assertTrue(
        malformed("{\"a\":1}{\"b\":2}\n").getMessage().startsWith("line 1: more than one JSON"));
    assertTrue(malformed("{\"a\":1} x\n").getMessage().startsWith("line 1: invalid JSON"));
  }

  @Test
  void duplicateKeyIsMalformed() {
    assertTrue(malformed("{\"a\":1,\"a\":2}\n").getMessage().contains("Duplicate field 'a'"));
  }

  @Test
  void invalidUtf8InAFileNamesThePhysicalLine() {
    byte[] bytes = {'{', '}', '\n', '\n', '{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> readAll(bytes, false));
    assertEquals("line 3: invalid UTF-8", e.getMessage());
  }

  @Test
  void malformedLinesOnAStreamBecomeMalformedItemsAndReadingGoesOn() throws IOException {
    byte[] bytes = {
      '{',
      '}',
      '\n',
      'x',
      '\n',
      '"',
      (byte) 0xC3,
      '"',
      '\n',
      '{',
      '"',
      'k',
      '"',
      ':',
      '1',
      '}',
      '\n'
    };
    List<Item> items = readAll(bytes, true);
    assertEquals(4, items.size());
    assertEquals("x", items.get(1).text());
    assertTrue(items.get(1).problem().startsWith("line 2: invalid JSON"), items.get(1).problem());
    assertEquals("line 3: invalid UTF-8", items.get(2).problem());
    assertEquals(3, items.get(2).index());
    assertEquals("1", items.get(3).fields().get("k"));
  }

  @Test
  void malformedFirstLineOnAStreamIsTheFirstItemAndNamesNoFields() throws IOException {
    try (JsonlItemReader r =
        JsonlItemReader.open(new ByteArrayInputStream(utf8("[]\n{}\n")), true)) {
      assertTrue(r.fieldNames().isEmpty());
      assertTrue(r.next().isMalformed());
      assertEquals(1, r.lineNumber());
    }
  }

  @Test
  void aKeyWithADotAndANestedKeyOfTheSameNameKeepTheFirst() throws IOException {
    assertEquals("1", one("{\"a.b\":1,\"a\":{\"b\":2}}").fields().get("a.b"));
    assertEquals("2", one("{\"a\":{\"b\":2},\"a.b\":1}").fields().get("a.b"));
  }

  @Test
  void emptyInputHasNoFieldsAndNoItems() throws IOException {
    try (JsonlItemReader r = JsonlItemReader.open(new ByteArrayInputStream(utf8("\n")), false)) {
      assertTrue(r.fieldNames().isEmpty());
      assertNull(r.headerLine());
      assertNull(r.next());
    }
  }

  @Test
  void readsOneLineAheadAtMost() throws IOException {
    // A stream that fails if read past the first line proves the reader does not read ahead.
    InputStream firstLineThenFail = new PrefixThenFail("{\"a\":1}\n");
    try (JsonlItemReader r = JsonlItemReader.open(firstLineThenFail, true)) {
      assertEquals("1", r.next().fields().get("a"));
      assertThrows(IOException.class, r::next);
    }
  }
}
