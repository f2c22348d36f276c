package io.batchsend.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.batchsend.config.Shard;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardItemReaderTest {
  private static ItemReader lines(String text) {
    return new LineItemReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false);
  }

  private static List<Item> all(ItemReader reader) throws IOException {
    List<Item> items = new ArrayList<>();
    for (Item item; (item = reader.next()) != null; ) {
      items.add(item);
    }
    return items;
  }

  @Test
  void keepsTheShardsItemsWithTheirIndexInTheWholeInput() throws IOException {
    List<Item> items = all(ShardItemReader.of(lines("a\nb\nc\nd\ne\nf\ng\n"), new Shard(2, 3)));
    assertEquals(List.of(Item.line(2, "b"), Item.line(5, "e")), items);
  }

  @Test
  void blankLinesTakeNoIndexSoShardsFollowTheItems() throws IOException {
    List<Item> items = all(ShardItemReader.of(lines("a\n\nb\n \nc\nd\n"), new Shard(2, 2)));
    assertEquals(List.of(Item.line(2, "b"), Item.line(4, "d")), items);
  }

  @Test
  void withoutAShardTheReaderIsUnchanged() {
    ItemReader reader = lines("a\n");
    assertSame(reader, ShardItemReader.of(reader, null));
  }
}
