package io.batchsend.log;

import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The items an earlier run already logged as ok ({@code --resume}): an item is skipped only when
 * the log holds an ok record with its index, its item text (by a 128-bit SHA-256 digest) and the
 * same request. A log written by another request, or by a version that did not record the request,
 * is refused unless the user passes {@code --resume-any-request}.
 *
 * <p>Bounded memory for any log size: the (index, digest) pairs of ok records are collected in
 * chunks of {@value #CHUNK} (6 MB), each sorted by index and, when there is more than one, spilled
 * to a temporary file; the chunks are then merged lazily while the input, which comes in index
 * order, asks about its items one by one. A 10,000,000-record log takes 40 runs of 24 bytes a
 * record on disk and stays within the launcher's 96 MB heap.
 *
 * <p>{@link #test} must be called with increasing indexes, by one thread.
 */
public final class ResumeIndex implements Predicate<Item>, Closeable {
  /** Pairs held in memory at once: 3 longs each. */
  static final int CHUNK = 1 << 18;

  /** Index bits in a packed sort key; the low bits hold the pair's position in its chunk. */
  private static final int POSITION_BITS = 18;

  /** Larger indexes do not fit a sort key; no run holds that many items. */
  private static final long MAX_INDEX = (1L << (63 - POSITION_BITS)) - 1;

  private final MessageDigest sha256 = RequestFingerprint.sha256();
  private final PriorityQueue<Run> heads =
      new PriorityQueue<>(Comparator.comparingLong(Run::index));
  private final List<Run> runs = new ArrayList<>();
  private long okCount;
  private long torn;

  private ResumeIndex() {}

  /**
   * Reads {@code log}; a missing file is an empty index (nothing done yet).
   *
   * @param request the request this run sends
   * @param anyRequest skip what the log records as ok whatever request wrote it
   * @throws UsageException when the file cannot be read, or was written by another request
   */
  public static ResumeIndex read(Path log, RequestFingerprint request, boolean anyRequest) {
    return read(log, request, anyRequest, CHUNK);
  }

  /** {@link #read} with chunks of {@code chunk} pairs, so that tests can make it spill. */
  static ResumeIndex read(Path log, RequestFingerprint request, boolean anyRequest, int chunk) {
    if (chunk < 1 || chunk > CHUNK) {
      throw new IllegalArgumentException("chunk must be 1 to " + CHUNK + ": " + chunk);
    }
    ResumeIndex index = new ResumeIndex();
    Collector collector = index.new Collector(request, anyRequest, chunk);
    try {
      index.torn = new LogReader().read(log, collector).torn();
      collector.finish();
    } catch (NoSuchFileException e) {
      return index;
    } catch (IOException e) {
      index.close();
      throw new UsageException("cannot read --log " + log + " to resume: " + e.getMessage(), e);
    } catch (MalformedLogException e) {
      index.close();
      throw new UsageException("cannot resume from --log " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      index.close();
      throw new UsageException(
          "cannot resume from --log " + log + ": " + e.getCause().getMessage(), e);
    }
    if (!anyRequest) {
      try {
        collector.checkRequests(log);
      } catch (UsageException e) {
        index.close();
        throw e;
      }
    }
    return index;
  }

  /** True when {@code item} was logged ok: it is skipped. */
  @Override
  public boolean test(Item item) {
    long wanted = item.index();
    while (!heads.isEmpty() && heads.peek().index() < wanted) {
      advance(heads.poll());
    }
    boolean done = false;
    long[] digest = null;
    while (!heads.isEmpty() && heads.peek().index() == wanted) {
      Run run = heads.poll();
      if (digest == null) {
        digest = digest(item.text());
      }
      done |= run.high() == digest[0] && run.low() == digest[1];
      advance(run);
    }
    return done;
  }

  private void advance(Run run) {
    try {
      if (run.advance()) {
        heads.add(run);
      } else {
        run.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resume index's temporary file", e);
    }
  }

  /** How many ok records of this request the log holds. */
  public long okCount() {
    return okCount;
  }

  /** Torn records ignored (a crashed run's last one, say). */
  public long unreadableLines() {
    return torn;
  }

  /** Closes the temporary files still open. */
  @Override
  public void close() {
    for (Run run : runs) {
      try {
        run.close();
      } catch (IOException e) {
        // A temporary file already deleted; nothing is lost.
      }
    }
    heads.clear();
  }

  private long[] digest(String text) {
    byte[] d = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = high << 8 | (d[i] & 0xFF);
      low = low << 8 | (d[i + 8] & 0xFF);
    }
    return new long[] {high, low};
  }

  /** Gathers the log's ok records into sorted runs and notes which requests wrote the log. */
  private final class Collector implements java.util.function.Consumer<LogRecord> {
    private final RequestFingerprint request;
    private final boolean anyRequest;
    private final long[] keys;
    private final long[] highs;
    private final long[] lows;
    private int size;
    private RequestFingerprint other;
    private long unknownOk;

    Collector(RequestFingerprint request, boolean anyRequest, int chunk) {
      this.request = request;
      this.anyRequest = anyRequest;
      this.keys = new long[chunk];
      this.highs = new long[chunk];
      this.lows = new long[chunk];
    }

    @Override
    public void accept(LogRecord r) {
      if (r.request() == null) {
        unknownOk += r.ok() ? 1 : 0;
      } else if (!r.request().equals(request) && other == null) {
        other = r.request();
      }
      boolean sameRequest = request.equals(r.request());
      if (!r.ok() || !(sameRequest || anyRequest) || r.index() > MAX_INDEX) {
        return; // beyond MAX_INDEX: such an item is simply sent again
      }
      long[] d = digest(r.item());
      keys[size] = r.index() << POSITION_BITS | size;
      highs[size] = d[0];
      lows[size] = d[1];
      size++;
      okCount++;
      if (size == keys.length) {
        spill();
      }
    }

    /** Sorts the chunk and writes it to a temporary file, read back and deleted as it merges. */
    private void spill() {
      Arrays.sort(keys, 0, size);
      try {
        Path file = Files.createTempFile("batchsend-resume-", ".bin");
        try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
          for (int i = 0; i < size; i++) {
            int at = (int) (keys[i] & (CHUNK - 1));
            out.writeLong(keys[i] >>> POSITION_BITS);
            out.writeLong(highs[at]);
            out.writeLong(lows[at]);
          }
        }
        runs.add(new FileRun(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      size = 0;
    }

    void finish() throws IOException {
      if (runs.isEmpty()) {
        Arrays.sort(keys, 0, size);
        runs.add(new MemoryRun(keys, highs, lows, size));
      } else if (size > 0) {
        spill();
      }
      for (Run run : runs) {
        if (run.advance()) {
          heads.add(run);
        }
      }
    }

    void checkRequests(Path log) {
      String hint =
          "; use another --log, or --resume-any-request to skip what it records as ok anyway";
      if (other != null) {
        throw new UsageException(
            "cannot --resume from --log "
                + log
                + ": it was written by another request (not the same: "
                + String.join(", ", other.differencesFrom(request))
                + ")"
                + hint);
      }
      if (unknownOk > 0) {
        throw new UsageException(
            "cannot --resume from --log "
                + log
                + ": "
                + unknownOk
                + " ok record(s) do not say which request sent them (written by an older"
                + " batchsend)"
                + hint);
      }
    }
  }

  /** One sorted run of (index, digest) pairs. */
  private interface Run extends Closeable {
    /** Moves to the next pair; false at the end. */
    boolean advance() throws IOException;

    long index();

    long high();

    long low();
  }

  /** The only chunk, when the log fitted in one. */
  private static final class MemoryRun implements Run {
    private final long[] keys;
    private final long[] highs;
    private final long[] lows;
    private final int size;
    private int at = -1;

    MemoryRun(long[] keys, long[] highs, long[] lows, int size) {
      this.keys = keys;
      this.highs = highs;
      this.lows = lows;
      this.size = size;
    }

    @Override
    public boolean advance() {
      return ++at < size;
    }

    @Override
    public long index() {
      return keys[at] >>> POSITION_BITS;
    }

    @Override
    public long high() {
      return highs[(int) (keys[at] & (CHUNK - 1))];
    }

    @Override
    public long low() {
      return lows[(int) (keys[at] & (CHUNK - 1))];
    }

    @Override
    public void close() {}
  }

  /** A spilled chunk, deleted as soon as it is open (where the platform allows). */
  private static final class FileRun implements Run {
    private final Path file;
    private DataInputStream in;
    private long index;
    private long high;
    private long low;

    FileRun(Path file) {
      this.file = file;
    }

    @Override
    public boolean advance() throws IOException {
      if (in == null) {
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 15));
        try {
          Files.delete(file);
        } catch (IOException e) {
          file.toFile().deleteOnExit(); // Windows keeps open files
        }
      }
      try {
        index = in.readLong();
        high = in.readLong();
        low = in.readLong();
        return true;
      } catch (EOFException e) {
        close();
        return false;
      }
    }

    @Override
    public long index() {
      return index;
    }

    @Override
    public long high() {
      return high;
    }

    @Override
    public long low() {
      return low;
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      } else {
        Files.deleteIfExists(file);
      }
    }
  }
}
