package io.batchsend.config;

import java.util.Locale;
import java.util.Set;

/**
 * A request method: any RFC 9110 token, so {@code OPTIONS}, {@code PROPFIND} or {@code PURGE} can
 * be sent. Methods are case-sensitive (RFC 9110 section 9.1): the standard ones are upper-cased
 * however they are typed ({@code -X post} sends {@code POST}, as before), any other token is sent
 * exactly as typed.
 *
 * @param name the token sent on the request line
 */
public record HttpMethod(String name) {
  public static final HttpMethod GET = new HttpMethod("GET");
  public static final HttpMethod POST = new HttpMethod("POST");

  /** The methods RFC 9110 and RFC 5789 define, upper-cased whatever the case typed. */
  private static final Set<String> STANDARD =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  /**
   * RFC 9110 section 9.2.2: repeating these has the effect of sending once. Every other method,
   * unknown extension methods included, is retried only when it provably was not processed.
   */
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

  public HttpMethod {
    if (name == null || !Tokens.isToken(name)) {
      throw new UsageException(
          "invalid --method '"
              + Excerpt.of(name)
              + "': expected a method token such as GET, POST or PROPFIND (letters, digits and "
              + Tokens.TCHAR_SYMBOLS
              + ")");
    }
    if (name.equals("CONNECT")) {
      throw new UsageException(
          "invalid --method CONNECT: it opens a tunnel through a proxy; batchsend sends requests");
    }
  }

  /** Parses {@code -X}: a standard method in any case is upper-cased, another token kept. */
  public static HttpMethod parse(String text) {
    String t = text == null ? "" : text.strip();
    String upper = t.toUpperCase(Locale.ROOT);
    return new HttpMethod(STANDARD.contains(upper) ? upper : t);
  }

  /** True when the method may carry a request body: all but GET and HEAD. */
  public boolean permitsBody() {
    return !name.equals("GET") && !name.equals("HEAD");
  }

  /** True when sending the request twice is as good as once (RFC 9110 section 9.2.2). */
  public boolean isIdempotent() {
    return IDEMPOTENT.contains(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
