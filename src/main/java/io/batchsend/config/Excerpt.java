package io.batchsend.config;

/**
 * User input quoted in a message, cut to a readable length: an error line must never echo a
 * megabyte argument or file back at the user.
 */
public final class Excerpt {
  /** The most characters of the input a message quotes. */
  public static final int MAX_CHARS = 60;

  private Excerpt() {}

  /** {@code text} whole when short, else its start and how much was left out. */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int cut = MAX_CHARS;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters)";
  }
}
