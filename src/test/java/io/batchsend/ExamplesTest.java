package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.batchsend.cli.CommandLines;
import io.batchsend.engine.RunControl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The files under {@code config/examples} are what users copy: each YAML file parses, and every
 * {@code batchsend} command in them (and in the crontab) uses only options the command has.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("config", "examples");

  /** Subcommands of the contract that another change adds; checked once they exist. */
  static final List<String> PLANNED_SUBCOMMANDS = List.of("report");

  static Stream<Path> yamlFiles() throws IOException {
    return files().stream().filter(p -> p.toString().matches(".*\\.ya?ml"));
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.toString().matches(".*\\.(ya?ml|txt)")).sorted().toList();
    }
  }

  @Test
  void examplesCoverTheOrchestrators() throws IOException {
    List<String> names = files().stream().map(p -> p.getFileName().toString()).toList();
    for (String expected :
        List.of("kubernetes-indexed-job.yaml", "gitlab-ci.yml", "github-actions.yml")) {
      assertTrue(names.contains(expected), names.toString());
    }
    assertTrue(names.stream().anyMatch(n -> n.startsWith("crontab")), names.toString());
  }

  @ParameterizedTest
  @MethodSource("yamlFiles")
  void yamlExampleParses(Path file) throws IOException {
    List<Object> documents = yamlDocuments(file);
    assertFalse(documents.isEmpty(), file + " has no document");
    for (Object document : documents) {
      assertTrue(document instanceof Map, file + ": each document is a mapping");
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyBatchsendCommandUsesRealOptions(Path file) throws IOException {
    List<List<String>> commands = new ArrayList<>();
    if (file.toString().endsWith(".txt")) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.strip().startsWith("#")) {
          commands.addAll(Commands.inShellText(line));
        }
      }
    } else {
      for (Object document : yamlDocuments(file)) {
        Commands.collect(document, commands);
      }
    }
    long withOptions = commands.stream().filter(c -> c.size() > 1).count();
    assertTrue(withOptions > 0, file + " runs batchsend with options somewhere");
    for (List<String> command : commands) {
      check(file, command.subList(1, command.size()));
    }
  }

  /** Asks picocli whether each option exists, then parses the whole line as the command would. */
  private static void check(Path file, List<String> args) {
    CommandLine root = newCommandLine();
    CommandSpec spec = root.getCommandSpec();
    if (!args.isEmpty() && root.getSubcommands().containsKey(args.get(0))) {
      spec = root.getSubcommands().get(args.get(0)).getCommandSpec();
      args = args.subList(1, args.size());
    } else if (!args.isEmpty() && PLANNED_SUBCOMMANDS.contains(args.get(0))) {
      return; // not in this build yet: nothing to check its options against
    }
    Map<String, OptionSpec> options = spec.optionsMap();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        break;
      }
      String name;
      if (arg.startsWith("--")) {
        name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        name = arg.substring(0, 2);
      } else {
        continue;
      }
      OptionSpec option = options.get(name);
      if (option == null) {
        fail(file + ": '" + spec.qualifiedName() + "' has no option " + name + " in " + args);
      }
      boolean valueAttached = arg.contains("=") || (!arg.startsWith("--") && arg.length() > 2);
      if (option.arity().max() > 0 && !valueAttached) {
        i++; // the next word is this option's value
      }
    }
    List<String> full = new ArrayList<>();
    if (spec != root.getCommandSpec()) {
      full.add(spec.name());
    }
    full.addAll(args);
    try {
      newCommandLine().parseArgs(full.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      fail(file + ": " + e.getMessage() + " in " + full);
    }
  }

  private static CommandLine newCommandLine() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return CommandLines.create(
        Map.of(), InputStream.nullInputStream(), sink, sink, new RunControl());
  }

  private static List<Object> yamlDocuments(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Object> documents = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Object document : yaml.loadAll(in)) {
        if (document != null) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  /** Finds {@code batchsend ...} invocations in parsed YAML and in shell text. */
  static final class Commands {
    private Commands() {}

    /** Walks a YAML tree: shell strings, {@code [batchsend, ...]} lists, and command + args. */
    static void collect(Object node, List<List<String>> out) {
      if (node instanceof Map<?, ?> map) {
        if (map.get("command") instanceof List<?> command
            && map.get("args") instanceof List<?> args
            && !command.isEmpty()
            && isBatchsend(String.valueOf(command.get(0)))) {
          List<String> words = new ArrayList<>();
          command.forEach(w -> words.add(String.valueOf(w)));
          args.forEach(w -> words.add(String.valueOf(w)));
          out.add(words);
        } else {
          map.values().forEach(value -> collect(value, out));
        }
      } else if (node instanceof List<?> list) {
        if (!list.isEmpty()
            && list.stream().allMatch(w -> w instanceof String)
            && isBatchsend((String) list.get(0))
            && list.size() > 1) {
          out.add(list.stream().map(String::valueOf).toList());
        } else {
          list.forEach(item -> collect(item, out));
        }
      } else if (node instanceof String text) {
        out.addAll(inShellText(text));
      }
    }

    /** The batchsend commands in a shell script: line continuations joined, up to an operator. */
    static List<List<String>> inShellText(String text) {
      List<List<String>> found = new ArrayList<>();
      for (String line : text.replace("\\\n", " ").split("\n")) {
        List<String> words = words(line);
        for (int i = 0; i < words.size(); i++) {
          if (isBatchsend(words.get(i))) {
            List<String> command = new ArrayList<>();
            for (int j = i; j < words.size() && !isOperator(words.get(j)); j++) {
              command.add(words.get(j));
            }
            found.add(command);
            i += command.size() - 1;
          }
        }
      }
      return found;
    }

    static boolean isBatchsend(String word) {
      return word.equals("batchsend") || word.endsWith("/batchsend");
    }

    private static boolean isOperator(String word) {
      return word.startsWith("\u0000");
    }

    /**
     * Splits a line into words as sh would, quotes removed; operators ({@code ; | & < >}) become
     * words starting with NUL so they never look like arguments. A {@code #} starting a word ends
     * the line.
     */
    static List<String> words(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean inWord = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\'' || c == '"') {
          int end = line.indexOf(c, i + 1);
          if (end < 0) {
            end = line.length();
          }
          word.append(line, i + 1, end);
          inWord = true;
          i = end;
        } else if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
          inWord = true;
        } else if (Character.isWhitespace(c) || ";|&<>".indexOf(c) >= 0) {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
          if (!Character.isWhitespace(c)) {
            words.add("\u0000" + c);
          }
        } else if (c == '#' && !inWord) {
          break;
        } else {
          word.append(c);
          inWord = true;
        }
      }
      if (inWord) {
        words.add(word.toString());
      }
      return words;
    }
  }
}
