package io.batchsend.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How the run makes sure every item is sent once and accounted for.
 *
 * @param retry the retry options
 * @param rate the limit on request starts, or null for none
 * @param grace on SIGINT/SIGTERM, how long calls in flight may finish
 * @param expect statuses that count as success, or null for every 2xx
 * @param maxFailures the failure budget
 * @param failedFile where failed items are written for a re-run, or null
 * @param resume skip items the log already records as ok
 * @param idempotencyKey the {@code Idempotency-Key} template, or null
 * @param dryRun print the requests instead of sending them
 * @param adaptive {@code --adaptive}: what moves the in-flight limit, or null for a fixed pool
 * @param resumeAnyRequest {@code --resume-any-request}: resume from a log another request wrote
 */
public record DeliverySettings(
    RetrySettings retry,
    Rate rate,
    Duration grace,
    Set<Integer> expect,
    FailureBudget maxFailures,
    Path failedFile,
    boolean resume,
    String idempotencyKey,
    boolean dryRun,
    AdaptiveMode adaptive,
    boolean resumeAnyRequest) {
  public DeliverySettings {
    if (retry == null || grace == null || maxFailures == null) {
      throw new UsageException("incomplete delivery settings");
    }
    if (grace.isNegative()) {
      throw new UsageException("invalid --grace: must not be negative");
    }
    if (expect != null) {
      if (expect.isEmpty()) {
        throw new UsageException("invalid --expect: no status given");
      }
      expect = Set.copyOf(expect);
    }
  }

  /** Settings without {@code --resume-any-request}. */
  public DeliverySettings(
      RetrySettings retry,
      Rate rate,
      Duration grace,
      Set<Integer> expect,
      FailureBudget maxFailures,
      Path failedFile,
      boolean resume,
      String idempotencyKey,
      boolean dryRun,
      AdaptiveMode adaptive) {
    this(
        retry,
        rate,
        grace,
        expect,
        maxFailures,
        failedFile,
        resume,
        idempotencyKey,
        dryRun,
        adaptive,
        false);
  }

  /** Settings without {@code --adaptive}. */
  public DeliverySettings(
      RetrySettings retry,
      Rate rate,
      Duration grace,
      Set<Integer> expect,
      FailureBudget maxFailures,
      Path failedFile,
      boolean resume,
      String idempotencyKey,
      boolean dryRun) {
    this(retry, rate, grace, expect, maxFailures, failedFile, resume, idempotencyKey, dryRun, null);
  }

  /** The contract's defaults. */
  public static DeliverySettings defaults() {
    return new DeliverySettings(
        RetrySettings.defaults(),
        null,
        Duration.ofSeconds(10),
        null,
        FailureBudget.NONE,
        null,
        false,
        null,
        false);
  }

  /** Parses an {@code --expect} list: statuses such as 200 and classes such as 2xx. */
  public static Set<Integer> parseExpect(String list) {
    Set<Integer> out = new java.util.TreeSet<>();
    RetryOn parsed = RetryOn.parse(list, "--expect", false);
    for (int status = 100; status <= 599; status++) {
      if (parsed.coversStatus(status)) {
        out.add(status);
      }
    }
    return out;
  }
}
