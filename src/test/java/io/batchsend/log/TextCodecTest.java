package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.LogFormat;
import io.batchsend.config.RequestSpec;
import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text codec reads back exactly what it wrote, whatever spaces and labels the data holds. */
class TextCodecTest {
  @TempDir Path dir;

  private static final List<String> AWKWARD =
      List.of(
          " leading",
          "trailing ",
          "a  b",
          "   ",
          "",
          "x  error=y",
          "z  request=" + LogFixtures.REQUEST.text(),
          "tab\there\\n",
          "ünï  cödé");

  @Test
  void itemsAndErrorsWithSpacesAndLabelsReadBackExactly() throws Exception {
    RecordFormat text = RecordFormat.of(LogFormat.TEXT, LogFixtures.REQUEST);
    StringBuilder out = new StringBuilder();
    List<ItemResult> written = new ArrayList<>();
    long index = 1;
    for (String s : AWKWARD) {
      written.add(
          ItemResult.builder(Item.line(index++, s))
              .request("GET", "http://h/ x")
              .status(200)
              .attempts(1)
              .build());
      written.add(
          ItemResult.builder(Item.line(index++, s))
              .request("POST", "http://h/")
              .status(500)
              .attempts(1)
              .failure(new Failure(FailureKind.STATUS, "500  " + s))
              .build());
    }
    written.forEach(r -> text.append(r, out));
    for (String line : out.toString().split("\n")) {
      String fields = line.substring(0, line.indexOf("  request="));
      assertFalse(fields.contains("   "), line);
    }
    Path log = Files.writeString(dir.resolve("awkward.log"), out, StandardCharsets.UTF_8);
    List<LogRecord> read = new ArrayList<>();
    LogReader.Counts counts = new LogReader().read(log, read::add);
    assertEquals(new LogReader.Counts(written.size(), 0), counts);
    for (int i = 0; i < written.size(); i++) {
      ItemResult r = read.get(i).toResult();
      assertEquals(written.get(i).item(), r.item());
      assertEquals(written.get(i).displayUrl(), r.displayUrl());
      ItemResult w = written.get(i);
      assertEquals(w.failure() == null ? null : w.failure().describe(), read.get(i).error());
      assertEquals(LogFixtures.REQUEST, read.get(i).request());
    }
  }

  @Test
  void aRequestWithAnyMethodTokenReadsBack() throws Exception {
    for (String method : List.of("purge", "M-SEARCH", "PROPFIND")) {
      RequestFingerprint request =
          RequestFingerprint.of(
              new RequestSpec(HttpMethod.parse(method), "http://h/{data}", List.of(), null));
      StringBuilder out = new StringBuilder();
      RecordFormat.of(LogFormat.TEXT, request)
          .append(
              ItemResult.builder(Item.line(1, "a"))
                  .request(method, "http://h/a")
                  .status(500)
                  .attempts(1)
                  .failure(new Failure(FailureKind.STATUS, "500"))
                  .build(),
              out);
      Path log = Files.writeString(dir.resolve(method + ".log"), out, StandardCharsets.UTF_8);
      List<LogRecord> read = new ArrayList<>();
      new LogReader().read(log, read::add);
      assertEquals(1, read.size(), out.toString());
      assertEquals(request, read.get(0).request(), out.toString());
      assertEquals(
          "status: 500", read.get(0).error(), "the request field is not part of the error");
    }
  }
}
