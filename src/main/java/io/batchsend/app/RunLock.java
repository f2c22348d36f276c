package io.batchsend.app;

import io.batchsend.config.ExitCodes;
import io.batchsend.config.OutputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code --lock=FILE}: an exclusive operating-system lock on FILE, held until {@link #close}, so
 * two runs of the same job (a slow cron run and the next one) never overlap. The holder's pid is
 * written into the file for the message the loser prints.
 *
 * <p>The lock belongs to the process, not to the file's existence: the kernel drops it when the
 * process ends in any way, SIGKILL included, so a crash never leaves a stale lock behind. For the
 * same reason the file is never deleted: a run that opened it just before a deletion would lock an
 * unlinked file while a third run locks a new one, and both would proceed.
 */
public final class RunLock implements Closeable {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock at once or not at all.
   *
   * @throws HeldException when another process (or another run in this one) holds it
   * @throws OutputException when the file cannot be opened or written
   */
  public static RunLock acquire(Path path) {
    FileChannel channel;
    try {
      // No TRUNCATE_EXISTING: until the lock is ours, the file holds the holder's pid.
      channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutputException(
          "cannot open --lock file " + path + ": " + OutputException.describe(e), e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another run inside this JVM (in-process tests, embedders)
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new HeldException(path, holder);
      }
      writePid(channel);
      return new RunLock(path, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OutputException(
          "cannot use --lock file " + path + ": " + OutputException.describe(e), e);
    }
  }

  /** The locked file. */
  public Path path() {
    return path;
  }

  /** Empties the file (the pid would mislead once we are gone) and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        channel.truncate(0);
      }
    } finally {
      channel.close(); // releases the lock
    }
  }

  private static void writePid(FileChannel channel) throws IOException {
    channel.truncate(0);
    ByteBuffer pid =
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
    long at = 0;
    while (pid.hasRemaining()) {
      at += channel.write(pid, at);
    }
    channel.force(false);
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    channel.read(buf, 0);
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
    return text.matches("\\d{1,19}") ? text : null;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing with a clearer message.
    }
  }

  /** Another run holds the lock: exit {@link ExitCodes#LOCKED}, nothing sent. */
  public static final class HeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeldException(Path path, String pid) {
      super(
          "another run holds --lock "
              + path
              + (pid == null ? " (pid unknown)" : " (pid " + pid + ")"));
    }
  }
}
