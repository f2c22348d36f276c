package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import io.batchsend.support.Fixture;
import io.batchsend.support.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
  private static final long TS = 1_795_539_600_123L; // 2026-11-24T17:00:00.123Z

  private static String format(RecordFormat f, ItemResult r) {
    StringBuilder sb = new StringBuilder();
    f.append(r, sb);
    return sb.toString();
  }

  private static ItemResult ok() {
    return ItemResult.builder(Item.line(1, "data1"))
        .request("GET", "http://127.0.0.1:8080/api?data=data1")
        .status(200)
        .attempts(1)
        .nanos(12_345_678)
        .bytes(2)
        .finishedAt(TS)
        .build();
  }

  private static ItemResult failed() {
    return ItemResult.builder(Item.line(2, "a\"b\tc\n"))
        .request("POST", "http://h/x")
        .attempts(3)
        .nanos(5_000_000)
        .failure(new Failure(FailureKind.TIMEOUT, "no response in time"))
        .finishedAt(TS)
        .build();
  }

  @Test
  void jsonlIsTheContractRecord() {
    assertEquals(
        "{\"ts\":\"2026-11-24T17:00:00.123Z\",\"index\":1,\"item\":\"data1\",\"method\":\"GET\","
            + "\"url\":\"http://127.0.0.1:8080/api?data=data1\",\"status\":200,\"ok\":true,"
            + "\"attempts\":1,\"ms\":12.35,\"bytes\":2,\"error\":null,"
            + "\"request\":\"GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\"}\n",
        format(new JsonlRecordFormat(LogFixtures.REQUEST), ok()));
  }

  @Test
  void jsonlFailureHasNullStatusAndErrorText() {
    assertEquals(
        "{\"ts\":\"2026-11-24T17:00:00.123Z\",\"index\":2,\"item\":\"a\\\"b\\tc\\n\",\"method\":\"POST\","
            + "\"url\":\"http://h/x\",\"status\":null,\"ok\":false,"
            + "\"attempts\":3,\"ms\":5.00,\"bytes\":0,\"error\":\"timeout: no response in time\","
            + "\"request\":\"GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\"}\n",
        format(new JsonlRecordFormat(LogFixtures.REQUEST), failed()));
  }

  @Test
  void textIsOneEscapedLine() {
    assertEquals(
        "2026-11-24T17:00:00.123Z  #2  FAILED  -  5.00ms  0B  3x  POST http://h/x  item=a\"b\\tc\\n"
            + "  error=timeout: no response in time  request=GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\n",
        format(new TextRecordFormat(LogFixtures.REQUEST), failed()));
    assertEquals(
        "2026-11-24T17:00:00.123Z  #1  ok  200  12.35ms  2B  1x  GET"
            + " http://127.0.0.1:8080/api?data=data1  item=data1  request=GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\n",
        format(new TextRecordFormat(LogFixtures.REQUEST), ok()));
  }

  @Test
  void csvHasTheJsonlFieldsWithEmptyCellsForNull() {
    assertEquals(
        "2026-11-24T17:00:00.123Z,1,data1,GET,http://127.0.0.1:8080/api?data=data1,200,true,1,"
            + "12.35,2,,GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\r\n",
        format(new CsvRecordFormat(LogFixtures.REQUEST), ok()));
    assertEquals(
        "2026-11-24T17:00:00.123Z,2,\"a\"\"b\tc\n\",POST,http://h/x,,false,3,5.00,0,"
            + "timeout: no response in time,GET u:84edd53a80b8 h:e3b0c44298fc b:3973e022e932\r\n",
        format(new CsvRecordFormat(LogFixtures.REQUEST), failed()));
  }

  @Test
  void csvQuotesCellsWithQuotesCommasAndLineBreaksOnly() {
    StringBuilder out = new StringBuilder();
    for (String cell : List.of("plain", "a,b", "say \"hi\"", "cr\rlf\n", "\"", "", "<&>\t")) {
      CsvRecordFormat.cell(cell, out);
      out.append('|');
    }
    assertEquals("plain|\"a,b\"|\"say \"\"hi\"\"\"|\"cr\rlf\n\"|\"\"\"\"||<&>\t|", out.toString());
  }

  @Test
  void csvHeaderIsTheContractColumnsEndedByCrlf() {
    assertEquals(
        "ts,index,item,method,url,status,ok,attempts,ms,bytes,error,request\r\n",
        new CsvRecordFormat(LogFixtures.REQUEST).header());
    assertEquals(null, new JsonlRecordFormat(LogFixtures.REQUEST).header());
  }

  @Test
  void csvOfAwkwardItemsMatchesGolden() {
    StringBuilder out = new StringBuilder(new CsvRecordFormat(LogFixtures.REQUEST).header());
    Fixture.results().forEach(r -> new CsvRecordFormat(LogFixtures.REQUEST).append(r, out));
    Golden.assertMatches("log.csv", out.toString());
  }
}
