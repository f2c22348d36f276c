package io.batchsend.engine;

import io.batchsend.config.HeaderSpec;
import io.batchsend.config.ResponseHeaderNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The response headers an item keeps for {@code --response-headers}, in the order the response
 * first gave each name: lower-case names, a repeated header's values joined with {@code ", "} (as
 * RFC 9110 section 5.3 combines them), the values of secret headers ({@link
 * HeaderSpec#isSensitiveName}) replaced by {@link #MASK}.
 *
 * <p>Memory is bounded per item: a header that would take the kept text past {@link #MAX_CHARS} is
 * left out and {@link #truncated} says so. (OkHttp already refuses a response head past 256 KiB;
 * this cap is smaller because a finished item's headers may wait in memory for the log lock.)
 *
 * @param fields the headers kept, one per name
 * @param truncated true when some header was left out for the cap
 */
public record ResponseHeaders(List<Field> fields, boolean truncated) {
  /** The most characters of names and values one item keeps. */
  public static final int MAX_CHARS = 32 * 1024;

  /** What a secret header's value becomes, once per name however often it came. */
  public static final String MASK = "***";

  /**
   * One header kept.
   *
   * @param name its name, lower case
   * @param value its value, or its values joined with {@code ", "}, or {@link #MASK}
   */
  public record Field(String name, String value) {
    public Field {
      if (name == null || value == null || !name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("a kept header has a lower-case name and a value");
      }
    }
  }

  public ResponseHeaders {
    fields = List.copyOf(fields);
  }

  /** Starts collecting the headers {@code asked} for from one response. */
  public static Collector collector(ResponseHeaderNames asked) {
    return new Collector(asked);
  }

  /** Filters, joins, masks and caps the headers of one response, given in order. */
  public static final class Collector {
    private final ResponseHeaderNames asked;
    private final Map<String, StringBuilder> kept = new LinkedHashMap<>();
    private int chars;
    private boolean truncated;

    private Collector(ResponseHeaderNames asked) {
      this.asked = asked;
    }

    /** Takes one header line of the response; one not asked for costs nothing but the check. */
    public Collector add(String name, String value) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!asked.keeps(lower)) {
        return this;
      }
      StringBuilder sb = kept.get(lower);
      boolean secret = HeaderSpec.isSensitiveName(lower);
      if (sb != null && secret) {
        return this; // already masked: the mask says nothing of how many there were
      }
      String shown = secret ? MASK : value;
      int more = sb == null ? lower.length() + shown.length() : 2 + shown.length();
      if (chars + more > MAX_CHARS) {
        truncated = true;
        return this;
      }
      chars += more;
      if (sb == null) {
        kept.put(lower, new StringBuilder(shown));
      } else {
        sb.append(", ").append(shown);
      }
      return this;
    }

    public ResponseHeaders build() {
      List<Field> fields = new ArrayList<>(kept.size());
      kept.forEach((name, value) -> fields.add(new Field(name, value.toString())));
      return new ResponseHeaders(fields, truncated);
    }
  }
}
