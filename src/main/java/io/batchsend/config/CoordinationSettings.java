package io.batchsend.config;

import java.nio.file.Path;

/**
 * How this run shares the work with other runs: which share of the input it sends, and the lock
 * that keeps two runs of the same job from overlapping.
 *
 * @param shard this run's share of the input, or null for all of it
 * @param lockFile the file locked for the whole run ({@code --lock}), or null for no lock
 */
public record CoordinationSettings(Shard shard, Path lockFile) {
  /** The whole input, no lock: a run on its own. */
  public static final CoordinationSettings NONE = new CoordinationSettings(null, null);

  public CoordinationSettings {
    if (lockFile != null && lockFile.toString().isBlank()) {
      throw new UsageException("invalid --lock: empty file name");
    }
  }

  /** True when the item at 1-based {@code index} is this run's to send. */
  public boolean includes(long index) {
    return shard == null || shard.includes(index);
  }
}
