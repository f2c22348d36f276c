package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.RunControl;
import io.batchsend.support.CliRun.Result;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --help} lists the options in sections, each option once, with its default. */
class HelpSectionsTest {
  private static final List<String> SECTIONS =
      List.of(
          "Input:",
          "Request:",
          "Delivery and retries:",
          "Output and reports:",
          "Coordination:",
          "General:",
          "Exit codes:");

  @Test
  void helpShowsTheSectionsInOrder() {
    Result r = cli().run("--help");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.out().lines().toList();
    int previous = -1;
    for (String heading : SECTIONS) {
      int at = lines.indexOf(heading);
      assertTrue(at > previous, heading + " after the previous section:\n" + r.out());
      previous = at;
    }
  }

  @Test
  void everyOptionIsShownOnceInItsSection() {
    String help = cli().run("--help").out();
    List<String> lines = help.lines().toList();
    assertEquals(1, lines.stream().filter(l -> l.contains("--concurrency=N")).count(), help);
    int delivery = lines.indexOf("Delivery and retries:");
    int output = lines.indexOf("Output and reports:");
    int concurrency = indexOfContaining(lines, "--concurrency=N");
    assertTrue(delivery < concurrency && concurrency < output, help);
    int request = lines.indexOf("Request:");
    int method = indexOfContaining(lines, "--method=METHOD");
    assertTrue(request < method && method < delivery, help);
    int coordination = lines.indexOf("Coordination:");
    assertTrue(coordination < indexOfContaining(lines, "--shard=K/N|auto"), help);
    assertTrue(output < indexOfContaining(lines, "--junit=FILE"), help);
  }

  @Test
  void helpShowsTheDefaults() {
    String help = cli().run("--help").out().replaceAll("\\s+", " ");
    for (String d :
        List.of(
            "(default: 8)",
            "(default: 30s)",
            "(default: 10s)",
            "(default: 10MiB)",
            "(default: 2)",
            "(default: 200ms,10s)",
            "(default: 60s)",
            "(default: request.log)")) {
      assertTrue(help.contains(d), d + " in " + help);
    }
  }

  private static int indexOfContaining(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theManPageGetsTheSameSections(@TempDir Path dir) throws Exception {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine cl =
        CommandLines.create(Map.of(), InputStream.nullInputStream(), none, none, new RunControl());
    Map<String, String> headings = HelpSections.headingsByFirstOption(cl.getCommandSpec());
    assertEquals(
        List.of(
            "Input",
            "Request",
            "Delivery and retries",
            "Output and reports",
            "Coordination",
            "General"),
        List.copyOf(headings.values()));
    assertEquals("Request", headings.get("--url"));
    Path page = dir.resolve("batchsend.adoc");
    Files.writeString(page, "== Options\n\n*-u*, *--url*=_TEMPLATE_::\n  Request URL.\n");
    ManPage.addSectionHeadings(page, Map.of("--url", "Request"));
    assertEquals(
        "== Options\n\n=== Request\n\n*-u*, *--url*=_TEMPLATE_::\n  Request URL.\n",
        Files.readString(page));
  }
}
