package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {
  private static byte[] written(Utf8Buffer buffer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void encodesAsciiAndEverythingElseAsUtf8AcrossAppendsAndGrowth() throws Exception {
    String[] texts = {
      "{\"item\":\"plain ascii\"}\n",
      "caf\u00e9 and \u4e2d\u6587 and \ud83d\ude00 at the end\n",
      "\u00e9 first\n",
      "x".repeat(5_000) + "\u00e9\n", // longer than the reused char array and than the buffer
      "",
      "after\n"
    };
    Utf8Buffer buffer = new Utf8Buffer(16);
    StringBuilder expected = new StringBuilder();
    for (String text : texts) {
      buffer.append(new StringBuilder(text));
      expected.append(text);
    }
    assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), written(buffer));
    assertTrue(buffer.isEmpty(), "writeTo empties the buffer");
    buffer.append(new StringBuilder("again\n"));
    assertArrayEquals("again\n".getBytes(StandardCharsets.UTF_8), written(buffer));
  }
}
