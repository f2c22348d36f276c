package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  void shortInputIsQuotedWhole() {
    assertEquals("soon", Excerpt.of("soon"));
  }

  @Test
  void longInputIsCutAndSaysHowMuchWasLeftOut() {
    String cut = Excerpt.of("y".repeat(2_000_000));
    assertEquals("y".repeat(Excerpt.MAX_CHARS) + "... (1999940 more characters)", cut);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "a".repeat(Excerpt.MAX_CHARS - 1) + "\uD83D\uDE00" + "b".repeat(100);
    String cut = Excerpt.of(text);
    assertTrue(cut.startsWith("a".repeat(Excerpt.MAX_CHARS - 1) + "..."), cut);
  }

  @Test
  void aMegabyteDurationIsNotEchoed() {
    UsageException e =
        assertThrows(UsageException.class, () -> Durations.parse("9".repeat(1_000_000) + "x"));
    assertTrue(e.getMessage().length() < 200, "short: " + e.getMessage().length());
  }
}
