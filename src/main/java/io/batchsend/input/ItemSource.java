package io.batchsend.input;

import io.batchsend.config.InputSpec;
import io.batchsend.config.UsageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a run's items come from: a file, which is checked whole before anything is sent and then
 * read again lazily, or a stream (standard input, a pipe), read once.
 */
public final class ItemSource {
  private final InputSpec spec;
  private final InputStream stdin;
  private final boolean regularFile;

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
    return "lines input";
  }

  /** The names {@code {NAME}} placeholders may use. */
  public Set<String> fieldNames() {
    return Set.of();
  }

  /** True when the input is a regular file, which is checked whole before anything is sent. */
  public boolean isCheckedWhole() {
    return regularFile;
  }

  /**
   * For a regular file, reads every record once to check it and count the items.
   *
   * @return the number of items, or -1 for a stream (which is not read ahead)
   * @throws UsageException naming the line of the first malformed record
   */
  public long preflight() {
    if (!regularFile) {
      return -1;
    }
    long count = 0;
    try (ItemReader reader = open()) {
      while (reader.next() != null) {
        count++;
      }
    } catch (MalformedInputException e) {
      throw new UsageException(spec.displayName() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read data file " + spec.displayName() + ": " + e.getMessage(), e);
    }
    return count;
  }

  /** Opens a reader over the items. A file is opened afresh each time. */
  public ItemReader open() throws IOException {
    InputStream in =
        spec.isStdin()
            ? stdin
            : new BufferedInputStream(Files.newInputStream(spec.path()), 1 << 16);
    return new LineItemReader(in, !regularFile);
  }

  /** How the input is named in messages. */
  public String displayName() {
    return spec.displayName();
  }
}
