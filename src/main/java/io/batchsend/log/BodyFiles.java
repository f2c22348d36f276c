package io.batchsend.log;

import io.batchsend.config.OutputException;
import io.batchsend.engine.BodyStore;
import io.batchsend.engine.ResponseBody;
import io.batchsend.input.Item;
import io.batchsend.template.PathTemplate;
import io.batchsend.template.RenderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * {@code --save-bodies}: each response body in a file of its own, named from the item.
 *
 * <p>The paths below the template's base directory come from the data, and the directory may hold
 * links planted by someone else ({@code out/link -> ../outside}). So no directory below the base
 * may be a symbolic link, the target itself may not be one, and every file is written under a fresh
 * temporary name and renamed into place: a rename replaces whatever appeared at the name meanwhile
 * instead of following it.
 */
public final class BodyFiles implements BodyStore {
  private final PathTemplate paths;

  public BodyFiles(PathTemplate paths) {
    this.paths = paths;
  }

  @Override
  public Path target(Item item) throws RenderException {
    return paths.render(item);
  }

  /**
   * The base directory, created if missing: where bodies are spooled while they are read, so that
   * saving one is a rename.
   *
   * @throws OutputException when it cannot be created
   */
  public Path spoolDirectory() {
    Path base = paths.base();
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      throw new OutputException(base, e);
    }
    return base;
  }

  @Override
  public ResponseBody save(Path target, ResponseBody body) throws IOException {
    try {
      Path parent = safeParent(target);
      if (Files.isSymbolicLink(target)) {
        throw new IOException("refusing to replace the symbolic link " + target);
      }
      if (body.isTemporary()) {
        try {
          Files.move(body.file(), target, StandardCopyOption.ATOMIC_MOVE);
          return body.savedAt(target);
        } catch (AtomicMoveNotSupportedException e) {
          // Another file system below the base: copy, then rename there.
        }
      }
      // Not createTempFile, whose mode 0600 would stay with the body: the umask's, as before.
      Path temporary = parent.resolve(".batchsend-" + UUID.randomUUID() + ".part");
      try {
        try (InputStream in = body.open()) {
          Files.copy(in, temporary); // O_EXCL: never opens what is already there
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
      body.discard();
      return body.savedAt(target);
    } catch (IOException e) {
      throw new IOException(
          "cannot save body to " + target + ": " + OutputException.describe(e), e);
    }
  }

  /**
   * The target's directory, created one level at a time from the base, with no symbolic link on the
   * way.
   */
  private Path safeParent(Path target) throws IOException {
    Path base = paths.base();
    Path dir = base;
    for (Path name : base.relativize(target.getParent() == null ? base : target.getParent())) {
      if (name.toString().isEmpty()) {
        continue;
      }
      dir = dir.resolve(name);
      if (Files.isSymbolicLink(dir)) {
        throw new IOException("refusing to write through the symbolic link " + dir);
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("not a directory: " + dir, e);
          }
        }
      }
    }
    return dir;
  }
}
