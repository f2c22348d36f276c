package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batchsend report} over hand-written logs: exit codes, budgets, bad and torn logs. */
class ReportCommandTest {
  private static final String OK =
      "{\"ts\":\"2026-11-24T17:00:00.%03dZ\",\"index\":%d,\"item\":\"i%d\",\"method\":\"GET\","
          + "\"url\":\"http://h/%d\",\"status\":200,\"ok\":true,\"attempts\":1,\"ms\":%d.50,"
          + "\"bytes\":2,\"error\":null}\n";
  private static final String FAILED =
      "{\"ts\":\"2026-11-24T17:00:00.%03dZ\",\"index\":%d,\"item\":\"i%d\",\"method\":\"GET\","
          + "\"url\":\"http://h/%d\",\"status\":503,\"ok\":false,\"attempts\":1,\"ms\":%d.50,"
          + "\"bytes\":2,\"error\":\"status: 503\"}\n";

  @TempDir Path dir;

  /** A JSON Lines log of {@code n} items, the first {@code failed} of them failed. */
  private Path log(String name, int n, int failed) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(String.format(i <= failed ? FAILED : OK, i, i, i, i, i));
    }
    return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void allOkIsExitZeroWithTheSummaryOnStderr() throws Exception {
    Result r = cli().run("report", log("a.jsonl", 10, 0).toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.err().startsWith("batchsend: 10 items: 10 ok, 0 failed, 0 skipped, 0 not sent in "),
        r.err());
    assertTrue(r.err().contains("  slowest 10:\n         10.50 ms  #10  200  i10\n"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void failuresPastTheBudgetAreExitOne() throws Exception {
    String log = log("a.jsonl", 20, 2).toString();
    assertEquals(1, cli().run("report", log).exitCode());
    assertEquals(1, cli().run("report", "--max-failures=1", log).exitCode());
    assertEquals(0, cli().run("report", "--max-failures=2", log).exitCode());
    assertEquals(0, cli().run("report", "--max-failures=10%", log).exitCode());
    assertEquals(1, cli().run("report", "--max-failures=9.9%", log).exitCode());
  }

  @Test
  void tornLastLineIsIgnored() throws Exception {
    Path log = log("a.jsonl", 3, 0);
    Files.writeString(log, "{\"ts\":\"2026-11-24T17:00:0", java.nio.file.StandardOpenOption.APPEND);
    Result r = cli().run("report", log.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: " + log + ": 1 torn record(s) ignored"), r.err());
    assertTrue(r.err().contains("batchsend: 3 items: 3 ok,"), r.err());
  }

  @Test
  void badLineElsewhereIsExitTwoNamingFileAndLine() throws Exception {
    Path log = log("a.jsonl", 3, 0);
    String text =
        Files.readString(log)
            .replace("\"ok\":true,\"attempts\":1,\"ms\":2", "\"ok\":1,\"attempts\":1,\"ms\":2");
    Files.writeString(log, text);
    Result r = cli().run("report", log.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "batchsend: "
            + log
            + ", line 2: field ok is not true or false\n"
            + "Try 'batchsend report --help' for more information.\n",
        r.err());
  }

  @Test
  void unreadableLogIsExitTwoInOneLine() throws Exception {
    Path missing = dir.resolve("missing.jsonl");
    Result r = cli().run("report", log("a.jsonl", 1, 0).toString(), missing.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "batchsend: cannot read log " + missing + ": no such file or directory",
        r.err().lines().findFirst().orElseThrow());
    Result noLog = cli().run("report");
    assertEquals(2, noLog.exitCode(), noLog.toString());
  }

  @Test
  void badMaxFailuresIsExitTwo() throws Exception {
    Result r = cli().run("report", "--max-failures=lots", log("a.jsonl", 1, 0).toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: invalid --max-failures 'lots'"), r.err());
  }

  @Test
  void reportFileThatCannotBeWrittenIsExitThree() throws Exception {
    Path target = dir.resolve("nodir").resolve("r.html");
    Result r = cli().run("report", "--html", target.toString(), log("a.jsonl", 1, 0).toString());
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(
        "batchsend: cannot write --html file " + target + ": no such file or directory\n", r.err());
  }

  @Test
  void helpListsTheSubcommandAndHowToSendAFileNamedReport() {
    Result main = cli().run("--help");
    assertEquals(0, main.exitCode());
    assertTrue(main.out().contains("batchsend report LOG..."), main.out());
    assertTrue(main.out().contains("'./report'"), main.out());
    Result report = cli().run("report", "--help");
    assertEquals(0, report.exitCode());
    assertTrue(report.out().startsWith("Usage: batchsend report "), report.out());
    assertTrue(report.out().contains("--max-failures=N|P%"), report.out());
  }

  @Test
  void dotSlashReportIsADataFileNotTheSubcommand() {
    Result r = cli().run("-u", "http://127.0.0.1:9/{data}", "./report");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: cannot read data file ./report"), r.err());
  }
}
