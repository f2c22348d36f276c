package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.log.Timestamps;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: {@code batchsend report} over two runs ten minutes apart gave their time as the
 * ten minutes between them, and its chart drew a line across the gap.
 */
class ReportMergedRunsTest {
  private static final String RECORD =
      "{\"ts\":\"%s\",\"index\":%d,\"item\":\"i%d\",\"method\":\"GET\",\"url\":\"http://h/%d\","
          + "\"status\":200,\"ok\":true,\"attempts\":1,\"ms\":10.00,\"bytes\":2,\"error\":null}\n";

  @TempDir Path dir;

  /**
   * A run of 20 items from {@code first}: one starts every 100 ms and takes 10 ms, so the run is
   * busy from 90 ms before its first record to its last, 1.91 s.
   */
  private Path run(String name, int first, long atMillis) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      int index = first + i;
      String ts = Timestamps.format(Fixture.T0 + atMillis + 100 + i * 100L);
      sb.append(String.format(RECORD, ts, index, index, index));
    }
    return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void mergedRunsCountTheirActiveTimeNotTheGapBetweenThem() throws Exception {
    Path a = run("a.jsonl", 1, 0);
    Path b = run("b.jsonl", 21, 600_000);
    Path summary = dir.resolve("summary.json");
    Path html = dir.resolve("report.html");
    Result r =
        cli().run("report", "--summary=" + summary, "--html=" + html, a.toString(), b.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "batchsend: 40 items: 40 ok, 0 failed, 0 skipped, 0 not sent in 3.82 s"
                    + " (10.5 req/s)\n"),
        r.err());
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertEquals(3.82, json.get("wall_s").asDouble(), 1e-9);
    assertEquals(10.471, json.get("rps").asDouble(), 1e-9);

    // The chart: the two runs' seconds, and nothing drawn across the ten minutes between them.
    String page = Files.readString(html);
    Matcher p50 = Pattern.compile("<path class=\"p50\" d=\"([^\"]*)\"").matcher(page);
    assertTrue(p50.find(), page);
    String d = p50.group(1);
    assertEquals(2, d.chars().filter(c -> c == 'M').count(), d);
    assertTrue(page.contains("items were in flight"), page);
  }

  @Test
  void oneBusyRunCountsFromItsFirstStartToItsLastFinish() throws Exception {
    Result r = cli().run("report", run("a.jsonl", 1, 0).toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains(" in 1.91 s (10.5 req/s)\n"), r.err());
  }
}
