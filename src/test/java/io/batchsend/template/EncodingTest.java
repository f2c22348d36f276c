package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.text.JsonText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingTest {
  private static String percent(String s) {
    StringBuilder sb = new StringBuilder();
    Encoding.percentEncode(s, sb);
    return sb.toString();
  }

  @Test
  void escapesEverythingButUnreserved() {
    assertEquals("a%20b%2Bc%2Fd%3Fe%23f%26g%25h%3Di~j.k_l-m", percent("a b+c/d?e#f&g%h=i~j.k_l-m"));
  }

  @Test
  void encodesUtf8Bytes() {
    assertEquals("%C3%A9%E4%B8%AD%F0%9F%98%80", percent("é中😀"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "a b", "x&y=z", "中文", "😀", "-lead", "%41", "é+é"})
  void percentEncodingRoundTripsAndNeverLeavesAStructuralCharacter(String value) {
    String encoded = percent(value);
    assertEquals(value, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
    for (char c : "/?#&=:@ ".toCharArray()) {
      assertEquals(-1, encoded.indexOf(c), "structural '" + c + "' in " + encoded);
    }
  }

  @Test
  void formEncodingUsesPlusForSpace() {
    StringBuilder sb = new StringBuilder();
    Encoding.formEncode("a b+c&d", sb);
    assertEquals("a+b%2Bc%26d", sb.toString());
  }

  @Test
  void jsonEscapingCoversQuotesBackslashesAndControls() {
    StringBuilder sb = new StringBuilder();
    JsonText.escape("\"\\\n\t\r\u0001\u2028é", sb);
    assertEquals("\\\"\\\\\\n\\t\\r\\u0001\\u2028é", sb.toString());
  }
}
