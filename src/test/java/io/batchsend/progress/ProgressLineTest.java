package io.batchsend.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong now = new AtomicLong();

  private ProgressLine line(long total) {
    ProgressLine.Source source =
        new ProgressLine.Source(ok::get, failed::get, () -> 0, total, () -> "limit 4");
    ProgressLine line =
        ProgressLine.start(source, new PrintWriter(new StringWriter()), false, now::get);
    line.close();
    return line;
  }

  @Test
  void showsCountsPercentRateElapsedAndEta() {
    ProgressLine line = line(1000);
    now.set(2_000_000_000L);
    ok.set(190);
    failed.set(10);
    assertEquals(
        "sending 200/1000 (20.0%)  100 req/s  ok 190  failed 10  elapsed 0:00:02  eta 0:00:08  limit 4",
        line.render(now.get()));
  }

  @Test
  void unknownTotalShowsAQuestionMarkAndNoEta() {
    ProgressLine line = line(-1);
    now.set(1_000_000_000L);
    ok.set(50);
    assertEquals(
        "sending 50/?  50 req/s  ok 50  failed 0  elapsed 0:00:01  limit 4",
        line.render(now.get()));
  }

  @Test
  void rateOfASteadyBatchIsSteady() {
    ProgressLine line = line(10_000);
    for (int tick = 1; tick <= 100; tick++) {
      long millis = tick * ProgressLine.REDRAW_MILLIS;
      now.set(millis * 1_000_000L);
      ok.set(16 * millis / 1000); // 16 items a second, 3 or 4 between two redraws
      String text = line.render(now.get());
      if (millis >= ProgressLine.RATE_WINDOW_MILLIS) {
        assertTrue(text.contains("  16 req/s  "), "at " + millis + " ms: " + text);
      }
    }
  }

  @Test
  void closingClearsTheRedrawnLineAndWhatTheTerminalEchoedAfterIt() {
    StringWriter out = new StringWriter();
    ProgressLine.Source source = new ProgressLine.Source(ok::get, failed::get, () -> 0, 10, null);
    ProgressLine line = ProgressLine.start(source, new PrintWriter(out), true, now::get);
    now.set(1_000_000_000L);
    ok.set(4);
    line.draw();
    String text = line.render(now.get());
    line.close();
    String written = out.toString();
    // Ctrl-C echoes "^C" after the line: the clearing reaches two columns past it.
    assertTrue(written.endsWith("\r" + " ".repeat(text.length() + 2) + "\r"), written);
    assertFalse(written.contains("\n"), "no line of progress is left behind: " + written);
  }
}
