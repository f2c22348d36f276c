package io.batchsend.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the run makes sure every item is sent once and accounted for. Built with {@link
 * #builder(RetrySettings)}: most fields have a natural "not asked for" value.
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

  /** Settings with {@code retry} and nothing else asked for: no rate, no budget, no resume. */
  public static Builder builder(RetrySettings retry) {
    return new Builder(retry);
  }

  /** Parses an {@code --expect} list: statuses such as 200 and classes such as 2xx. */
  public static Set<Integer> parseExpect(String list) {
    Set<Integer> out = new TreeSet<>();
    RetryOn parsed = RetryOn.parse(list, "--expect", false);
    for (int status = 100; status <= 599; status++) {
      if (parsed.coversStatus(status)) {
        out.add(status);
      }
    }
    return out;
  }

  /** Names each setting, so that two booleans or two nullable values cannot swap places. */
  public static final class Builder {
    private final RetrySettings retry;
    private Rate rate;
    private Duration grace = Durations.parse(OptionDefaults.GRACE);
    private Set<Integer> expect;
    private FailureBudget maxFailures = FailureBudget.NONE;
    private Path failedFile;
    private boolean resume;
    private String idempotencyKey;
    private boolean dryRun;
    private AdaptiveMode adaptive;
    private boolean resumeAnyRequest;

    private Builder(RetrySettings retry) {
      this.retry = retry;
    }

    public Builder rate(Rate rate) {
      this.rate = rate;
      return this;
    }

    public Builder grace(Duration grace) {
      this.grace = grace;
      return this;
    }

    public Builder expect(Set<Integer> expect) {
      this.expect = expect;
      return this;
    }

    public Builder maxFailures(FailureBudget maxFailures) {
      this.maxFailures = maxFailures;
      return this;
    }

    public Builder failedFile(Path failedFile) {
      this.failedFile = failedFile;
      return this;
    }

    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder adaptive(AdaptiveMode adaptive) {
      this.adaptive = adaptive;
      return this;
    }

    public Builder resumeAnyRequest(boolean resumeAnyRequest) {
      this.resumeAnyRequest = resumeAnyRequest;
      return this;
    }

    public DeliverySettings build() {
      return new DeliverySettings(
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
          resumeAnyRequest);
    }
  }
}
