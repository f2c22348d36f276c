package io.batchsend.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A response body kept for {@code --responses} or {@code --save-bodies}: a small one in memory, a
 * larger one in a file, so that no worker ever holds a whole large body (the contract bounds memory
 * whatever the responses). A spooled body's file is temporary until {@link BodyStore} moves it into
 * place; whoever consumes a temporary body last calls {@link #discard}.
 */
public final class ResponseBody {
  private final byte[] memory;
  private final Path file;
  private final boolean temporary;
  private final long size;
  private final String contentType;
  private final boolean truncated;

  private ResponseBody(
      byte[] memory,
      Path file,
      boolean temporary,
      long size,
      String contentType,
      boolean truncated) {
    if ((memory == null) == (file == null)) {
      throw new IllegalArgumentException("a body is in memory or in a file, exactly one");
    }
    if (size < 0) {
      throw new IllegalArgumentException("body size must be >= 0: " + size);
    }
    this.memory = memory;
    this.file = file;
    this.temporary = temporary;
    this.size = size;
    this.contentType = contentType;
    this.truncated = truncated;
  }

  /**
   * A small body held in memory.
   *
   * @param contentType the response's Content-Type, or null
   * @param truncated true when the body was cut at {@code --max-body}
   */
  public static ResponseBody inMemory(byte[] bytes, String contentType, boolean truncated) {
    return new ResponseBody(bytes, null, false, bytes.length, contentType, truncated);
  }

  /** A body in the temporary file {@code spool}, {@code size} bytes long. */
  public static ResponseBody spooled(Path spool, long size, String contentType, boolean truncated) {
    return new ResponseBody(null, spool, true, size, contentType, truncated);
  }

  /** The same body, now kept (not temporary) in {@code saved}. */
  public ResponseBody savedAt(Path saved) {
    return new ResponseBody(null, saved, false, size, contentType, truncated);
  }

  /**
   * Reads the body from its start; the caller closes the stream. A link put in the file's place
   * meanwhile is not followed.
   */
  public InputStream open() throws IOException {
    return memory != null
        ? new ByteArrayInputStream(memory)
        : Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  /** The body's bytes, at most {@code --max-body}. */
  public long size() {
    return size;
  }

  /** The file holding the body, or null when it is in memory. */
  public Path file() {
    return file;
  }

  /** True when {@link #file} is a spool file that nobody keeps. */
  public boolean isTemporary() {
    return temporary;
  }

  /** The response's Content-Type, or null. */
  public String contentType() {
    return contentType;
  }

  /** True when the body was cut at {@code --max-body}. */
  public boolean truncated() {
    return truncated;
  }

  /** Deletes a temporary spool file; nothing for a kept or in-memory body. Never throws. */
  public void discard() {
    if (temporary) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover spool file is harmless; the run's outcome does not depend on it.
      }
    }
  }
}
