package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line break inside a quoted CSV field is data: kept exactly, {@code \r\n} included. */
class CsvQuotedCrlfTest {
  private static List<Item> read(String csv) throws IOException {
    List<Item> items = new ArrayList<>();
    try (CsvItemReader r =
        CsvItemReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false)) {
      Item item;
      while ((item = r.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  @Test
  void quotedCrLfIsKeptExactly() throws IOException {
    List<Item> items = read("id,text\r\n1,\"a\r\nb\"\r\n2,\"c\nd\"\r\n");
    assertEquals("a\r\nb", items.get(0).fields().get("text"));
    assertEquals("c\nd", items.get(1).fields().get("text"));
    assertEquals("1", items.get(0).fields().get("id"));
  }

  @Test
  void recordEndingInCrLfAfterAMultiLineFieldLosesOnlyItsTerminator() throws IOException {
    List<Item> items = read("id,text\n1,\"x\r\n\r\ny\"\r\n2,z\n");
    assertEquals("x\r\n\r\ny", items.get(0).fields().get("text"));
    assertEquals("z", items.get(1).fields().get("text"));
    assertEquals(2, items.size());
  }
}
