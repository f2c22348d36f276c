package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation and the example configuration come from the same source as the command: the
 * option reference lists every option of {@code batchsend --help} and {@code batchsend report
 * --help} and nothing else, and the example configuration's "built-in defaults" are the real ones.
 */
class OptionsReferenceTest {
  private static final Path REFERENCE = Path.of("src", "site", "markdown", "options.md");
  private static final Path EXAMPLE_CONFIG = Path.of("config", "batchsend.properties");

  /** A table row whose first cell is code: {@code | `-u, --url=TEMPLATE` | ...}. */
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

  /** An option name inside that cell: {@code -u}, {@code --url}, {@code --adaptive}. */
  private static final Pattern NAME = Pattern.compile("(?<![\\w-])(--?[A-Za-z][A-Za-z0-9-]*)");

  @Test
  void referenceListsEveryOptionOfTheMainCommandAndNothingElse() throws IOException {
    CommandSpec spec = Commands.create().getCommandSpec();
    assertEquals(namesOf(spec), documented().get("main"), "options.md against batchsend --help");
  }

  @Test
  void referenceListsEveryOptionOfReportAndNothingElse() throws IOException {
    CommandSpec spec = Commands.create().getSubcommands().get("report").getCommandSpec();
    assertEquals(
        namesOf(spec), documented().get("report"), "options.md against batchsend report --help");
  }

  @Test
  void exampleConfigShowsTheRealDefaults() throws IOException {
    Map<String, String> defaults = exampleDefaults();
    assertTrue(defaults.size() >= 10, "the example shows the defaults: " + defaults);
    for (Map.Entry<String, String> e : defaults.entrySet()) {
      String option = "--" + e.getKey();
      CommandLine untouched = Commands.create();
      untouched.parseArgs("items.txt");
      CommandLine given = Commands.create();
      given.parseArgs(option + "=" + e.getValue(), "items.txt");
      OptionSpec before = untouched.getCommandSpec().findOption(option);
      OptionSpec after = given.getCommandSpec().findOption(option);
      assertTrue(before != null, option + " is an option");
      assertTrue(
          Objects.equals(before.getValue(), after.getValue()),
          e.getKey()
              + "="
              + e.getValue()
              + " in "
              + EXAMPLE_CONFIG
              + " is not the default ("
              + before.getValue()
              + ")");
    }
  }

  /** Long and short names of the visible options of {@code spec}. */
  private static TreeSet<String> namesOf(CommandSpec spec) {
    TreeSet<String> names = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        names.addAll(List.of(o.names()));
      }
    }
    return names;
  }

  /** Option names in options.md: {@code main} for every section but the subcommands'. */
  private static Map<String, TreeSet<String>> documented() throws IOException {
    Map<String, TreeSet<String>> bySection = new LinkedHashMap<>();
    bySection.put("main", new TreeSet<>());
    bySection.put("report", new TreeSet<>());
    String section = "main";
    for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        section =
            line.contains("batchsend report")
                ? "report"
                : line.contains("batchsend completion") || line.contains("Configuration file")
                    ? "other"
                    : "main";
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (!row.find() || !bySection.containsKey(section)) {
        continue;
      }
      Matcher name = NAME.matcher(row.group(1).split("=|\\[")[0]);
      while (name.find()) {
        bySection.get(section).add(name.group(1));
      }
    }
    return bySection;
  }

  /** The keys of the example's "built-in defaults" block, uncommented. */
  private static Map<String, String> exampleDefaults() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    boolean inBlock = false;
    List<String> lines =
        new ArrayList<>(Files.readAllLines(EXAMPLE_CONFIG, StandardCharsets.UTF_8));
    for (String line : lines) {
      if (line.toLowerCase(java.util.Locale.ROOT).contains("built-in defaults")) {
        inBlock = true;
        continue;
      }
      if (inBlock && line.isBlank()) {
        break;
      }
      if (inBlock && line.matches("# [a-z][a-z0-9-]*=.*")) {
        int eq = line.indexOf('=');
        defaults.put(line.substring(2, eq), line.substring(eq + 1));
      }
    }
    return defaults;
  }

  /** The real command line, as {@code Main} builds it. */
  private static final class Commands {
    static CommandLine create() {
      return CommandLines.create(
          Map.of(),
          new java.io.ByteArrayInputStream(new byte[0]),
          new java.io.PrintWriter(new java.io.StringWriter()),
          new java.io.PrintWriter(new java.io.StringWriter()),
          new io.batchsend.engine.RunControl());
    }
  }
}
