package io.batchsend.log;

import io.batchsend.config.OutputException;
import io.batchsend.engine.BodyStore;
import io.batchsend.engine.ResponseBody;
import io.batchsend.input.Item;
import io.batchsend.template.PathTemplate;
import io.batchsend.template.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --save-bodies}: each response body in a file of its own, named from the item. */
public final class BodyFiles implements BodyStore {
  private final PathTemplate paths;

  public BodyFiles(PathTemplate paths) {
    this.paths = paths;
  }

  @Override
  public Path target(Item item) throws RenderException {
    return paths.render(item);
  }

  @Override
  public void save(Path target, ResponseBody body) throws IOException {
    try {
      Path parent = target.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(target, body.bytes());
    } catch (IOException e) {
      throw new IOException(
          "cannot save body to " + target + ": " + OutputException.describe(e), e);
    }
  }
}
