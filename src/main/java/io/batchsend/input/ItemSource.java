package io.batchsend.input;

import io.batchsend.config.InputFormat;
import io.batchsend.config.InputSpec;
import io.batchsend.config.UsageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a run's items come from and how they are read: a regular file, which is checked whole
 * before anything is sent and then read again lazily, or a stream (standard input, a pipe), read
 * once, of which only the first record is checked up front.
 */
public final class ItemSource {
  private final InputSpec spec;
  private final InputStream stdin;
  private final boolean regularFile;
  // A stream can be read only once: its reader is opened when its fields are first asked for (they
  // are in its CSV header or first JSON object) and handed on by open().
  private ItemReader stream;
  private boolean streamTaken;
  private Set<String> fieldNames;

  private ItemSource(InputSpec spec, InputStream stdin, boolean regularFile) {
    this.spec = spec;
    this.stdin = stdin;
    this.regularFile = regularFile;
  }

  /**
   * Checks that the data can be read.
   *
   * @param stdin what {@code -} reads
   * @throws UsageException for a missing, unreadable or directory path
   */
  public static ItemSource of(InputSpec spec, InputStream stdin) {
    if (spec.isStdin()) {
      return new ItemSource(spec, stdin, false);
    }
    Path path = spec.path();
    if (!Files.exists(path)) {
      throw new UsageException("cannot read data file " + path + ": no such file");
    }
    if (Files.isDirectory(path)) {
      throw new UsageException("cannot read data file " + path + ": is a directory");
    }
    if (!Files.isReadable(path)) {
      throw new UsageException("cannot read data file " + path + ": permission denied");
    }
    return new ItemSource(spec, stdin, Files.isRegularFile(path));
  }

  /** How the input is described in messages. */
  public String kind() {
    return switch (spec.format()) {
      case LINES -> "lines input";
      case CSV -> "CSV input";
      case JSONL -> "JSON Lines input";
    };
  }

  /**
   * The names {@code {NAME}} placeholders may use: the columns of a CSV header, the keys of the
   * first JSON object, none for lines. A stream's header or first record is read for them here, and
   * {@link #open} goes on from there.
   *
   * @throws UsageException when the header or first record cannot be read
   */
  public Set<String> fieldNames() {
    if (fieldNames == null) {
      if (spec.format() == InputFormat.LINES) {
        fieldNames = Set.of();
      } else if (regularFile) {
        try (ItemReader reader = openFile()) {
          fieldNames = reader.fieldNames();
        } catch (IOException e) {
          throw unreadable(e);
        }
      } else {
        fieldNames = stream().fieldNames();
      }
    }
    return fieldNames;
  }

  /** True when the input is a regular file, which is checked whole before anything is sent. */
  public boolean isCheckedWhole() {
    return regularFile;
  }

  /**
   * For a regular file, reads every record once to check it and count the items.
   *
   * @param required the fields every item must have: those the templates use
   * @param problem what is wrong with an item that cannot make a request (an item that is to be the
   *     whole URL but is not one), or null when nothing is
   * @return the number of items, or -1 for a stream (which is not read ahead)
   * @throws UsageException naming the line of the first malformed or too long record, of the first
   *     record without a required field, or of the first record with a problem
   */
  public long preflight(Set<String> required, Function<Item, String> problem) {
    if (!regularFile) {
      return -1;
    }
    long count = 0;
    try (ItemReader reader = openFile()) {
      Item item;
      while ((item = reader.next()) != null) {
        for (String name : required) {
          if (!item.fields().containsKey(name)) {
            throw new UsageException(
                displayName() + ": line " + reader.lineNumber() + ": missing field {" + name + "}");
          }
        }
        String wrong = problem.apply(item);
        if (wrong != null) {
          throw new UsageException(displayName() + ": line " + reader.lineNumber() + ": " + wrong);
        }
        count++;
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
    return count;
  }

  /**
   * Opens a reader over the items. A regular file is opened afresh each time; a stream only once.
   *
   * @throws UsageException when a stream's header or first record is malformed
   */
  public ItemReader open() throws IOException {
    if (regularFile) {
      return openFile();
    }
    ItemReader reader = stream();
    stream = null;
    streamTaken = true;
    return reader;
  }

  private ItemReader openFile() throws IOException {
    return reader(new BufferedInputStream(Files.newInputStream(spec.path()), 1 << 16), false);
  }

  private ItemReader stream() {
    if (streamTaken) {
      throw new IllegalStateException(displayName() + " is a stream and is read only once");
    }
    if (stream == null) {
      try {
        InputStream in = spec.isStdin() ? stdin : Files.newInputStream(spec.path());
        stream = FirstItemChecked.open(reader(in, true), displayName());
      } catch (IOException e) {
        throw unreadable(e);
      }
    }
    return stream;
  }

  private ItemReader reader(InputStream in, boolean malformedIsItem) throws IOException {
    return switch (spec.format()) {
      case LINES -> new LineItemReader(in, malformedIsItem, spec.maxLineBytes());
      case CSV -> CsvItemReader.open(in, malformedIsItem, spec.maxLineBytes());
      case JSONL -> JsonlItemReader.open(in, malformedIsItem, spec.maxLineBytes());
    };
  }

  private UsageException unreadable(IOException e) {
    if (e instanceof MalformedInputException) {
      return new UsageException(displayName() + ": " + e.getMessage(), e);
    }
    return new UsageException("cannot read data file " + displayName() + ": " + e.getMessage(), e);
  }

  /** How the input is named in messages. */
  public String displayName() {
    return spec.displayName();
  }
}
