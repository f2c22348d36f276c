package io.batchsend.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An output (the request log, a report) that cannot be written: exit code 3. */
public final class OutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputException(Path file, IOException cause) {
    super("cannot write " + file + ": " + describe(cause), cause);
  }

  public OutputException(String message, IOException cause) {
    super(message, cause);
  }

  /** A short reason for an I/O failure, without the exception class name. */
  public static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
