package io.batchsend.report;

import org.HdrHistogram.Histogram;

/**
 * Latency figures in milliseconds, from an HdrHistogram of microseconds. All zero when nothing was
 * sent.
 */
public record Latency(
    long count,
    double min,
    double mean,
    double p50,
    double p90,
    double p95,
    double p99,
    double p999,
    double max) {

  static Latency of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new Latency(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Latency(
        micros.getTotalCount(),
        ms(micros.getMinValue()),
        micros.getMean() / 1000.0,
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(95)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
