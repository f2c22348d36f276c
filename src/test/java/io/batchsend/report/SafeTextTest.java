package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void xmlReplacesWhatXmlCannotHoldAndKeepsTheRest() {
    String ok = "tab\tcr\rlf\n<&> é 😀 \u0085 \uFFFD";
    assertSame(ok, SafeText.xml(ok));
    assertEquals(
        "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD",
        SafeText.xml("a\u0000b\u001Fc\uFFFEd\uFFFFe\uD800f\uDC00"));
    assertEquals("\uFFFD😀", SafeText.xml("\uDBFF\uD83D\uDE00"));
    assertEquals("", SafeText.xml(null));
  }

  @Test
  void unicodeReplacesOnlyLoneSurrogates() {
    assertEquals("\u0001\uFFFF\uFFFD", SafeText.unicode("\u0001\uFFFF\uD800"));
    assertEquals(null, SafeText.unicode(null));
  }
}
