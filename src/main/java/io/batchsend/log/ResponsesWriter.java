package io.batchsend.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.config.OutputException;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResponseBody;
import io.batchsend.engine.ResultSink;
import io.batchsend.template.Encoding;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code --responses}: one JSON line per item with its response body: embedded as JSON when the
 * response is JSON, a string when it is text, base64 (with {@code "encoding":"base64"}) otherwise.
 * Called under the pool's log lock, so lines never interleave, even on standard output.
 */
public final class ResponsesWriter implements ResultSink, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Writer out;
  private final boolean closeOut;

  /**
   * @param name the file, for messages
   * @param out where lines go
   * @param closeOut false for standard output, which is not ours to close
   */
  public ResponsesWriter(String name, Writer out, boolean closeOut) {
    this.name = name;
    this.out = out;
    this.closeOut = closeOut;
  }

  /** Opens {@code path} for writing (replacing it). */
  public static ResponsesWriter open(java.nio.file.Path path) {
    try {
      return new ResponsesWriter(
          path.toString(),
          new OutputStreamWriter(
              new java.io.FileOutputStream(path.toFile()), StandardCharsets.UTF_8),
          true);
    } catch (IOException e) {
      throw new OutputException(path, e);
    }
  }

  @Override
  public void accept(ItemResult r) throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"index\":").append(r.item().index()).append(",\"item\":");
    Encoding.jsonString(r.item().text(), sb);
    sb.append(",\"status\":");
    sb.append(r.hasStatus() ? Integer.toString(r.status()) : "null");
    ResponseBody body = r.body();
    if (body == null) {
      sb.append(",\"body\":null");
    } else {
      appendBody(body, sb);
      if (body.truncated()) {
        sb.append(",\"truncated\":true");
      }
    }
    if (r.failure() != null) {
      sb.append(",\"error\":");
      Encoding.jsonString(r.failure().describe(), sb);
    }
    sb.append("}\n");
    try {
      out.write(sb.toString());
      out.flush();
    } catch (IOException e) {
      throw new IOException(
          "cannot write --responses " + name + ": " + OutputException.describe(e), e);
    }
  }

  private static void appendBody(ResponseBody body, StringBuilder sb) {
    String type = body.contentType() == null ? "" : body.contentType().toLowerCase(Locale.ROOT);
    String text = utf8(body.bytes());
    if (text != null && !body.truncated() && type.contains("json")) {
      try {
        JsonNode node = JSON.readTree(text);
        if (node != null) {
          sb.append(",\"body\":").append(JSON.writeValueAsString(node));
          return;
        }
      } catch (JsonProcessingException e) {
        // Not JSON after all: kept as text below.
      }
    }
    if (text != null) {
      sb.append(",\"body\":");
      Encoding.jsonString(text, sb);
    } else {
      sb.append(",\"body\":\"").append(Base64.getEncoder().encodeToString(body.bytes()));
      sb.append("\",\"encoding\":\"base64\"");
    }
  }

  /** The bytes as text when they are valid UTF-8 with no NUL, else null. */
  private static String utf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    if (closeOut) {
      out.close();
    } else {
      out.flush();
    }
  }
}
