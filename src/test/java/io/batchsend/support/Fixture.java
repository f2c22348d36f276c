package io.batchsend.support;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import io.batchsend.report.RunReport;
import io.batchsend.report.RunStats;
import io.batchsend.report.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed run with awkward items: quotes, commas, line breaks, markup, control characters. */
public final class Fixture {
  public static final long T0 = 1_795_539_600_000L; // 2026-11-24T17:00:00.000Z

  private Fixture() {}

  public static List<ItemResult> results() {
    return List.of(
        ok(1, "plain", 200, 12_340_000, 100),
        ok(2, "a \"quoted\", item", 200, 5_000_000, 200),
        failed(
            3,
            "multi\nline\r\nitem",
            503,
            3,
            40_000_000,
            new Failure(FailureKind.STATUS, "503"),
            300),
        failed(
            4,
            "<tag> & \"amp\"",
            -1,
            2,
            1_000_000_000,
            new Failure(FailureKind.TIMEOUT, "no response in 1s"),
            400),
        failed(
            5,
            "ctl\u0001\u0007char\uFFFF",
            500,
            1,
            7_500_000,
            new Failure(FailureKind.STATUS, "500"),
            500),
        ok(6, "ünïcödé ✓ \uD83D\uDE00", 201, 2_250_000, 600),
        ok(7, "secret-free, token masked", 200, 80_000_000, 700));
  }

  public static ItemResult ok(long index, String item, int status, long nanos, long at) {
    return ItemResult.builder(Item.line(index, item))
        .request("GET", "http://127.0.0.1:8080/api?id=" + index + "&token=***")
        .status(status)
        .attempts(1)
        .nanos(nanos)
        .bytes(2)
        .finishedAt(T0 + at)
        .build();
  }

  public static ItemResult failed(
      long index, String item, int status, int attempts, long nanos, Failure failure, long at) {
    return ItemResult.builder(Item.line(index, item))
        .request("POST", "http://127.0.0.1:8080/api?id=" + index)
        .status(status)
        .attempts(attempts)
        .nanos(nanos)
        .bytes(status < 0 ? 0 : 5)
        .failure(failure)
        .finishedAt(T0 + at)
        .build();
  }

  /** The fixture's report: started 50 ms before the first item, exit code 1. */
  public static RunReport report() {
    RunStats stats = new RunStats();
    results().forEach(stats::accept);
    Summary summary = stats.snapshot(1, 2, 1_000_000_000L);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("url", "http://127.0.0.1:8080/api?id={data}&token=***");
    options.put("concurrency", 2);
    return stats.report(summary, T0 - 50, T0 + 950, 1, options);
  }
}
