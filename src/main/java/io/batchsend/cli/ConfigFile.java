package io.batchsend.cli;

import io.batchsend.config.Excerpt;
import io.batchsend.config.OutputException;
import io.batchsend.config.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config=FILE}: option defaults from a properties file, keyed by the long option name
 * without dashes ({@code concurrency=16}, {@code url=https://…}, {@code log-format=jsonl}). The
 * command line wins. Headers are {@code header}, {@code header.1}, {@code header.2}, …; they are
 * sent together with any {@code -H}, a {@code -H} of the same name replacing the file's. An unknown
 * key is an error, not silently ignored.
 */
final class ConfigFile implements IDefaultValueProvider {
  private static final String HEADER = "header";

  private final Path path;
  private final Properties properties;

  private ConfigFile(Path path, Properties properties) {
    this.path = path;
    this.properties = properties;
  }

  /**
   * Reads {@code path} as UTF-8 properties.
   *
   * @throws UsageException when it cannot be read
   */
  static ConfigFile load(Path path) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      String why = e instanceof IOException io ? OutputException.describe(io) : e.getMessage();
      throw new UsageException("cannot read --config " + path + ": " + why);
    }
    return new ConfigFile(path, p);
  }

  /**
   * Checks every key against the command's options.
   *
   * @throws UsageException naming the first unknown key
   */
  void validate(CommandSpec spec) {
    for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
      if (isHeaderKey(key)) {
        continue;
      }
      OptionSpec option = spec.findOption("--" + key);
      if (option == null || key.equals("config") || option.usageHelp() || option.versionHelp()) {
        throw new UsageException("unknown key '" + Excerpt.of(key) + "' in --config " + path);
      }
    }
  }

  private static boolean isHeaderKey(String key) {
    return key.equals(HEADER) || key.matches("header\\.\\d+");
  }

  /** The headers the file sets, in key order. */
  List<String> headers() {
    TreeMap<Integer, String> ordered = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.equals(HEADER)) {
        ordered.put(-1, properties.getProperty(key));
      } else if (isHeaderKey(key)) {
        ordered.put(
            Integer.parseInt(key.substring(HEADER.length() + 1)), properties.getProperty(key));
      }
    }
    return new ArrayList<>(ordered.values());
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    if (key.equals(HEADER)) {
      return null;
    }
    String value = properties.getProperty(key);
    // picocli expands ${…} in default values; ours are templates, expanded per item later.
    return value == null ? null : value.replace("${", "$${");
  }
}
