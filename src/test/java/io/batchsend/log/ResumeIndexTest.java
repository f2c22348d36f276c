package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
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
        ItemResult.builder(Item.line(index, item))
            .request("GET", "http://h/x")
            .status(ok ? 200 : 500)
            .attempts(1)
            .nanos(1000)
            .failure(ok ? null : new Failure(FailureKind.STATUS, "500"))
            .build(),
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
