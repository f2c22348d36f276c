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
 * --help} shows, exit codes included, completed by {@link ManPageSections} (synopsis, environment,
 * examples). Asciidoctor then turns them into {@code batchsend.1}, {@code batchsend-report.1} and
 * {@code batchsend-completion.1}. picocli-codegen is a {@code provided} dependency, and both
 * classes are left out of the shipped jar.
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
    for (ManPageSections.Page page : ManPageSections.PAGES) {
      complete(Path.of(args[0]).resolve(page.file()), page);
    }
  }

  /**
   * Gives a page what picocli leaves out or gets wrong: the synopsis in the short form of {@code
   * --help} (picocli's long form of every option wrapped badly, and a custom synopsis of several
   * lines ran together into one), the exit codes as EXIT STATUS, then ENVIRONMENT, EXAMPLES and SEE
   * ALSO.
   */
  static void complete(Path file, ManPageSections.Page page) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    text =
        replaceBetween(
            text,
            "== Synopsis\n",
            "// end::picocli-generated-man-section-synopsis[]",
            "\n[%hardbreaks]\n" + String.join("\n", page.synopsis()) + "\n\n");
    text = replaceOnce(text, "==  Exit codes:\n", "== Exit status\n");
    String end = "// end::picocli-generated-full-manpage[]";
    text =
        replaceOnce(
            text,
            end,
            "== Environment\n\n"
                + page.environment().strip()
                + "\n\n== Examples\n\n"
                + page.examples().strip()
                + "\n\n== See also\n\n"
                + page.seeAlso().strip()
                + "\n\n"
                + end);
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String replaceBetween(String text, String start, String end, String with)
      throws IOException {
    int from = text.indexOf(start);
    int to = text.indexOf(end, from);
    if (from < 0 || to < 0) {
      throw new IOException("no '" + start.strip() + "' section in the generated page");
    }
    return text.substring(0, from + start.length()) + with + text.substring(to);
  }

  private static String replaceOnce(String text, String target, String with) throws IOException {
    int at = text.indexOf(target);
    if (at < 0 || text.indexOf(target, at + 1) >= 0) {
      throw new IOException("not exactly one '" + target.strip() + "' in the generated page");
    }
    return text.substring(0, at) + with + text.substring(at + target.length());
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
