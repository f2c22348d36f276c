package io.batchsend.input;

import io.batchsend.config.InputSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Reads one item per line; blank lines are skipped and take no index. */
public final class LineItemReader implements ItemReader {
  private final InputStream in;
  private final Utf8LineSplitter lines;
  private final boolean malformedIsItem;
  private long index;
  private long itemLine;

  /**
   * @param in the bytes to read; closed with this reader
   * @param malformedIsItem true to turn an undecodable line into a malformed item (stdin), false to
   *     throw {@link MalformedInputException} (a file, checked before anything is sent)
   */
  public LineItemReader(InputStream in, boolean malformedIsItem) {
    this(in, malformedIsItem, InputSpec.DEFAULT_MAX_LINE);
  }

  /**
   * @param maxLine the most bytes a line may hold; a longer one is refused as malformed
   */
  public LineItemReader(InputStream in, boolean malformedIsItem, long maxLine) {
    this.in = in;
    this.lines = new Utf8LineSplitter(in, maxLine);
    this.malformedIsItem = malformedIsItem;
  }

  @Override
  public Item next() throws IOException {
    while (true) {
      String line;
      try {
        line = lines.nextLine();
      } catch (MalformedInputException e) {
        if (!malformedIsItem) {
          throw e;
        }
        itemLine = e.lineNumber();
        return Item.malformed(++index, "", e.getMessage());
      }
      if (line == null) {
        return null;
      }
      if (!line.isBlank()) {
        itemLine = lines.lineNumber();
        return Item.line(++index, line);
      }
    }
  }

  @Override
  public Set<String> fieldNames() {
    return Set.of();
  }

  @Override
  public long lineNumber() {
    return itemLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
