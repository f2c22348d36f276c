package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchsend.engine.ItemResult;
import io.batchsend.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String render(RecordFormat format, List<ItemResult> results) {
    StringBuilder sb = new StringBuilder(format.header() == null ? "" : format.header());
    results.forEach(r -> format.append(r, sb));
    return sb.toString();
  }

  private List<ItemResult> read(Path file) throws Exception {
    List<ItemResult> out = new ArrayList<>();
    new LogReader().read(file, r -> out.add(r.toResult()));
    return out;
  }

  /** What a log keeps of a result: the duration to the hundredth of a millisecond. */
  private static ItemResult asLogged(ItemResult r) {
    return ItemResult.builder(r.item())
        .request(r.method(), r.displayUrl())
        .status(r.status())
        .attempts(r.attempts())
        .nanos(Math.round(r.nanos() / 10_000.0) * 10_000)
        .bytes(r.bytes())
        .failure(r.failure())
        .finishedAt(r.finishedEpochMillis())
        .build();
  }

  @Test
  void jsonlReadsBackIntoTheSameResults() throws Exception {
    Path log =
        write("run.jsonl", render(new JsonlRecordFormat(LogFixtures.REQUEST), Fixture.results()));
    assertEquals(Fixture.results().stream().map(LogReaderTest::asLogged).toList(), read(log));
  }

  @Test
  void csvReadsBackIntoTheSameResultsQuotedLineBreaksIncluded() throws Exception {
    Path log =
        write("run.csv", render(new CsvRecordFormat(LogFixtures.REQUEST), Fixture.results()));
    assertEquals(Fixture.results().stream().map(LogReaderTest::asLogged).toList(), read(log));
  }

  @Test
  void csvWithLfLineEndsAndColumnsInAnotherOrderIsRead() throws Exception {
    Path log =
        write(
            "other.csv",
            "error,ok,ts,index,item,method,url,status,attempts,ms,bytes\n"
                + "status: 503,false,2026-11-24T17:00:00.000Z,4,x,GET,http://h/,503,1,2.50,0\n");
    ItemResult r = read(log).get(0);
    assertEquals(4, r.item().index());
    assertEquals("status: 503", r.failure().describe());
    assertEquals(2_500_000, r.nanos());
  }

  @Test
  void tornLastLineIsIgnored() throws Exception {
    String jsonl =
        render(new JsonlRecordFormat(LogFixtures.REQUEST), Fixture.results().subList(0, 2));
    String csv = render(new CsvRecordFormat(LogFixtures.REQUEST), Fixture.results().subList(0, 2));
    assertEquals(2, read(write("a.jsonl", jsonl + "{\"ts\":\"2026-11-2")).size());
    assertEquals(2, read(write("b.csv", csv + "2026-11-24T17:00:00.000Z,3,\"it")).size());
    assertEquals(2, read(write("c.csv", csv + "2026-11-24T17:00:00.000Z,3,it")).size());
    // Cut inside a multi-byte character: still only a torn line, not an error.
    byte[] bytes = (jsonl + "{\"item\":\"é").getBytes(StandardCharsets.UTF_8);
    Path cut =
        Files.write(dir.resolve("d.jsonl"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertEquals(2, read(cut).size());
  }

  @Test
  void tornRecordInsideALogAppendedToLaterIsSkippedAndCounted() throws Exception {
    List<ItemResult> results = Fixture.results();
    String text =
        render(new JsonlRecordFormat(LogFixtures.REQUEST), results.subList(0, 1))
            + "{\"ts\":\"2026-11-24T17:00:00.000Z\",\"index\":2,\"it\n"
            + render(new JsonlRecordFormat(LogFixtures.REQUEST), results.subList(1, 2));
    List<ItemResult> out = new ArrayList<>();
    LogReader.Counts counts =
        new LogReader().read(write("resumed.jsonl", text), r -> out.add(r.toResult()));
    assertEquals(new LogReader.Counts(2, 1), counts);
  }

  @Test
  void badLineElsewhereNamesFileAndLine() throws Exception {
    String good =
        render(new JsonlRecordFormat(LogFixtures.REQUEST), Fixture.results().subList(0, 1));
    Path log = write("bad.jsonl", good + "\n{\"ts\":1}\n" + good);
    MalformedLogException e = assertThrows(MalformedLogException.class, () -> read(log));
    assertEquals(log + ", line 3: field ts is not a string", e.getMessage());
  }

  @Test
  void okRecordWithAnErrorIsABadRecord() throws Exception {
    String csv =
        "ts,index,item,method,url,status,ok,attempts,ms,bytes,error"
            + "\r\n2026-11-24T17:00:00.000Z,1,x,GET,http://h/,200,true,1,1.00,2,oops\r\n"
            + "2026-11-24T17:00:00.000Z,2,y,GET,http://h/,200,true,1,1.00,2,\r\n";
    Path log = write("bad.csv", csv);
    MalformedLogException e = assertThrows(MalformedLogException.class, () -> read(log));
    assertEquals(log + ", line 2: an ok record has an error", e.getMessage());
  }

  @Test
  void textReadsBackIntoTheSameResultsAwkwardSpacesIncluded() throws Exception {
    Path log =
        write("run.log", render(new TextRecordFormat(LogFixtures.REQUEST), Fixture.results()));
    assertEquals(Fixture.results().stream().map(LogReaderTest::asLogged).toList(), read(log));
  }

  @Test
  void textLogOfAnOlderVersionIsRead() throws Exception {
    Path log =
        write(
            "old.log",
            "2026-11-24T17:00:00.123Z  #1  ok  200  12.35ms  2B  1x  GET http://h/  item=a  b\n"
                + "2026-11-24T17:00:00.123Z  #2  FAILED  -  1.00ms  0B  2x  GET http://h/  item=c"
                + "  error=timeout: slow\n");
    List<LogRecord> records = new ArrayList<>();
    new LogReader().read(log, records::add);
    assertEquals("a  b", records.get(0).item());
    assertEquals(null, records.get(0).request());
    assertEquals("c", records.get(1).item());
    assertEquals("timeout: slow", records.get(1).error());
  }

  @Test
  void emptyOrBlankLogHasNoRecords() throws Exception {
    assertEquals(List.of(), read(write("empty.jsonl", "")));
    assertEquals(List.of(), read(write("blank.csv", "\n \n")));
  }
}
