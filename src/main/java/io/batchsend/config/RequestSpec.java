package io.batchsend.config;

import java.util.List;

/**
 * What to send for each item, as the user wrote it: templates not yet parsed.
 *
 * @param method the request method
 * @param urlTemplate the URL template ({@code -u})
 * @param headers the {@code -H} headers, in order
 * @param bodyTemplate the body template ({@code -d}, file already read), or null for none
 */
public record RequestSpec(
    HttpMethod method, String urlTemplate, List<HeaderSpec> headers, String bodyTemplate) {
  /**
   * The largest body template, in bytes. Each of up to 1024 workers holds a rendered body (about
   * twice the template while it is built, once more as bytes) for as long as its call and retries
   * last; at the default {@code -c 8} a 1 MiB template needs some 25 MB of the 96 MB heap. Bodies
   * of a batch are small documents; a larger payload is a file upload, which batchsend is not.
   */
  public static final long MAX_BODY_TEMPLATE_BYTES = 1L << 20;

  /** How {@link #MAX_BODY_TEMPLATE_BYTES} is named in messages. */
  public static final String MAX_BODY_TEMPLATE_TEXT = "1 MiB";

  public RequestSpec {
    if (method == null) {
      throw new UsageException("method is required");
    }
    if (urlTemplate == null || urlTemplate.isBlank()) {
      throw new UsageException(
          "missing --url: the request URL template, e.g. -u 'https://host/api?id={data}'");
    }
    headers = List.copyOf(headers);
    if (bodyTemplate != null && !method.permitsBody()) {
      throw new UsageException("--body cannot be sent with " + method);
    }
    // A char is at most 3 UTF-8 bytes: only a template past a third of the limit needs counting.
    if (bodyTemplate != null
        && bodyTemplate.length() > MAX_BODY_TEMPLATE_BYTES / 3
        && utf8Length(bodyTemplate) > MAX_BODY_TEMPLATE_BYTES) {
      throw tooLarge("--body");
    }
  }

  /** The error for a body template too large, from {@code where} (the option or a file). */
  public static UsageException tooLarge(String where) {
    return new UsageException(
        where
            + " is larger than "
            + MAX_BODY_TEMPLATE_TEXT
            + ", the limit of a body template (each worker holds a rendered copy)");
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
