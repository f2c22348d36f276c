package io.batchsend.cli;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.Rate;
import io.batchsend.config.Shard;
import io.batchsend.config.ShardEnvironment;
import io.batchsend.config.UsageException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that share one job among several runs: {@code --shard}, {@code --shard-count}, {@code
 * --rate-total} and {@code --lock}, kept together as a mixin of the main command.
 */
final class CoordinationOptions {
  @Option(
      names = "--shard",
      paramLabel = "K/N|auto",
      description = {
        "Send only the items with (index-1) mod N = K-1 (K is 1-based); indexes stay positions in"
            + " the whole input.",
        "auto: from the orchestrator's environment (JOB_COMPLETION_INDEX, CI_NODE_INDEX,"
            + " AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID)."
      })
  String shard;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      description =
          "With --shard=auto, the number of shards where the orchestrator gives only an index"
              + " (Kubernetes, AWS Batch); default: $BATCHSEND_SHARD_COUNT.")
  Integer shardCount;

  @Option(
      names = "--rate-total",
      paramLabel = "N/s|N/m",
      description = "A rate for all shards together, divided by the shard count; not with --rate.")
  String rateTotal;

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description =
          "Hold an exclusive lock on FILE for the run; when another run holds it, exit 75 at once.")
  Path lock;

  /** The shard (resolving {@code auto} from {@code env}) and the lock file. */
  CoordinationSettings settings(Map<String, String> env) {
    if (shardCount != null && (shard == null || !isAuto())) {
      throw new UsageException("--shard-count is only used with --shard=auto");
    }
    Shard resolved;
    if (shard == null) {
      resolved = null;
    } else if (isAuto()) {
      resolved = new ShardEnvironment(env, shardCount).detect();
    } else {
      resolved = Shard.parse(shard);
    }
    return new CoordinationSettings(resolved, lock);
  }

  /**
   * The rate this run keeps: {@code --rate} as given, or {@code --rate-total} divided among the
   * shards; null for no limit.
   */
  Rate rate(String rateOption, Shard resolved) {
    if (rateTotal == null) {
      return rateOption == null ? null : Rate.parse(rateOption);
    }
    if (rateOption != null) {
      throw new UsageException(
          "--rate and --rate-total cannot be used together: --rate limits this run,"
              + " --rate-total all shards together");
    }
    return Rate.parse(rateTotal).dividedAmong(resolved == null ? 1 : resolved.n());
  }

  private boolean isAuto() {
    return shard.strip().toLowerCase(Locale.ROOT).equals("auto");
  }
}
