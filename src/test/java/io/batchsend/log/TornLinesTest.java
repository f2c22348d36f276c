package io.batchsend.log;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.LogFormat;
import io.batchsend.engine.ItemResult;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Fixture;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A log whose last record a crash tore (a full disk), in every format and at every kind of tear:
 * --resume and {@code report} ignore the torn record every time, and later records stay readable.
 */
class TornLinesTest {
  @TempDir Path dir;

  /** Answers 200 and remembers the items it was sent. */
  static final class Seen extends Dispatcher {
    final Set<String> items = new ConcurrentSkipListSet<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      items.add(request.getUrl().queryParameter("id"));
      return new MockResponse.Builder().code(200).build();
    }
  }

  private Result send(MockWebServer server, Path data, Path log, String format, String... more) {
    {
      List<String> args = new ArrayList<>(List.of("-u", Servers.url(server, "/a?id={data}")));
      args.addAll(List.of("-c", "1", "--retries", "0", "--log-format", format, "-o"));
      args.add(log.toString());
      args.addAll(Arrays.asList(more));
      args.add(data.toString());
      return cli().run(args.toArray(String[]::new));
    }
  }

  /**
   * Logs every item, then cuts the file inside the last record where {@code cut} is found, resumes
   * twice and reports: the torn item is sent once more, then never again.
   */
  @ParameterizedTest(name = "{0} torn at {1}")
  @CsvSource({
    "csv,   inside a multi-byte character",
    "csv,   inside a quoted item",
    "csv,   in the middle of a number",
    "jsonl, inside a multi-byte character",
    "jsonl, in the middle of a JSON value",
    "jsonl, inside a quoted item",
    "text,  inside a multi-byte character",
    "text,  inside the item",
    "text,  in the middle of a number",
  })
  void tornLastRecordIsIgnoredByEveryLaterResumeAndReport(String format, String where)
      throws Exception {
    List<String> items = List.of("a1", "a2", "a3, \"quoted\" Ünïcödé-€", "a4");
    Path data = Logs.dataFile(dir, "items.txt", items);
    Path log = dir.resolve("run.log");
    Seen seen = new Seen();
    try (MockWebServer server = Servers.start(seen)) {
      tearAndResume(server, seen, data, log, format, where, items);
    }
  }

  private void tearAndResume(
      MockWebServer server,
      Seen seen,
      Path data,
      Path log,
      String format,
      String where,
      List<String> items)
      throws Exception {
    Result first = send(server, data, log, format);
    assertEquals(0, first.exitCode(), first.toString());
    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, StandardCharsets.UTF_8);
    // The record of item 3 is moved last, so the tear falls inside it.
    List<String> lines = new ArrayList<>(text.lines().toList());
    String eol = format.equals("csv") ? "\r\n" : "\n";
    String rec3 = lines.stream().filter(l -> l.contains("Ünïcödé")).findFirst().orElseThrow();
    lines.remove(rec3);
    StringBuilder rebuilt = new StringBuilder();
    for (String l : lines) {
      rebuilt.append(l).append(eol);
    }
    byte[] head = rebuilt.toString().getBytes(StandardCharsets.UTF_8);
    byte[] last = rec3.getBytes(StandardCharsets.UTF_8);
    int cutAt =
        switch (where.strip()) {
          case "inside a multi-byte character" -> indexOf(last, "€") + 1;
          case "inside a quoted item", "inside the item" -> indexOf(last, "quoted");
          case "in the middle of a number", "in the middle of a JSON value" ->
              indexOf(last, "Z") - 3; // inside the timestamp's milliseconds
          default -> throw new IllegalArgumentException(where);
        };
    if (!where.strip().startsWith("in the middle")) {
      // Past the timestamp; for the multi-byte case the cut is inside the euro sign's bytes.
      assertTrue(cutAt > 30, where);
    }
    byte[] torn = new byte[head.length + cutAt];
    System.arraycopy(head, 0, torn, 0, head.length);
    System.arraycopy(last, 0, torn, head.length, cutAt);
    Files.write(log, torn);

    for (int run = 1; run <= 2; run++) {
      seen.items.clear();
      Result r = send(server, data, log, format, "--resume");
      assertEquals(0, r.exitCode(), "resume " + run + ": " + r);
      Set<String> expected = run == 1 ? Set.of(items.get(2)) : Set.of();
      assertEquals(expected, seen.items, "resume " + run + " sends only the torn item once");
      Result report = cli().run("report", log.toString());
      assertEquals(0, report.exitCode(), "report after resume " + run + ": " + report);
      assertTrue(report.err().contains("4 items: 4 ok"), report.err());
    }
  }

  /**
   * Cuts the last record at every byte, ends the file as the request log's opener does and appends
   * one more record: the reader gets every complete record, the torn one is counted, never an
   * error.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"JSONL", "CSV", "TEXT"})
  void everyCutOfTheLastRecordIsIgnoredAndTheNextRecordStaysReadable(LogFormat kind)
      throws Exception {
    List<ItemResult> all = Fixture.results();
    // Quotes and commas, a multi-line item, multi-byte characters: each in turn is torn.
    for (int torn : new int[] {1, 2, 5}) {
      RecordFormat format = RecordFormat.of(kind, LogFixtures.REQUEST);
      StringBuilder head = new StringBuilder(format.header() == null ? "" : format.header());
      format.append(all.get(0), head);
      format.append(all.get(3), head);
      StringBuilder last = new StringBuilder();
      format.append(all.get(torn), last);
      byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
      byte[] lastBytes = last.toString().getBytes(StandardCharsets.UTF_8);
      int eol = kind == LogFormat.CSV ? 2 : 1;
      for (int cut = 1; cut < lastBytes.length; cut++) {
        Path file = dir.resolve(kind + "-" + torn + "-" + cut);
        byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + cut);
        System.arraycopy(lastBytes, 0, bytes, headBytes.length, cut);
        Files.write(file, bytes);
        boolean complete = cut >= lastBytes.length - eol;
        String where = kind + " record " + torn + " cut at " + cut;
        List<LogRecord> read = new ArrayList<>();
        LogReader.Counts counts = new LogReader().read(file, read::add);
        assertEquals(complete ? 3 : 2, read.size(), where);

        try (RequestLog log = RequestLog.open(file, format)) {
          log.accept(all.get(6));
        }
        read.clear();
        counts = new LogReader().read(file, read::add);
        assertEquals(complete ? 4 : 3, read.size(), where);
        assertEquals(complete ? 0 : 1, counts.torn(), where);
        assertEquals(all.get(6).item(), read.get(read.size() - 1).toResult().item(), where);
        try (ResumeIndex index = ResumeIndex.read(file, LogFixtures.REQUEST, false)) {
          assertEquals(all.get(0).ok(), index.test(all.get(0).item()), where);
        }
      }
    }
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found: " + needle);
  }
}
