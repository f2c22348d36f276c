package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import org.junit.jupiter.api.Test;

class CompletionTest {
  @Test
  void bashScriptCompletesTheOptions() {
    Result r = cli().run("completion", "bash");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("complete -F"), r.out());
    for (String option : new String[] {"--shard", "--rate-total", "--lock", "--url"}) {
      assertTrue(r.out().contains(option), option);
    }
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void zshScriptLoadsBashCompletionFirst() {
    Result r = cli().run("completion", "zsh");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .startsWith(
                "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n"),
        r.out());
    assertTrue(r.out().contains("complete -F"), r.out());
  }

  @Test
  void unknownShellIsAUsageError() {
    Result r = cli().run("completion", "fish");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: unknown shell 'fish'"), r.err());
  }

  @Test
  void missingShellIsAUsageError() {
    Result r = cli().run("completion");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: "), r.err());
  }
}
