package io.batchsend.progress;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live progress line on stderr: items done / total, percent, requests/s, ok, failed, elapsed,
 * ETA. Runs on its own daemon thread and only reads counters that are safe to read at any time, so
 * it never takes the log lock and costs the workers nothing.
 *
 * <p>On a terminal it redraws one line in place 5 times a second and clears it when the run ends or
 * is interrupted; otherwise ({@code --progress=always} into a file or a CI log) it prints a plain
 * line every few seconds.
 */
public final class ProgressLine implements AutoCloseable {
  static final long REDRAW_MILLIS = 200;
  static final long PLAIN_MILLIS = 5_000;

  /**
   * The rate shown is the items done over the last 5 seconds: between two redraws a steady 16/s
   * batch finishes 3 or 4 items, and a rate over 200 ms (even smoothed) swung between 10 and 23.
   */
  static final long RATE_WINDOW_MILLIS = 5_000;

  /** A terminal echoes Ctrl-C as {@code ^C} after the line; clearing covers it too. */
  private static final int ECHO_COLUMNS = 2;

  /**
   * What the line shows.
   *
   * @param ok items that succeeded so far
   * @param failed items that failed so far
   * @param skipped items skipped so far ({@code --resume})
   * @param total the number of items, or -1 when unknown (standard input)
   * @param extra more to show at the end (e.g. the adaptive limit), or null
   */
  public record Source(
      LongSupplier ok,
      LongSupplier failed,
      LongSupplier skipped,
      long total,
      Supplier<String> extra) {}

  private final Source source;
  private final PrintWriter err;
  private final boolean redraw;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final ScheduledExecutorService timer;

  /** (nanos, items done) at each redraw within the rate window, oldest first. */
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  private double rate;
  private int lastLength;

  private ProgressLine(Source source, PrintWriter err, boolean redraw, LongSupplier nanoTime) {
    this.source = source;
    this.err = err;
    this.redraw = redraw;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    samples.add(new long[] {startNanos, 0});
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "batchsend-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts drawing.
   *
   * @param redraw true on a terminal (redraw in place), false for a plain line every few seconds
   */
  public static ProgressLine start(
      Source source, PrintWriter err, boolean redraw, LongSupplier nanoTime) {
    ProgressLine line = new ProgressLine(source, err, redraw, nanoTime);
    long period = redraw ? REDRAW_MILLIS : PLAIN_MILLIS;
    line.timer.scheduleAtFixedRate(line::draw, period, period, TimeUnit.MILLISECONDS);
    return line;
  }

  /** Draws the line once; package-private for tests. */
  synchronized void draw() {
    String text = render(nanoTime.getAsLong());
    if (redraw) {
      // Pad over the previous text instead of an escape sequence: works on any terminal.
      int pad = Math.max(0, lastLength - text.length());
      err.print("\r" + text + " ".repeat(pad));
      lastLength = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** The line as it reads at {@code now}; package-private for tests. */
  synchronized String render(long now) {
    long ok = source.ok().getAsLong();
    long failed = source.failed().getAsLong();
    long done = ok + failed + source.skipped().getAsLong();
    rate = windowRate(now, done);
    long total = source.total();
    StringBuilder sb = new StringBuilder("sending ");
    if (total >= 0) {
      double percent = total == 0 ? 100 : 100.0 * done / total;
      sb.append(String.format(Locale.ROOT, "%d/%d (%.1f%%)", done, total, percent));
    } else {
      sb.append(done).append("/?");
    }
    sb.append(String.format(Locale.ROOT, "  %.0f req/s  ok %d  failed %d", rate, ok, failed));
    sb.append("  elapsed ").append(clock((now - startNanos) / 1_000_000_000L));
    if (total >= 0 && rate > 0 && done < total) {
      sb.append("  eta ").append(clock(Math.round((total - done) / rate)));
    }
    String extra = source.extra() == null ? null : source.extra().get();
    if (extra != null && !extra.isEmpty()) {
      sb.append("  ").append(extra);
    }
    return sb.toString();
  }

  /** Items per second over the last {@link #RATE_WINDOW_MILLIS}, or since the start. */
  private double windowRate(long now, long done) {
    if (now > samples.peekLast()[0]) {
      samples.addLast(new long[] {now, done});
    }
    long windowStart = now - RATE_WINDOW_MILLIS * 1_000_000L;
    // Keep the newest sample at or before the window's start, so the window is spanned whole.
    while (samples.size() > 2 && secondOldest()[0] <= windowStart) {
      samples.pollFirst();
    }
    long[] oldest = samples.peekFirst();
    double seconds = (now - oldest[0]) / 1e9;
    return seconds > 0 ? (done - oldest[1]) / seconds : rate;
  }

  private long[] secondOldest() {
    Iterator<long[]> it = samples.iterator();
    it.next();
    return it.next();
  }

  private static String clock(long seconds) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  /**
   * Stops drawing; a redrawn line is cleared (with what the terminal echoed after it, such as
   * {@code ^C}), so the summary that follows starts on a clean line and says the rest.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (redraw) {
      synchronized (this) {
        // The final count is drawn first: a terminal recording (script(1)) ends with it.
        draw();
        err.print("\r" + " ".repeat(lastLength + ECHO_COLUMNS) + "\r");
        err.flush();
      }
    }
  }
}
