package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --auth-command} is split into words as a shell would quote, with no shell. */
class CommandWordsTest {
  private static List<String> split(String line) {
    return CommandWords.split(line, "--auth-command");
  }

  @Test
  void blanksSeparateWords() {
    assertEquals(List.of("get-token", "--scope", "read"), split("  get-token  --scope\tread "));
  }

  @Test
  void singleQuotesKeepEverythingLiterally() {
    assertEquals(
        List.of("sh", "-c", "echo \"$TOKEN\" | tr -d '\\n'".replace("'\\n'", "x")),
        split("sh -c 'echo \"$TOKEN\" | tr -d x'"));
    assertEquals(List.of("a\\b $c"), split("'a\\b $c'"));
  }

  @Test
  void doubleQuotesKeepBlanksAndHonourBackslashBeforeQuoteOrBackslash() {
    assertEquals(List.of("say", "a \"b\" \\ $c\\d"), split("say \"a \\\"b\\\" \\\\ $c\\d\""));
  }

  @Test
  void backslashOutsideQuotesKeepsTheNextCharacter() {
    assertEquals(List.of("a b", "'c'"), split("a\\ b \\'c\\'"));
  }

  @Test
  void quotedPartsJoinTheWordAroundThem() {
    assertEquals(List.of("--name=a b", ""), split("--name='a b' \"\""));
  }

  @Test
  void noShellExpansionOfAnyKind() {
    assertEquals(List.of("echo", "$HOME", "*", "a;b", "|", "~"), split("echo $HOME * a;b | ~"));
  }

  @Test
  void unclosedQuoteIsAUsageErrorNamingTheOption() {
    UsageException e = assertThrows(UsageException.class, () -> split("echo 'oops"));
    assertEquals("invalid --auth-command: unclosed ' quote", e.getMessage());
    assertTrue(
        assertThrows(UsageException.class, () -> split("echo \"oops"))
            .getMessage()
            .contains("unclosed \" quote"));
    assertThrows(UsageException.class, () -> split("echo oops\\"));
  }

  @Test
  void blankCommandIsAUsageError() {
    assertEquals(
        "invalid --auth-command: expected a command",
        assertThrows(UsageException.class, () -> split("   ")).getMessage());
  }
}
