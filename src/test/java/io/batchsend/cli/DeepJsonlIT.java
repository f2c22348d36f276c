package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON Lines record nested 100,000 deep is an input error naming its line, not a crash. */
class DeepJsonlIT {
  @TempDir Path dir;

  @Test
  void recordNested100000DeepIsExit2NamingTheLine() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    Path data = Logs.dataFile(dir, "items.jsonl", List.of("{\"a\":1}", deep));
    Result r =
        cli()
            .run(
                "--max-line", "1MiB", "--dry-run", "-u", "http://127.0.0.1:9/{a}", data.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "batchsend: " + data + ": line 2: nested deeper than 1000 levels",
        r.err().lines().findFirst().orElse(""));
  }
}
