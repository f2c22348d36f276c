package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --max-line}: too long a line is refused before sending, or is its item's failure. */
class MaxLineIT {
  @TempDir Path dir;

  @Test
  void lineOverTheDefaultLimitInAFileIsRefusedBeforeAnythingIsSent() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a", "b".repeat((256 << 10) + 1), "c"));
    try (MockWebServer server = Servers.ok()) {
      Result r =
          cli()
              .run(
                  "-o",
                  dir.resolve("log").toString(),
                  "-u",
                  Servers.url(server, "/{data}"),
                  data.toString());
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals(
          "batchsend: " + data + ": line 2: line longer than --max-line=256KiB",
          r.err().lines().findFirst().orElse(""));
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void maxLineOptionSetsTheLimit() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", List.of("a".repeat(100)));
    Result r = cli().run("--max-line", "64", "--dry-run", "-u", "http://h/{data}", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("line 1: line longer than --max-line=64"), r.err());
    Result fits =
        cli().run("--max-line", "1KiB", "--dry-run", "-u", "http://h/{data}", data.toString());
    assertEquals(0, fits.exitCode(), fits.toString());
  }

  @Test
  void tooLongLineOnStdinIsThatItemsFailedRecord() throws Exception {
    Path log = dir.resolve("log.jsonl");
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir)
              .stdin("a\n" + "b".repeat(5000) + "\nc\n")
              .jsonl()
              .log(log)
              .args("--max-line", "1KiB")
              .to(server, "/{data}")
              .run();
      assertEquals(1, r.exitCode(), r.toString());
      List<JsonNode> records = Logs.jsonl(log);
      assertEquals(3, records.size());
      JsonNode big = records.stream().filter(n -> n.get("index").asInt() == 2).findFirst().get();
      assertEquals("input: line 2: line longer than --max-line=1KiB", big.get("error").asText());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void zeroIsNotALimit() {
    Result r = cli().run("--max-line", "0", "--dry-run", "-u", "http://h/{data}", "-");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("invalid --max-line 0"), r.err());
  }
}
