package io.batchsend.cli;

import io.batchsend.config.OutputException;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -d TEMPLATE} or {@code -d @file}: the body template, read from the file when it starts
 * with {@code @}. The file is read only up to the template limit, so a huge file (or a pipe that
 * never ends) is refused before it fills the heap.
 */
final class BodyArgument {
  private BodyArgument() {}

  /** The template {@code body} names, or null for none. */
  static String template(String body) {
    if (body == null || !body.startsWith("@")) {
      return body;
    }
    Path file = Path.of(body.substring(1));
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) RequestSpec.MAX_BODY_TEMPLATE_BYTES + 1);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read --body file " + file + ": " + OutputException.describe(e));
    }
    if (bytes.length > RequestSpec.MAX_BODY_TEMPLATE_BYTES) {
      throw RequestSpec.tooLarge("--body file " + file);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UsageException("cannot read --body file " + file + ": not valid UTF-8");
    }
  }
}
