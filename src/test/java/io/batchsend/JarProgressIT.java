package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Jar;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line appears on a terminal and nowhere else. */
class JarProgressIT {
  private static final Pattern COUNT = Pattern.compile("sending (\\d+)/400 ");

  @TempDir Path dir;

  @Test
  void onAPseudoTerminalTheCountChangesAndEndsAtTheTotal() throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "needs script(1) for a pseudo-terminal");
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(400));
    Path typescript = dir.resolve("typescript");
    try (MockWebServer server = Servers.ok()) {
      List<String> words = Jar.command();
      // --rate makes the run last ~2 s, long enough for several redraws.
      words.addAll(
          List.of(
              "--rate",
              "200/s",
              "-o",
              dir.resolve("log").toString(),
              "-u",
              Servers.url(server, "/{data}"),
              data.toString()));
      String command = String.join(" ", words);
      Process p =
          new ProcessBuilder(script.toString(), "-qfec", command, typescript.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(dir.resolve("out").toFile())
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out")));
    }
    String screen = Files.readString(typescript, StandardCharsets.UTF_8);
    Set<Integer> counts = new LinkedHashSet<>();
    Matcher m = COUNT.matcher(screen);
    while (m.find()) {
      counts.add(Integer.parseInt(m.group(1)));
    }
    List<Integer> seen = new ArrayList<>(counts);
    assertTrue(seen.size() >= 3, "the count changed several times: " + seen);
    assertEquals(400, seen.get(seen.size() - 1), "the last redraw shows the total");
    assertTrue(screen.contains("\r"), "redrawn in place");
  }

  @Test
  void whenStderrIsAFileNothingOfTheProgressLineAppears() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(400));
    try (MockWebServer server = Servers.ok()) {
      Process p =
          Jar.start(dir, "--rate", "400/s", "-u", Servers.url(server, "/{data}"), data.toString());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    }
    String err = Files.readString(dir.resolve("stderr"));
    assertFalse(err.contains("sending "), err);
    assertFalse(err.contains("\r"), err);
    assertTrue(err.contains("400 items: 400 ok"), err);
  }
}
