package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchsend.config.LogFormat;
import io.batchsend.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV codec reads logs begun before the request column, and records appended to them. */
class CsvCodecTest {
  @TempDir Path dir;

  @Test
  void logBegunWithoutTheRequestColumnReadsOldAndAppendedRecords() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("old.csv"),
            "ts,index,item,method,url,status,ok,attempts,ms,bytes,error\r\n"
                + "2026-11-24T17:00:00.000Z,1,\"a,b\",GET,http://h/,200,true,1,1.00,2,\r\n",
            StandardCharsets.UTF_8);
    try (RequestLog append =
        RequestLog.open(log, RecordFormat.of(LogFormat.CSV, LogFixtures.REQUEST))) {
      append.accept(Fixture.results().get(1));
    }
    List<LogRecord> read = new ArrayList<>();
    new LogReader().read(log, read::add);
    assertEquals(2, read.size());
    assertEquals("a,b", read.get(0).item());
    assertNull(read.get(0).request());
    assertEquals(Fixture.results().get(1).item().text(), read.get(1).item());
    assertEquals(LogFixtures.REQUEST, read.get(1).request());
  }
}
