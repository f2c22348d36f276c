package io.batchsend.cli;

import io.batchsend.engine.RunControl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build time only ({@code exec:java} at {@code prepare-package}): writes the AsciiDoc man pages of
 * the real command line, built by {@link CommandLines#create} so the page shows exactly what {@code
 * --help} shows, exit codes included. Asciidoctor then turns them into {@code batchsend.1}.
 * picocli-codegen is a {@code provided} dependency and this class is left out of the shipped jar.
 */
public final class ManPage {
  private ManPage() {}

  /**
   * @param args the directory to write {@code batchsend.adoc} (and one page per subcommand) to
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPage OUTPUT_DIRECTORY");
    }
    PrintWriter unused = new PrintWriter(Writer.nullWriter());
    CommandLine cl =
        CommandLines.create(
            Map.of(), InputStream.nullInputStream(), unused, unused, new RunControl());
    int code =
        ManPageGenerator.generateManPage(
            Path.of(args[0]).toFile(), null, new boolean[0], true, cl.getCommandSpec());
    if (code != 0) {
      throw new IOException("picocli's ManPageGenerator failed with code " + code);
    }
    addSectionHeadings(
        Path.of(args[0]).resolve("batchsend.adoc"),
        HelpSections.headingsByFirstOption(cl.getCommandSpec()));
  }

  /**
   * Puts {@code --help}'s section headings into the page's flat option list: a subsection title
   * before the entry of each section's first option.
   */
  static void addSectionHeadings(Path page, Map<String, String> headingsByFirstOption)
      throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(page, StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>(lines.size() + 2 * headingsByFirstOption.size());
    Map<String, String> pending = new LinkedHashMap<>(headingsByFirstOption);
    for (String line : lines) {
      for (Map.Entry<String, String> e : pending.entrySet()) {
        if (line.endsWith("::") && line.contains("*" + e.getKey() + "*")) {
          out.add("=== " + e.getValue());
          out.add("");
          pending.remove(e.getKey());
          break;
        }
      }
      out.add(line);
    }
    if (!pending.isEmpty()) {
      throw new IOException("no entry in " + page + " for " + pending.keySet());
    }
    Files.write(page, out, StandardCharsets.UTF_8);
  }
}
