package io.batchsend.engine.http;

import io.batchsend.engine.ResponseBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import okio.Buffer;

/**
 * Keeps one response body while it is read: in memory up to {@link #IN_MEMORY_LIMIT}, then in a
 * temporary file in the spool directory, copied from the reader's chunks. With 8 workers and 5 MiB
 * bodies, whole bodies in memory overflowed the launcher's 96 MB heap; this way a worker holds at
 * most the limit, whatever the body's size.
 */
final class BodySpool {
  /** Bodies up to this size never touch the disk. */
  static final int IN_MEMORY_LIMIT = 64 * 1024;

  /** Failure to keep the body (the disk, not the network): told apart by the sender. */
  static final class SpoolException extends IOException {
    private static final long serialVersionUID = 1L;

    SpoolException(String message, IOException cause) {
      super(message, cause);
    }
  }

  private final Path directory;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;

  /**
   * @param directory where a large body's temporary file goes: the {@code --save-bodies} base
   *     directory, so that saving is a rename
   */
  BodySpool(Path directory) {
    this.directory = directory;
  }

  /** Keeps the first {@code length} bytes of {@code chunk}, which it leaves unchanged. */
  void write(Buffer chunk, long length) throws SpoolException {
    try {
      if (file == null && memory.size() + length > IN_MEMORY_LIMIT) {
        // Not createTempFile: its 0600 would stay with the saved body; CREATE_NEW gives the
        // umask's mode and never opens an existing file or link.
        file = directory.resolve(".batchsend-" + UUID.randomUUID() + ".part");
        fileOut = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        memory.writeTo(fileOut);
        memory = null;
      }
      if (file == null) {
        chunk.copyTo(memory, 0, length);
      } else {
        chunk.copyTo(fileOut, 0, length);
      }
      size += length;
    } catch (IOException e) {
      abandon();
      throw new SpoolException(
          "cannot keep the response body in " + directory + ": " + reason(e), e);
    }
  }

  /** The body kept so far, complete or not. */
  ResponseBody finish(String contentType, boolean truncated) throws SpoolException {
    if (file == null) {
      return ResponseBody.inMemory(memory.toByteArray(), contentType, truncated);
    }
    try {
      fileOut.close();
    } catch (IOException e) {
      abandon();
      throw new SpoolException(
          "cannot keep the response body in " + directory + ": " + reason(e), e);
    }
    return ResponseBody.spooled(file, size, contentType, truncated);
  }

  /** Drops whatever was kept. */
  void abandon() {
    if (file != null) {
      try {
        fileOut.close();
      } catch (IOException e) {
        // Deleted next anyway.
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover spool file is harmless.
      }
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
