package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A JSON Lines record nested too deep is a malformed record naming its line, not a crash. */
class DeepJsonlTest {
  // The records here are up to 600 KB long: under a limit of their own, past the default.
  private static final long MIB = 1 << 20;

  private static String deep(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void objectNested100000DeepInAFileIsRefusedNamingTheLine() {
    String jsonl = "{\"a\":1}\n" + deep(100_000) + "\n";
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () -> {
              try (JsonlItemReader r = JsonlItemReader.open(bytes(jsonl), false, MIB)) {
                r.next();
                r.next();
              }
            });
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 2: nested deeper than"), e.getMessage());
  }

  @Test
  void arrayNested100000DeepOnAStreamIsThatItemsFailure() throws IOException {
    String jsonl =
        "{\"a\":1}\n{\"b\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}\n{\"a\":3}\n";
    try (JsonlItemReader r = JsonlItemReader.open(bytes(jsonl), true, MIB)) {
      r.next();
      Item deep = r.next();
      assertTrue(deep.isMalformed());
      assertTrue(deep.problem().startsWith("line 2: nested deeper than"), deep.problem());
      assertEquals("3", r.next().fields().get("a"));
    }
  }

  @Test
  void nestingWithinTheLimitIsRead() throws IOException {
    try (JsonlItemReader r = JsonlItemReader.open(bytes(deep(100) + "\n"), false)) {
      assertTrue(r.next().fields().containsKey("a.a.a"));
    }
  }

  @Test
  void nestedObjectsDoNotHoldTheirTextOncePerLevel() throws IOException {
    // 900 levels around a 100,000-character string: held once per level, 90 million characters.
    String leaf = "x".repeat(100_000);
    String line = "{\"a\":".repeat(900) + "\"" + leaf + "\"" + "}".repeat(900);
    try (JsonlItemReader r = JsonlItemReader.open(bytes(line + "\n"), false, MIB)) {
      Item item = r.next();
      String path = String.join(".", java.util.Collections.nCopies(900, "a"));
      assertEquals(leaf, item.fields().get(path));
      assertEquals(line.substring(5, line.length() - 1), item.fields().get("a"));
      assertTrue(
          JsonlItemReader.heldChars(item) < 3 * line.length(),
          "held " + JsonlItemReader.heldChars(item));
    }
  }

  @Test
  void longNamesUnderALongPrefixAreRefusedRatherThanRepeatedPerField() {
    String prefix = "{\"" + "p".repeat(2000) + "\":";
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    String line = prefix.repeat(20) + "{" + members + "}" + "}".repeat(20);
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () -> JsonlItemReader.open(bytes(line + "\n"), false, MIB).next());
    assertTrue(e.getMessage().contains("field names"), e.getMessage());
  }
}
