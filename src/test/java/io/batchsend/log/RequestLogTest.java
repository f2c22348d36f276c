package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogTest {
  private static final String HEADER = CsvRecordFormat.COLUMNS + "\r\n";

  @TempDir Path dir;

  private void appendOne(Path file, int which) throws Exception {
    try (RequestLog log = RequestLog.open(file, new CsvRecordFormat(LogFixtures.REQUEST))) {
      log.accept(Fixture.results().get(which));
    }
  }

  @Test
  void csvHeaderIsWrittenOnceWhenAppendingToANonEmptyLog() throws Exception {
    Path file = dir.resolve("run.csv");
    appendOne(file, 0);
    appendOne(file, 1);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(0, text.indexOf(HEADER));
    assertEquals(-1, text.indexOf(HEADER, 1), text);
    assertEquals(3, text.split("\r\n").length, text);
  }

  @Test
  void csvHeaderIsWrittenToAnExistingEmptyFile() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.csv"));
    appendOne(file, 0);
    assertEquals(0, Files.readString(file, StandardCharsets.UTF_8).indexOf(HEADER));
  }
}
