package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.support.Fixture;
import io.batchsend.support.Logs;
import io.batchsend.support.Tmpfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's and the --failed file's write-failure paths, on a real full disk (a small tmpfs). */
class RequestLogFailureTest {
  @TempDir Path dir;

  /** A record of about 400 bytes, so that a 4 KiB gap ends inside one. */
  private static ItemResult result(long index) {
    return Fixture.ok(index, "item" + index + "-" + "x".repeat(300), 200, 1_000_000, index);
  }

  private static Set<Long> indexes(List<JsonNode> records) {
    Set<Long> set = new TreeSet<>();
    for (JsonNode r : records) {
      assertTrue(set.add(r.get("index").asLong()), "recorded once: " + r);
    }
    return set;
  }

  @Test
  void writeThatFillsTheDiskKeepsWholeRecordsAndEveryOtherGoesToTheUnwrittenFile()
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 32)) {
      Path filler = disk.fillAllBut(4);
      Path file = disk.dir().resolve("run.log");
      RequestLog log = RequestLog.open(file, new JsonlRecordFormat(LogFixtures.REQUEST));
      for (long i = 1; i <= 20; i++) {
        log.accept(result(i));
      }
      IOException e = assertThrows(IOException.class, log::flush);
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      List<JsonNode> logged = Logs.jsonl(file); // whole lines only: the cut record is gone
      assertFalse(logged.isEmpty(), "the records that fitted stay");
      assertEquals(20, logged.size() + log.unwritten().count());

      Files.delete(filler); // space again, but the log takes nothing more in this run
      log.accept(result(21));
      log.flush();
      log.close();
      assertEquals(logged.size(), Logs.jsonl(file).size());
      assertEquals(21, logged.size() + log.unwritten().count());

      UnwrittenRecords.Saved saved = log.unwritten().save();
      assertNotNull(saved);
      assertEquals(UnwrittenRecords.fileFor(file), saved.file());
      Set<Long> all = indexes(logged);
      all.addAll(indexes(Logs.jsonl(saved.file())));
      assertEquals(21, all.size(), "every record is in exactly one of the two files");

      assertTrue(UnwrittenRecords.restore(file) > 0);
      assertFalse(Files.exists(saved.file()), "restored into the log");
      assertEquals(21, indexes(Logs.jsonl(file)).size());
    }
  }

  @Test
  void unwrittenRecordsThatNoFileTakesArePrintedInTheLogsFormatAfterAHeaderLine() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 32)) {
      disk.fillAllBut(4);
      Path file = disk.dir().resolve("run.log");
      RequestLog log = RequestLog.open(file, new JsonlRecordFormat(LogFixtures.REQUEST));
      for (long i = 1; i <= 20; i++) {
        log.accept(result(i));
      }
      assertThrows(IOException.class, log::flush);
      log.close();
      UnwrittenRecords.Saved saved = log.unwritten().save();
      assertTrue(saved.onStderr(), saved.toString());
      assertFalse(Files.exists(UnwrittenRecords.fileFor(file)), "no half-written rescue file");
      java.io.StringWriter err = new java.io.StringWriter();
      log.unwritten().report(saved, new java.io.PrintWriter(err));
      List<String> lines = err.toString().lines().toList();
      assertTrue(
          lines.get(0).startsWith("batchsend: " + saved.count() + " records could not be written"),
          lines.get(0));
      assertEquals(saved.count(), lines.size() - 1, err.toString());
      Path rescued = Logs.dataFile(dir, "rescued.jsonl", lines.subList(1, lines.size()));
      Set<Long> all = indexes(Logs.jsonl(file));
      all.addAll(indexes(Logs.jsonl(rescued)));
      assertEquals(20, all.size());
    }
  }

  @Test
  void failedFileCutShortByAFullDiskKeepsWholeLinesOnly() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 32)) {
      disk.fillAllBut(4);
      Path file = disk.dir().resolve("failed.txt");
      List<String> items = new ArrayList<>();
      try (FailedItemsWriter failed = FailedItemsWriter.open(file, null)) {
        IOException thrown = null;
        for (long i = 1; i <= 20 && thrown == null; i++) {
          String item = "item" + i + "-" + "y".repeat(1000);
          try {
            failed.accept(
                Fixture.failed(i, item, 503, 1, 1, new Failure(FailureKind.STATUS, "503"), i));
            items.add(item);
          } catch (IOException e) {
            thrown = e;
          }
        }
        assertNotNull(thrown, "the disk filled");
        failed.accept(
            Fixture.failed(21, "later", 503, 1, 1, new Failure(FailureKind.STATUS, "503"), 21));
        assertTrue(failed.problem().contains("2 failed item(s) not in it"), failed.problem());
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(String.join("\n", items) + "\n", text, "no line cut short");
    }
  }

  @Test
  void restoreAddsAnUnwrittenCsvFileToTheLogWithoutASecondHeader() throws Exception {
    Path file = dir.resolve("run.csv");
    try (RequestLog log = RequestLog.open(file, new CsvRecordFormat(LogFixtures.REQUEST))) {
      log.accept(Fixture.results().get(0));
    }
    Path rescued = UnwrittenRecords.fileFor(file);
    try (RequestLog other = RequestLog.open(rescued, new CsvRecordFormat(LogFixtures.REQUEST))) {
      other.accept(Fixture.results().get(1));
    }

    assertTrue(UnwrittenRecords.restore(file) > 0);

    assertFalse(Files.exists(rescued));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String header = new CsvRecordFormat(LogFixtures.REQUEST).header().strip();
    assertEquals(text.indexOf(header), text.lastIndexOf(header));
    List<Long> indexes = new ArrayList<>();
    new LogReader().read(file, r -> indexes.add(r.index()));
    assertEquals(List.of(1L, 2L), indexes, text);
  }

  @Test
  void restoreStartsTheRescuedRecordsOnALineOfTheirOwnAfterATornLastLine() throws Exception {
    Path file = Files.writeString(dir.resolve("run.log"), "{\"index\":1,\"item\":\"a\"}\n{\"ind");
    Files.writeString(UnwrittenRecords.fileFor(file), "{\"index\":2}\n");
    UnwrittenRecords.restore(file);
    assertEquals("{\"index\":1,\"item\":\"a\"}\n{\"ind\n{\"index\":2}\n", Files.readString(file));
  }

  @Test
  void restoreWithoutAnUnwrittenFileLeavesTheLogAlone() throws Exception {
    Path file = Files.writeString(dir.resolve("run.log"), "x\n");
    assertEquals(0, UnwrittenRecords.restore(file));
    assertEquals("x\n", Files.readString(file));
  }

  @Test
  void aLogThatIsADeviceLeavesNoUnwrittenFileBesideIt() throws Exception {
    Path device = Path.of("/dev/full");
    Path sibling = UnwrittenRecords.fileFor(device);
    if (!Files.exists(device) || Files.exists(sibling)) {
      return; // not Linux, or a leftover of an earlier run: nothing this test can prove here
    }
    try {
      RequestLog log = RequestLog.open(device, new JsonlRecordFormat(LogFixtures.REQUEST));
      log.accept(result(1));
      assertThrows(IOException.class, log::flush);
      UnwrittenRecords.Saved saved = log.unwritten().save();
      assertTrue(saved.onStderr(), "a device gets no sibling file: " + saved);
      assertFalse(Files.exists(sibling), sibling + " was created");
      assertEquals(0, UnwrittenRecords.restore(device));
    } finally {
      Files.deleteIfExists(sibling);
    }
  }
}
