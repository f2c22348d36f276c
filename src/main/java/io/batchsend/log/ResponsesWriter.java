package io.batchsend.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.batchsend.config.OutputException;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResponseBody;
import io.batchsend.engine.ResponseHeaders;
import io.batchsend.engine.ResultSink;
import io.batchsend.text.JsonText;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code --responses}: one JSON line per item with its response body: embedded as JSON when the
 * response is JSON, a string when it is text, base64 (with {@code "encoding":"base64"}) otherwise.
 * Called under the pool's log lock, so lines never interleave, even on standard output.
 *
 * <p>Under {@code --response-headers} each line also has {@code "headers"} after the status: an
 * object of the kept headers by lower-case name, each value a string (a repeated header's values
 * joined with {@code ", "}, a secret's {@code "***"}), {@code {}} when the response had none of
 * them, {@code null} when no response came; {@code "headers_truncated":true} follows when some were
 * left out for the cap of {@link ResponseHeaders#MAX_CHARS}.
 *
 * <p>A body is copied from where the sender kept it (memory or a spool file) through a fixed
 * buffer, never read whole. A failure to write is remembered and thrown from {@link #flush}, after
 * the request log (an earlier sink) has flushed the same batch: the run stops with exit code 3 and
 * every record still reaches the log.
 */
public final class ResponsesWriter implements ResultSink, Closeable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int CHUNK = 12 * 1024; // a multiple of 3, for base64 in pieces
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String name;
  private final Writer out;
  private final boolean closeOut;
  private final boolean withHeaders;
  private final byte[] bytes = new byte[CHUNK];
  private final CharBuffer chars = CharBuffer.allocate(CHUNK);
  private final byte[] encoded = new byte[CHUNK / 3 * 4];

  /** A chunk's characters escaped: at most six per character. */
  private final char[] escaped = new char[CHUNK * 6];

  /** The first write failure; once set nothing more is written. */
  private IOException failure;

  /**
   * @param name the file, for messages
   * @param out where lines go
   * @param closeOut false for standard output, which is not ours to close
   */
  public ResponsesWriter(String name, Writer out, boolean closeOut) {
    this(name, out, closeOut, false);
  }

  /**
   * @param withHeaders true under {@code --response-headers}: every line has {@code "headers"}
   */
  public ResponsesWriter(String name, Writer out, boolean closeOut, boolean withHeaders) {
    this.name = name;
    this.out = out;
    this.closeOut = closeOut;
    this.withHeaders = withHeaders;
  }

  /**
   * Opens {@code path} for writing (replacing it).
   *
   * @param withHeaders true under {@code --response-headers}
   */
  public static ResponsesWriter open(java.nio.file.Path path, boolean withHeaders) {
    try {
      return new ResponsesWriter(
          path.toString(),
          new OutputStreamWriter(
              new java.io.FileOutputStream(path.toFile()), StandardCharsets.UTF_8),
          true,
          withHeaders);
    } catch (IOException e) {
      throw new OutputException(path, e);
    }
  }

  /** Writes the item's line; a failure is kept for {@link #flush}. */
  @Override
  public void accept(ItemResult r) {
    ResponseBody body = r.body();
    try {
      if (failure == null) {
        write(r, body);
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      if (body != null) {
        body.discard();
      }
    }
  }

  private void write(ItemResult r, ResponseBody body) throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"index\":").append(r.item().index()).append(",\"item\":");
    JsonText.quote(r.item().text(), sb);
    sb.append(",\"status\":");
    sb.append(r.hasStatus() ? Integer.toString(r.status()) : "null");
    if (withHeaders) {
      appendHeaders(r.headers(), sb);
    }
    if (body == null) {
      sb.append(",\"body\":null");
      out.write(sb.toString());
    } else {
      out.write(sb.toString());
      writeBody(body);
      if (body.truncated()) {
        out.write(",\"truncated\":true");
      }
    }
    sb.setLength(0);
    if (r.failure() != null) {
      sb.append(",\"error\":");
      JsonText.quote(r.failure().describe(), sb);
    }
    sb.append("}\n");
    out.write(sb.toString());
  }

  /** {@code ,"headers":{...}}; values are JSON-escaped, so control characters become escapes. */
  private static void appendHeaders(ResponseHeaders headers, StringBuilder sb) {
    sb.append(",\"headers\":");
    if (headers == null) {
      sb.append("null");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (ResponseHeaders.Field field : headers.fields()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonText.quote(field.name(), sb);
      sb.append(':');
      JsonText.quote(field.value(), sb);
    }
    sb.append('}');
    if (headers.truncated()) {
      sb.append(",\"headers_truncated\":true");
    }
  }

  private void writeBody(ResponseBody body) throws IOException {
    String type = body.contentType() == null ? "" : body.contentType().toLowerCase(Locale.ROOT);
    boolean text = isUtf8Text(body);
    if (text && !body.truncated() && type.contains("json") && isOneJsonValue(body)) {
      out.write(",\"body\":");
      copyText(body, false);
    } else if (text) {
      out.write(",\"body\":\"");
      copyText(body, true);
      out.write('"');
    } else {
      out.write(",\"body\":\"");
      copyBase64(body);
      out.write("\",\"encoding\":\"base64\"");
    }
  }

  /** True when the body is valid UTF-8 with no NUL: read once through the buffer. */
  private boolean isUtf8Text(ResponseBody body) throws IOException {
    CharsetDecoder decoder = decoder();
    try (InputStream in = body.open()) {
      ByteBuffer pending = ByteBuffer.allocate(CHUNK + 4);
      int n;
      while ((n = in.read(bytes)) != -1) {
        for (int i = 0; i < n; i++) {
          if (bytes[i] == 0) {
            return false;
          }
        }
        pending.put(bytes, 0, n).flip();
        if (decodeInto(decoder, pending, false).isError()) {
          return false;
        }
        pending.compact();
      }
      pending.flip();
      return !decodeInto(decoder, pending, true).isError() && !pending.hasRemaining();
    }
  }

  /** Decodes what it can of {@code in}, discarding the characters. */
  private CoderResult decodeInto(CharsetDecoder decoder, ByteBuffer in, boolean end) {
    while (true) {
      chars.clear();
      CoderResult result = decoder.decode(in, chars, end);
      if (!result.isOverflow()) {
        return result;
      }
    }
  }

  /** True when the body parses as exactly one JSON value (strings skipped, never buffered). */
  private static boolean isOneJsonValue(ResponseBody body) throws IOException {
    try (InputStream in = body.open();
        JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return false;
    }
  }

  /**
   * Copies the (valid UTF-8) body as characters. As a JSON string its characters are escaped; as a
   * JSON value (already checked) only line breaks are touched: outside strings they are whitespace
   * and become spaces, inside strings U+2028/U+2029 become escapes, so the value stays one line.
   */
  private void copyText(ResponseBody body, boolean asString) throws IOException {
    CharsetDecoder decoder = decoder();
    try (InputStream in = body.open()) {
      ByteBuffer pending = ByteBuffer.allocate(CHUNK + 4);
      boolean first = true;
      int n;
      while ((n = in.read(bytes)) != -1) {
        int from = 0;
        if (first && !asString && n >= 3 && startsWithBom()) {
          from = 3; // a JSON reader skips it; inside our line it would be an error
        }
        first = false;
        pending.put(bytes, from, n - from).flip();
        emit(decoder, pending, false, asString);
        pending.compact();
      }
      pending.flip();
      emit(decoder, pending, true, asString);
      chars.clear();
      decoder.flush(chars);
      writeChars(asString);
    }
  }

  private boolean startsWithBom() {
    return bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }

  private void emit(CharsetDecoder decoder, ByteBuffer in, boolean end, boolean asString)
      throws IOException {
    while (true) {
      chars.clear();
      CoderResult result = decoder.decode(in, chars, end);
      writeChars(asString);
      if (!result.isOverflow()) {
        return;
      }
    }
  }

  /**
   * Writes the decoded characters, escaped, through {@link #escaped}: no allocation per chunk, so
   * copying a 10 MiB body makes no garbage for the collector to chase (which grew the heap).
   */
  private void writeChars(boolean asString) throws IOException {
    chars.flip();
    int n = 0;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (asString) {
        n = escapeInString(c, n);
      } else if (c == '\n' || c == '\r') {
        escaped[n++] = ' ';
      } else if (c == '\u2028' || c == '\u2029') {
        n = unicodeEscape(c, n);
      } else {
        escaped[n++] = c;
      }
    }
    out.write(escaped, 0, n);
  }

  /** Appends {@code c} as the inside of a JSON string (RFC 8259) at {@code n}; the new end. */
  private int escapeInString(char c, int n) {
    switch (c) {
      case '"', '\\' -> {
        escaped[n++] = '\\';
        escaped[n++] = c;
      }
      case '\n' -> n = shortEscape('n', n);
      case '\r' -> n = shortEscape('r', n);
      case '\t' -> n = shortEscape('t', n);
      case '\b' -> n = shortEscape('b', n);
      case '\f' -> n = shortEscape('f', n);
      default -> {
        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
          n = unicodeEscape(c, n);
        } else {
          escaped[n++] = c;
        }
      }
    }
    return n;
  }

  private int shortEscape(char letter, int n) {
    escaped[n++] = '\\';
    escaped[n++] = letter;
    return n;
  }

  private int unicodeEscape(char c, int n) {
    escaped[n++] = '\\';
    escaped[n++] = 'u';
    escaped[n++] = HEX[(c >> 12) & 0xF];
    escaped[n++] = HEX[(c >> 8) & 0xF];
    escaped[n++] = HEX[(c >> 4) & 0xF];
    escaped[n++] = HEX[c & 0xF];
    return n;
  }

  private void copyBase64(ResponseBody body) throws IOException {
    Base64.Encoder encoder = Base64.getEncoder();
    try (InputStream in = body.open()) {
      int n;
      while ((n = in.readNBytes(bytes, 0, CHUNK)) > 0) {
        int length =
            encoder.encode(n == CHUNK ? bytes : java.util.Arrays.copyOf(bytes, n), encoded);
        for (int i = 0; i < length; i++) {
          escaped[i] = (char) encoded[i];
        }
        out.write(escaped, 0, length);
      }
    }
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Writes out the batch, as {@link ResultSink} asks: called by the lock's holder after it.
   *
   * @throws IOException when this or an earlier write failed: the run stops with exit code 3
   */
  @Override
  public void flush() throws IOException {
    if (failure == null) {
      try {
        out.flush();
        if (out instanceof PrintWriter printer && printer.checkError()) {
          // Standard output: a PrintWriter swallows errors (a closed pipe, a full disk).
          failure = new IOException("the output was closed or is full");
        }
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IOException(
          "cannot write --responses " + name + ": " + OutputException.describe(failure), failure);
    }
  }

  @Override
  public void close() throws IOException {
    boolean reported = failure != null;
    try {
      if (!reported) {
        flush();
      }
    } finally {
      if (closeOut) {
        try {
          out.close();
        } catch (IOException e) {
          if (!reported) {
            throw e;
          }
        }
      }
    }
  }
}
