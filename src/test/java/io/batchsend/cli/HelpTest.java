package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import org.junit.jupiter.api.Test;

class HelpTest {
  @Test
  void helpShowsTheEnvironmentPlaceholderLiterallyNotInterpolated() {
    Result r = cli().run("--help");
    assertEquals(0, r.exitCode(), r.toString());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("${VAR} an environment variable"), r.out());
    assertTrue(help.contains("Placeholders and ${VAR} allowed"), r.out());
    assertFalse(help.contains(" null "), r.out());
  }

  @Test
  void helpNamesTheInputFormats() {
    String help = cli().run("--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--input-format=FORMAT lines, csv or jsonl"), help);
  }
}
