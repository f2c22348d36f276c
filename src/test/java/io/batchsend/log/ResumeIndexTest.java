package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeIndexTest {
  @TempDir Path dir;

  private static String line(RecordFormat f, long index, String item, boolean ok) {
    StringBuilder sb = new StringBuilder();
    f.append(
        new ItemResult(
            Item.line(index, item),
            "GET",
            "http://h/x",
            ok ? 200 : 500,
            ok,
            1,
            1000,
            0,
            ok ? null : new Failure("status", "500"),
            0),
        sb);
    return sb.toString();
  }

  @Test
  void readsOkRecordsFromJsonlAndTextWithEscapedItems() throws Exception {
    for (RecordFormat f :
        new RecordFormat[] {
          new JsonlRecordFormat(LogFixtures.REQUEST),
          new TextRecordFormat(LogFixtures.REQUEST),
          new CsvRecordFormat(LogFixtures.REQUEST)
        }) {
      Path log = dir.resolve("log-" + f.getClass().getSimpleName());
      Files.writeString(
          log,
          (f.header() == null ? "" : f.header())
              + line(f, 1, "a\tb \\ \"c\"", true)
              + line(f, 2, "two", false)
              + line(f, 3, "é 中", true));
      ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, false);
      assertEquals(2, index.okCount(), f.getClass().getSimpleName());
      assertTrue(index.test(Item.line(1, "a\tb \\ \"c\"")));
      assertFalse(index.test(Item.line(2, "two")), "failed items are sent again");
      assertTrue(index.test(Item.line(3, "é 中")));
      assertFalse(index.test(Item.line(3, "other")), "same index, other item");
      assertFalse(index.test(Item.line(4, "x")));
    }
  }

  @Test
  void missingLogIsAnEmptyIndex() {
    assertEquals(0, ResumeIndex.read(dir.resolve("none"), LogFixtures.REQUEST, false).okCount());
  }

  @Test
  void tornLineIsIgnored() throws Exception {
    Path log = dir.resolve("log");
    Files.writeString(
        log, line(new JsonlRecordFormat(LogFixtures.REQUEST), 1, "a", true) + "{\"ts\":\"2026");
    ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, false);
    assertEquals(1, index.okCount());
    assertEquals(1, index.unreadableLines());
  }
}
