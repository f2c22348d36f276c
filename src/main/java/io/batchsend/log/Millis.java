package io.batchsend.log;

/** Milliseconds with two decimals, from nanoseconds, without going through floating point text. */
final class Millis {
  private Millis() {}

  static void append(long nanos, StringBuilder out) {
    long hundredths = Math.round(nanos / 10_000.0);
    out.append(hundredths / 100).append('.');
    long frac = hundredths % 100;
    if (frac < 10) {
      out.append('0');
    }
    out.append(frac);
  }
}
