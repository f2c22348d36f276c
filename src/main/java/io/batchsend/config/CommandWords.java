package io.batchsend.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into its words the way a shell would quote, without a shell: words are
 * separated by blanks; single quotes keep everything literally; double quotes keep everything but a
 * backslash before {@code "} or {@code \}; outside quotes a backslash keeps the next character. No
 * expansion of any kind: {@code sh -c '…'} is how a user asks for a shell.
 */
public final class CommandWords {
  private CommandWords() {}

  /**
   * The words of {@code line}.
   *
   * @param option the option it came from, for messages
   * @throws UsageException for an unclosed quote, a trailing backslash or no word at all
   */
  public static List<String> split(String line, String option) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        if (close < 0) {
          throw new UsageException("invalid " + option + ": unclosed ' quote");
        }
        word.append(line, i + 1, close);
        inWord = true;
        i = close + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word, option);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new UsageException("invalid " + option + ": trailing backslash");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new UsageException("invalid " + option + ": expected a command");
    }
    return List.copyOf(words);
  }

  /** Appends the double-quoted text starting at {@code from}; returns the index after its end. */
  private static int doubleQuoted(String line, int from, StringBuilder word, String option) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new UsageException("invalid " + option + ": unclosed \" quote");
  }
}
