package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import io.batchsend.support.Tmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request log that fills its disk in the middle of a run, on a real (small) tmpfs: exit 3, counts
 * that agree everywhere, no record lost, and an exact {@code --resume} once space is freed.
 */
class DiskFullIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 160;

  /** The header line of the rescued records on stderr: how many follow and where they belong. */
  private static final Pattern RESCUED =
      Pattern.compile("^batchsend: (\\d+) records? could not be written to .*follow.*$");

  @TempDir Path dir;

  /** Counts each item the server receives, by its path. */
  static final class Counting extends Dispatcher {
    final Map<String, Integer> seen = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      seen.merge(request.getUrl().pathSegments().get(0), 1, Integer::sum);
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  @Test
  void logFillingItsDiskExits3WithAgreeingCountsAndResumeAfterwardsIsExact() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(ITEMS));
    Counting counting = new Counting();
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 64);
        MockWebServer server = Servers.start(counting)) {
      Path filler = disk.fillAllBut(8); // room for about 40 of 160 records
      Path log = disk.dir().resolve("run.log");
      String url = Servers.url(server, "/{data}");
      Result r =
          SendRun.in(dir)
              .input(data)
              .concurrency(4)
              .jsonl()
              .log(log)
              .args("--summary", dir.resolve("summary.json").toString())
              .args("--junit", dir.resolve("junit.xml").toString())
              .url(url)
              .run();
      assertEquals(3, r.exitCode(), r.toString());
      assertTrue(r.err().contains("No space left on device"), r.err());

      // The log holds whole records only; what did not fit is on stderr, in the log's format.
      List<JsonNode> logged = Logs.jsonl(log);
      List<String> rescued = rescuedLines(r.err());
      assertFalse(logged.isEmpty(), "the disk filled in the middle of the run, not at the start");
      assertFalse(rescued.isEmpty(), r.toString());
      Set<String> recorded = new HashSet<>();
      for (JsonNode rec : logged) {
        assertTrue(recorded.add(rec.get("item").asText()), "logged once: " + rec);
      }
      for (String line : rescued) {
        JsonNode rec = JSON.readTree(line);
        assertTrue(recorded.add(rec.get("item").asText()), "recorded once: " + rec);
      }
      assertEquals(counting.seen.keySet(), recorded, "every item sent has one record");

      // Console summary, --summary and --junit agree with the records and the exit code.
      JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
      long sent = counting.seen.size();
      assertEquals(sent, summary.get("ok").asLong());
      assertEquals(0, summary.get("failed").asLong());
      assertEquals(rescued.size(), summary.get("unwritten").asLong());
      assertEquals(3, summary.get("exit_code").asInt());
      assertEquals(ITEMS, summary.get("total").asLong());
      assertTrue(
          r.err()
              .contains(
                  ITEMS
                      + " items: "
                      + sent
                      + " ok, 0 failed, 0 skipped, "
                      + (ITEMS - sent)
                      + " not sent"),
          r.err());
      String notInLog = rescued.size() == 1 ? "1 record" : rescued.size() + " records";
      assertTrue(r.err().contains(notInLog + " not in the log: on stderr below"), r.err());
      String junit = Files.readString(dir.resolve("junit.xml"));
      assertTrue(junit.contains("name=\"exit_code\" value=\"3\""), junit);

      // Space freed and the rescued records appended as told: --resume sends exactly the rest.
      Files.delete(filler);
      Files.write(log, rescued, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      Map<String, Integer> before = Map.copyOf(counting.seen);
      Result resumed =
          SendRun.in(dir)
              .input(data)
              .concurrency(4)
              .jsonl()
              .log(log)
              .args("--resume")
              .url(url)
              .run();
      assertEquals(0, resumed.exitCode(), resumed.toString());
      assertTrue(
          resumed
              .err()
              .contains(
                  ITEMS + " items: " + (ITEMS - sent) + " ok, 0 failed, " + sent + " skipped"),
          resumed.err());
      assertEquals(ITEMS, counting.seen.size(), "every item arrived");
      for (Map.Entry<String, Integer> e : counting.seen.entrySet()) {
        assertEquals(
            1, e.getValue(), e.getKey() + " arrived once (before: " + before.get(e.getKey()) + ")");
      }
      assertEquals(ITEMS, Logs.jsonl(log).size(), "one record per item in the log");
    }
  }

  @Test
  void nextRunAddsTheUnwrittenFileToTheLogSoResumeSkipsItsItems() throws Exception {
    Path log = dir.resolve("run.log");
    Counting counting = new Counting();
    try (MockWebServer server = Servers.start(counting)) {
      String url = Servers.url(server, "/{data}");
      Path three = Logs.dataFile(dir, "three.txt", Logs.items(3));
      String[] first = {"--log-format", "jsonl", "-o", log.toString(), "-u", url, three.toString()};
      assertEquals(0, cli().run(first).exitCode());
      // As a run whose log filled up leaves it: one record in the log, two next to it.
      List<String> lines = Files.readAllLines(log);
      Files.write(log, lines.subList(0, 1));
      Path unwritten = dir.resolve("run.log.unwritten");
      Files.write(unwritten, lines.subList(1, 3));

      Path five = Logs.dataFile(dir, "five.txt", Logs.items(5));
      Result r =
          cli()
              .run(
                  "--resume",
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "-u",
                  url,
                  five.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("added the records of " + unwritten), r.err());
      assertTrue(r.err().contains("5 items: 2 ok, 0 failed, 3 skipped"), r.err());
      assertFalse(Files.exists(unwritten));
      assertEquals(5, Logs.jsonl(log).size());
    }
    assertEquals(Set.of("item1", "item2", "item3", "item4", "item5"), counting.seen.keySet());
    assertTrue(counting.seen.values().stream().allMatch(n -> n == 1), counting.seen.toString());
  }

  /** The records printed after the rescue header line on stderr. */
  static List<String> rescuedLines(String err) {
    List<String> lines = err.lines().toList();
    List<String> rescued = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = RESCUED.matcher(lines.get(i));
      if (m.matches()) {
        int n = Integer.parseInt(m.group(1));
        rescued.addAll(lines.subList(i + 1, i + 1 + n));
      }
    }
    return rescued;
  }
}
