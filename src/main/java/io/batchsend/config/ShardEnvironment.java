package io.batchsend.config;

import java.util.Map;

/**
 * {@code --shard=auto}: finds this process's shard in the variables an orchestrator sets, looking
 * in a fixed order (Kubernetes, GitLab CI, AWS Batch, Slurm) so the same environment always gives
 * the same shard. Anything missing or inconsistent is a usage error naming the variable: a guessed
 * shard would silently send some items twice and others never.
 */
public final class ShardEnvironment {
  /** The count for orchestrators that publish only an index (Kubernetes, AWS Batch). */
  public static final String COUNT_VARIABLE = "BATCHSEND_SHARD_COUNT";

  private final Map<String, String> env;
  private final Integer countOption;

  /**
   * @param env the process environment
   * @param countOption {@code --shard-count}, or null when not given
   */
  public ShardEnvironment(Map<String, String> env, Integer countOption) {
    this.env = env;
    this.countOption = countOption;
  }

  /**
   * The shard the environment names.
   *
   * @throws UsageException when no orchestrator variable is set, a count is missing, or a value is
   *     not a number or contradicts another
   */
  public Shard detect() {
    if (isSet("JOB_COMPLETION_INDEX")) {
      return fromZeroBasedIndex("JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job");
    }
    if (isSet("CI_NODE_INDEX")) {
      return gitLab();
    }
    if (isSet("AWS_BATCH_JOB_ARRAY_INDEX")) {
      return fromZeroBasedIndex("AWS_BATCH_JOB_ARRAY_INDEX", "an AWS Batch array job");
    }
    if (isSet("SLURM_ARRAY_TASK_ID")) {
      return slurm();
    }
    throw new UsageException(
        "--shard=auto: no shard found in the environment (looked for JOB_COMPLETION_INDEX,"
            + " CI_NODE_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID); use --shard=K/N");
  }

  private Shard fromZeroBasedIndex(String variable, String orchestrator) {
    long index = number(variable);
    Integer count = givenCount();
    if (count == null) {
      throw new UsageException(
          "--shard=auto: "
              + variable
              + " is set but the shard count is not: "
              + orchestrator
              + " does not publish it, so give --shard-count=N or set "
              + COUNT_VARIABLE);
    }
    if (index >= count) {
      throw new UsageException(
          "--shard=auto: "
              + variable
              + "="
              + index
              + " is out of range for "
              + count
              + " shards (it is 0-based)");
    }
    return new Shard((int) index + 1, count);
  }

  private Shard gitLab() {
    long index = number("CI_NODE_INDEX");
    if (!isSet("CI_NODE_TOTAL")) {
      throw new UsageException("--shard=auto: CI_NODE_INDEX is set but CI_NODE_TOTAL is not");
    }
    long total = number("CI_NODE_TOTAL");
    if (index < 1 || index > total) {
      throw new UsageException(
          "--shard=auto: CI_NODE_INDEX="
              + index
              + " is out of range for CI_NODE_TOTAL="
              + total
              + " (it is 1-based)");
    }
    return agreeing(new Shard((int) index, toCount("CI_NODE_TOTAL", total)), "CI_NODE_TOTAL");
  }

  private Shard slurm() {
    long id = number("SLURM_ARRAY_TASK_ID");
    if (!isSet("SLURM_ARRAY_TASK_MIN")) {
      throw new UsageException(
          "--shard=auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not");
    }
    long min = number("SLURM_ARRAY_TASK_MIN");
    Long span = isSet("SLURM_ARRAY_TASK_MAX") ? number("SLURM_ARRAY_TASK_MAX") - min + 1 : null;
    Long count = isSet("SLURM_ARRAY_TASK_COUNT") ? number("SLURM_ARRAY_TASK_COUNT") : null;
    if (span == null && count == null) {
      throw new UsageException(
          "--shard=auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_MAX nor"
              + " SLURM_ARRAY_TASK_COUNT is");
    }
    if (span != null && count != null && !span.equals(count)) {
      // A stepped or sparse array (--array=0-15:4, --array=1,3,5): the K-th task is not ID-MIN+1,
      // and some shares would never be sent.
      throw new UsageException(
          "--shard=auto: SLURM_ARRAY_TASK_COUNT="
              + count
              + " does not match SLURM_ARRAY_TASK_MAX-SLURM_ARRAY_TASK_MIN+1="
              + span
              + ": use a contiguous array such as --array=0-"
              + (count - 1));
    }
    long n = span != null ? span : count;
    String nVariable = span != null ? "SLURM_ARRAY_TASK_MAX" : "SLURM_ARRAY_TASK_COUNT";
    if (id < min || id - min >= n) {
      throw new UsageException(
          "--shard=auto: SLURM_ARRAY_TASK_ID="
              + id
              + " is outside the array SLURM_ARRAY_TASK_MIN="
              + min
              + " .. "
              + (min + n - 1));
    }
    return agreeing(new Shard((int) (id - min + 1), toCount(nVariable, n)), nVariable);
  }

  /** An orchestrator that publishes its own count must agree with a count the user gave. */
  private Shard agreeing(Shard shard, String variable) {
    Integer given = givenCount();
    if (given != null && given != shard.n()) {
      throw new UsageException(
          "--shard=auto: "
              + variable
              + " gives "
              + shard.n()
              + " shards but "
              + (countOption != null ? "--shard-count" : COUNT_VARIABLE)
              + " says "
              + given);
    }
    return shard;
  }

  /** {@code --shard-count}, else {@code BATCHSEND_SHARD_COUNT}, else null. */
  private Integer givenCount() {
    if (countOption != null) {
      if (countOption < 1) {
        throw new UsageException("invalid --shard-count " + countOption + ": must be >= 1");
      }
      return countOption;
    }
    if (!isSet(COUNT_VARIABLE)) {
      return null;
    }
    long count = number(COUNT_VARIABLE);
    if (count < 1) {
      throw new UsageException("--shard=auto: " + COUNT_VARIABLE + "=" + count + " must be >= 1");
    }
    return toCount(COUNT_VARIABLE, count);
  }

  /** Blank counts as unset: CI templates often export empty variables. */
  private boolean isSet(String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }

  private long number(String variable) {
    String value = env.get(variable).strip();
    if (!value.matches("-?\\d{1,18}")) {
      throw new UsageException(
          "--shard=auto: " + variable + "='" + Excerpt.of(value) + "' is not a whole number");
    }
    long n = Long.parseLong(value);
    if (n < 0) {
      throw new UsageException("--shard=auto: " + variable + "=" + n + " must not be negative");
    }
    return n;
  }

  private static int toCount(String variable, long n) {
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new UsageException("--shard=auto: " + variable + " gives " + n + " shards");
    }
    return (int) n;
  }
}
