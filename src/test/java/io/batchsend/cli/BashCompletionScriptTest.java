package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchsend.engine.RunControl;
import io.batchsend.support.CliRun.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Sources the script of {@code batchsend completion bash} in a real bash, as a user's shell does,
 * and checks exactly what it offers: the completion function is the one the script registers with
 * {@code complete -F}, called with the {@code COMP_WORDS} bash would set.
 */
class BashCompletionScriptTest {
  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void writeScript() throws IOException {
    Result r = cli().run("completion", "bash");
    assertEquals(0, r.exitCode(), r.toString());
    script = Files.writeString(dir.resolve("batchsend.bash"), r.out(), StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("work/logs"));
    Files.writeString(dir.resolve("work/items.csv"), "id\n1\n");
    Files.writeString(dir.resolve("work/items.txt"), "1\n");
  }

  /**
   * What the completion function leaves in COMPREPLY for {@code words}, the last being the word
   * under the cursor, run in {@code dir/work}; sorted, one per element.
   */
  static List<String> complete(String... words) throws Exception {
    assumeTrue(bashAvailable(), "bash is not installed: the completion script is not run");
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append('\'').append(w.replace("'", "'\\''")).append("' ");
    }
    String program =
        "source \"$1\" || exit 9\n"
            + "spec=$(complete -p batchsend) || exit 8\n"
            + "fn=${spec#*-F }; fn=${fn%% *}\n"
            + "COMP_WORDS=("
            + array
            + ")\n"
            + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
            + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
            + "COMPREPLY=()\n"
            + "\"$fn\" batchsend \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\""
            + " 2>/dev/null\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process p =
        new ProcessBuilder(
                "bash", "--norc", "--noprofile", "-c", program, "bash", script.toString())
            .directory(dir.resolve("work").toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "bash ended");
    assertEquals(0, p.exitValue(), out);
    List<String> offered = new ArrayList<>(Arrays.asList(out.split("\n", -1)));
    offered.removeIf(String::isBlank);
    offered.replaceAll(String::strip);
    offered.sort(null);
    return offered;
  }

  /**
   * What zsh offers through bashcompinit for {@code words}: its compgen runs the function as its
   * completion widget would, and leaves the matching against the word to zsh (so all values show).
   */
  static List<String> completeInZsh(String... words) throws Exception {
    assumeTrue(shellAvailable("zsh"), "zsh is not installed: the zsh script is not run");
    Result r = cli().run("completion", "zsh");
    assertEquals(0, r.exitCode(), r.toString());
    Path zshScript = Files.writeString(dir.resolve("batchsend.zsh"), r.out());
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append('\'').append(w.replace("'", "'\\''")).append("' ");
    }
    String program =
        "source \"$1\" || exit 9\n"
            + "words=("
            + array
            + ")\n"
            + "CURRENT=${#words}\n"
            + "COMP_WORDS=(\"${words[@]}\"); COMP_CWORD=$((CURRENT - 1)); PREFIX=${words[CURRENT]}\n"
            + "compgen -F _batchsend -- \"$PREFIX\"\n";
    ProcessBuilder pb =
        new ProcessBuilder("zsh", "-f", "-c", program, "zsh", zshScript.toString())
            .directory(dir.resolve("work").toFile())
            .redirectErrorStream(true);
    pb.environment().put("ZDOTDIR", dir.toString()); // compinit's .zcompdump goes here, not ~
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "zsh ended");
    assertEquals(0, p.exitValue(), out);
    List<String> offered = new ArrayList<>(Arrays.asList(out.split("\n", -1)));
    offered.removeIf(String::isBlank);
    offered.sort(null);
    return offered;
  }

  private static PrintWriter none() {
    return new PrintWriter(Writer.nullWriter());
  }

  private static Boolean bash;

  static synchronized boolean bashAvailable() {
    if (bash == null) {
      bash = shellAvailable("bash");
    }
    return bash;
  }

  static boolean shellAvailable(String shell) {
    try {
      Process p = new ProcessBuilder(shell, "-c", "exit 0").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void zshOffersTheSameThroughBashcompinit() throws Exception {
    assertEquals(
        List.of("csv", "jsonl", "lines"), completeInZsh("batchsend", "--input-format", ""));
    assertEquals(List.of("bash", "zsh"), completeInZsh("batchsend", "completion", ""));
    assertEquals(
        List.of("completion", "items.csv", "items.txt", "logs", "report"),
        completeInZsh("batchsend", ""));
  }

  @Test
  void inputFormatOffersItsFormatsInLowerCase() throws Exception {
    assertEquals(List.of("csv", "jsonl", "lines"), complete("batchsend", "--input-format", ""));
  }

  @Test
  void logFormatOffersItsFormatsInLowerCase() throws Exception {
    assertEquals(List.of("csv", "jsonl", "text"), complete("batchsend", "--log-format", ""));
  }

  @Test
  void progressOffersItsModes() throws Exception {
    assertEquals(List.of("always", "auto", "never"), complete("batchsend", "--progress", ""));
    assertEquals(List.of("always", "auto"), complete("batchsend", "-q", "--progress", "a"));
  }

  @Test
  void valueAfterAnEqualsSignIsCompletedToo() throws Exception {
    // bash splits '--log-format=' at the '=' (COMP_WORDBREAKS).
    assertEquals(List.of("jsonl"), complete("batchsend", "--log-format", "=", "j"));
    assertEquals(List.of("csv", "jsonl", "text"), complete("batchsend", "--log-format", "="));
    // As one word, when '=' is not a word break (and in zsh).
    assertEquals(List.of("--log-format=jsonl"), complete("batchsend", "--log-format=j"));
    assertEquals(
        List.of("--progress=always", "--progress=auto"), complete("batchsend", "--progress=a"));
  }

  @Test
  void adaptiveOffersItsModesAndDataFiles() throws Exception {
    assertEquals(List.of("errors"), complete("batchsend", "--adaptive", "e"));
    List<String> offered = complete("batchsend", "--adaptive", "");
    assertEquals(
        true, offered.containsAll(List.of("errors", "latency", "items.csv")), offered.toString());
  }

  @Test
  void methodOffersTheStandardMethods() throws Exception {
    assertEquals(
        List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"),
        complete("batchsend", "-X", ""));
    assertEquals(List.of("PATCH", "POST", "PUT"), complete("batchsend", "--method", "P"));
  }

  @Test
  void dataCompletesAFile() throws Exception {
    assertEquals(List.of("items.csv", "items.txt"), complete("batchsend", "-u", "http://h/", "it"));
    assertEquals(
        List.of("items.csv"), complete("batchsend", "-c", "4", "--log-format", "csv", "items.c"));
  }

  @Test
  void fileValuedOptionsCompleteFiles() throws Exception {
    for (String option :
        List.of(
            "--log",
            "-o",
            "--failed",
            "--summary",
            "--junit",
            "--html",
            "--responses",
            "--cacert",
            "--config",
            "--lock")) {
      assertEquals(List.of("items.csv", "items.txt"), complete("batchsend", option, "it"), option);
    }
    assertEquals(List.of("logs"), complete("batchsend", "--log", "lo"));
  }

  @Test
  void bodyCompletesAFileAfterAnAtSign() throws Exception {
    assertEquals(List.of("@items.csv", "@items.txt"), complete("batchsend", "-d", "@it"));
    assertEquals(List.of("@logs/"), complete("batchsend", "--body", "@lo"));
    assertEquals(List.of(), complete("batchsend", "--body", "it"));
  }

  @Test
  void valuesWithoutAClosedSetOfferNothing() throws Exception {
    assertEquals(List.of(), complete("batchsend", "--url", "it"));
    assertEquals(List.of(), complete("batchsend", "--concurrency", ""));
  }

  @Test
  void optionsAreOfferedAfterADash() throws Exception {
    assertEquals(List.of("--log", "--log-format"), complete("batchsend", "--log"));
    // Every option of the command that --help shows, and only those, after a lone dash.
    List<String> names = new ArrayList<>();
    for (OptionSpec o :
        CommandLines.create(
                Map.of(), InputStream.nullInputStream(), none(), none(), new RunControl())
            .getCommandSpec()
            .options()) {
      if (!o.hidden()) {
        names.addAll(List.of(o.names()));
      }
    }
    names.sort(null);
    assertEquals(names, complete("batchsend", "-"));
  }

  @Test
  void subcommandsAreOfferedWithTheDataFiles() throws Exception {
    assertEquals(List.of("report"), complete("batchsend", "rep"));
    assertEquals(List.of("completion"), complete("batchsend", "comp"));
  }

  @Test
  void completionOffersTheShells() throws Exception {
    assertEquals(List.of("bash", "zsh"), complete("batchsend", "completion", ""));
  }

  @Test
  void reportCompletesLogFilesAndItsOptions() throws Exception {
    assertEquals(List.of("items.csv", "items.txt"), complete("batchsend", "report", "it"));
    assertEquals(List.of("items.csv", "items.txt"), complete("batchsend", "report", "a.log", "it"));
    assertEquals(
        List.of("items.csv", "items.txt"), complete("batchsend", "report", "--junit", "it"));
    assertEquals(List.of(), complete("batchsend", "report", "--max-failures", ""));
    assertEquals(List.of("--html"), complete("batchsend", "report", "--ht"));
    // report has no --log-format: its own options only.
    assertEquals(List.of(), complete("batchsend", "report", "--log-f"));
  }
}
