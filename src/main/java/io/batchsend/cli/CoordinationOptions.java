package io.batchsend.cli;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.Shard;
import io.batchsend.config.ShardEnvironment;
import io.batchsend.config.UsageException;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that share one job among several runs, kept together as a mixin of the main command.
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

  /** The shard, resolving {@code auto} from {@code env}. */
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
    return new CoordinationSettings(resolved);
  }

  private boolean isAuto() {
    return shard.strip().toLowerCase(Locale.ROOT).equals("auto");
  }
}
