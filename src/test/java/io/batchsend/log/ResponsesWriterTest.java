package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResponseBody;
import io.batchsend.input.Item;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsesWriterTest {
  /** Counts flushes; can be told to fail every write. */
  private static final class Recording extends Writer {
    final StringWriter text = new StringWriter();
    int flushes;
    boolean failing;

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      if (failing) {
        throw new IOException("No space left on device");
      }
      text.write(cbuf, off, len);
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {}
  }

  private static ItemResult result(long index, String body, String type) {
    ResponseBody kept = ResponseBody.inMemory(body.getBytes(StandardCharsets.UTF_8), type, false);
    return ItemResult.builder(Item.line(index, "item" + index))
        .request("GET", "http://h/")
        .status(200)
        .attempts(1)
        .nanos(1)
        .bytes(2)
        .body(kept)
        .build();
  }

  @Test
  void recordsAreFlushedOncePerBatchNotPerRecord() throws Exception {
    Recording out = new Recording();
    ResponsesWriter writer = new ResponsesWriter("r.jsonl", out, true);
    for (int i = 1; i <= 3; i++) {
      writer.accept(result(i, "ok", "text/plain"));
    }
    assertEquals(0, out.flushes, "the sink flushed before the lock holder asked");
    writer.flush();
    assertEquals(1, out.flushes);
    assertEquals(3, out.text.toString().lines().count());
  }

  @Test
  void aWriteFailureSurfacesAtFlushNamingTheFile() {
    Recording out = new Recording();
    out.failing = true;
    ResponsesWriter writer = new ResponsesWriter("r.jsonl", out, true);
    writer.accept(result(1, "ok", "text/plain"));
    IOException e = assertThrows(IOException.class, writer::flush);
    assertEquals("cannot write --responses r.jsonl: No space left on device", e.getMessage());
    assertThrows(IOException.class, writer::flush, "the failure sticks");
  }

  @Test
  void bodiesAreEmbeddedAsJsonTextOrBase64() throws Exception {
    Recording out = new Recording();
    ResponsesWriter writer = new ResponsesWriter("r.jsonl", out, true);
    writer.accept(result(1, "{\n \"a\": [1, \"x\u2028y\"]\n}", "application/json"));
    writer.accept(result(2, "line\none \"q\"", "text/plain"));
    writer.accept(result(3, "{not json", "application/json"));
    writer.accept(
        ItemResult.builder(Item.line(4, "item4"))
            .request("GET", "http://h/")
            .status(200)
            .attempts(1)
            .nanos(1)
            .bytes(2)
            .body(ResponseBody.inMemory(new byte[] {0, (byte) 0xFF}, null, false))
            .build());
    writer.flush();
    String[] lines = out.text.toString().split("\n");
    assertEquals(4, lines.length);
    assertTrue(lines[0].contains("\"body\":{  \"a\": [1, \"x\\u2028y\"] }"), lines[0]);
    assertTrue(lines[1].contains("\"body\":\"line\\none \\\"q\\\"\""), lines[1]);
    assertTrue(lines[2].contains("\"body\":\"{not json\""), lines[2]);
    assertTrue(lines[3].contains("\"body\":\"AP8=\",\"encoding\":\"base64\""), lines[3]);
  }
}
