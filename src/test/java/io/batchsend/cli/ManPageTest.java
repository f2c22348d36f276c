package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.RunControl;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The AsciiDoc man pages that {@link ManPage} writes from the real command line. */
class ManPageTest {
  @TempDir static Path dir;

  @BeforeAll
  static void writePages() throws Exception {
    ManPage.main(new String[] {dir.toString()});
  }

  static CommandLine commandLine() {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    return CommandLines.create(
        Map.of(), InputStream.nullInputStream(), none, none, new RunControl());
  }

  static String page(String file) throws Exception {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  /** The text of section {@code title} (a level-2 heading), up to the next one. */
  static String section(String page, String title) {
    int start = page.indexOf("\n== " + title + "\n");
    assertTrue(start >= 0, "a section " + title + " in\n" + page);
    int end = page.indexOf("\n== ", start + 1);
    return page.substring(start, end < 0 ? page.length() : end);
  }

  /** The synopsis lines, AsciiDoc markup, comments and the hard-breaks marker left out. */
  static List<String> synopsis(String page) {
    List<String> lines = new ArrayList<>();
    for (String line : section(page, "Synopsis").split("\n")) {
      if (!line.isBlank()
          && !line.startsWith("==")
          && !line.startsWith("//")
          && !line.startsWith("[%")) {
        lines.add(line.replace("*", "").replace("_", ""));
      }
    }
    return lines;
  }

  @Test
  void everyPageHasItsSections() throws Exception {
    for (String file :
        List.of("batchsend.adoc", "batchsend-report.adoc", "batchsend-completion.adoc")) {
      String page = page(file);
      for (String title :
          List.of(
              "Name",
              "Synopsis",
              "Description",
              "Options",
              "Exit status",
              "Environment",
              "Examples",
              "See also")) {
        section(page, title);
      }
      String examples = section(page, "Examples");
      assertTrue(examples.contains("\n----\n") && examples.contains("batchsend "), examples);
      assertTrue(section(page, "Environment").contains("*JAVA_OPTS*::"), file);
      assertTrue(section(page, "Environment").contains("*BATCHSEND_CDS*::"), file);
    }
  }

  @Test
  void synopsesAreTheShortFormsOneALine() throws Exception {
    assertEquals(
        List.of(
            "batchsend [OPTIONS] -u TEMPLATE DATA",
            "batchsend --demo [OPTIONS]",
            "batchsend report [OPTIONS] LOG...",
            "batchsend completion bash|zsh"),
        synopsis(page("batchsend.adoc")));
    assertEquals(
        List.of("batchsend report [OPTIONS] LOG..."), synopsis(page("batchsend-report.adoc")));
    assertEquals(
        List.of("batchsend completion bash|zsh"), synopsis(page("batchsend-completion.adoc")));
    // One per line in the roff page too: hard line breaks, not a paragraph run together.
    assertTrue(section(page("batchsend.adoc"), "Synopsis").contains("[%hardbreaks]"));
  }

  @Test
  void synopsesHaveBalancedBracketsAndNameOnlyRealOptions() throws Exception {
    CommandSpec main = commandLine().getCommandSpec();
    for (String file :
        List.of("batchsend.adoc", "batchsend-report.adoc", "batchsend-completion.adoc")) {
      for (String line : synopsis(page(file))) {
        int depth = 0;
        for (char c : line.toCharArray()) {
          depth += c == '[' ? 1 : c == ']' ? -1 : 0;
          assertTrue(depth >= 0, "a ']' before its '[' in " + line);
        }
        assertEquals(0, depth, "brackets balanced in " + line);
        // The options of the command the line shows: the main command's, or a subcommand's.
        String[] words = line.split(" ");
        CommandSpec command =
            words.length > 1 && main.subcommands().containsKey(words[1])
                ? main.subcommands().get(words[1]).getCommandSpec()
                : main;
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : command.options()) {
          names.addAll(List.of(o.names()));
        }
        Matcher m = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)").matcher(line);
        while (m.find()) {
          assertTrue(names.contains(m.group(1)), m.group(1) + " in " + line + " is an option");
        }
      }
    }
  }

  @Test
  void mainPageListsTheExitCodesAndTheEnvironmentItReads() throws Exception {
    String page = page("batchsend.adoc");
    String exit = section(page, "Exit status");
    for (String code : List.of(" 0 ", " 1 ", " 2 ", " 3 ", "70 ", "75 ", "130 ")) {
      assertTrue(exit.contains(code), code + " in\n" + exit);
    }
    String env = section(page, "Environment");
    for (String variable :
        List.of(
            "JAVA_HOME",
            "JAVA_OPTS",
            "BATCHSEND_CDS",
            "BATCHSEND_SHARD_COUNT",
            "JOB_COMPLETION_INDEX",
            "CI_NODE_INDEX",
            "CI_NODE_TOTAL",
            "AWS_BATCH_JOB_ARRAY_INDEX",
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_MAX",
            "https_proxy",
            "HTTPS_PROXY",
            "http_proxy",
            "NO_PROXY")) {
      assertTrue(env.contains("*" + variable + "*"), variable + " in\n" + env);
    }
  }

  @Test
  void launcherVariablesOnThePagesAreTheOnesTheLauncherReads() throws Exception {
    String launcher = Files.readString(Path.of("src/dist/bin/batchsend"), StandardCharsets.UTF_8);
    String env = section(page("batchsend-report.adoc"), "Environment");
    Matcher m = Pattern.compile("\\*([A-Z_]+)\\*::").matcher(env);
    int found = 0;
    while (m.find()) {
      found++;
      assertTrue(launcher.contains("${" + m.group(1)), m.group(1) + " is read by the launcher");
    }
    assertEquals(3, found, env);
  }

  @Test
  void everySubcommandHasAPageWithItsSections() {
    Set<String> pages = new TreeSet<>();
    ManPageSections.PAGES.forEach(p -> pages.add(p.file()));
    Set<String> expected = new TreeSet<>(Set.of("batchsend.adoc"));
    commandLine()
        .getSubcommands()
        .keySet()
        .forEach(name -> expected.add("batchsend-" + name + ".adoc"));
    assertEquals(expected, pages);
  }
}
