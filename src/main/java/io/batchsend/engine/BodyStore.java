package io.batchsend.engine;

import io.batchsend.input.Item;
import io.batchsend.template.RenderException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code --save-bodies} puts each response body: one file per item, written by the worker
 * outside the log lock.
 */
public interface BodyStore {
  /**
   * The item's file, checked before anything is sent.
   *
   * @throws RenderException when the rendered path would leave the template's directory
   */
  Path target(Item item) throws RenderException;

  /**
   * Puts {@code body} at {@code target}, creating directories, never through a symbolic link.
   *
   * @return the body as now kept at {@code target}
   * @throws IOException when it cannot be saved; {@code body} is then left as it was
   */
  ResponseBody save(Path target, ResponseBody body) throws IOException;
}
