package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardEnvironmentTest {
  private static Shard detect(Map<String, String> env) {
    return new ShardEnvironment(env, null).detect();
  }

  private static String failure(Map<String, String> env, Integer countOption) {
    return assertThrows(UsageException.class, () -> new ShardEnvironment(env, countOption).detect())
        .getMessage();
  }

  @Test
  void kubernetesIndexIsZeroBasedWithTheCountFromTheOptionOrTheVariable() {
    assertEquals(
        new Shard(1, 4), new ShardEnvironment(Map.of("JOB_COMPLETION_INDEX", "0"), 4).detect());
    assertEquals(
        new Shard(4, 4), detect(Map.of("JOB_COMPLETION_INDEX", "3", "BATCHSEND_SHARD_COUNT", "4")));
    assertEquals(
        new Shard(2, 3),
        new ShardEnvironment(Map.of("JOB_COMPLETION_INDEX", "1", "BATCHSEND_SHARD_COUNT", "9"), 3)
            .detect(),
        "the option wins over the variable");
  }

  @Test
  void gitLabNodeIndexIsOneBased() {
    assertEquals(new Shard(1, 3), detect(Map.of("CI_NODE_INDEX", "1", "CI_NODE_TOTAL", "3")));
    assertEquals(new Shard(3, 3), detect(Map.of("CI_NODE_INDEX", "3", "CI_NODE_TOTAL", "3")));
  }

  @Test
  void awsBatchArrayIndexIsZeroBased() {
    assertEquals(
        new Shard(3, 5),
        detect(Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "2", "BATCHSEND_SHARD_COUNT", "5")));
  }

  @Test
  void slurmTaskIdCountsFromTheArraysMinimum() {
    assertEquals(
        new Shard(2, 4),
        detect(
            Map.of(
                "SLURM_ARRAY_TASK_ID", "6",
                "SLURM_ARRAY_TASK_MIN", "5",
                "SLURM_ARRAY_TASK_MAX", "8",
                "SLURM_ARRAY_TASK_COUNT", "4")));
    assertEquals(
        new Shard(1, 4),
        detect(
            Map.of(
                "SLURM_ARRAY_TASK_ID", "0",
                "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_COUNT", "4")));
  }

  @Test
  void looksInTheContractsOrder() {
    Map<String, String> all =
        Map.of(
            "JOB_COMPLETION_INDEX", "0",
            "BATCHSEND_SHARD_COUNT", "2",
            "CI_NODE_INDEX", "2",
            "CI_NODE_TOTAL", "2",
            "SLURM_ARRAY_TASK_ID", "9");
    assertEquals(new Shard(1, 2), detect(all), "Kubernetes first");
  }

  @Test
  void nothingFoundNamesWhatWasLookedFor() {
    String message = failure(Map.of("HOME", "/root", "CI_NODE_INDEX", " "), null);
    for (String variable :
        new String[] {
          "JOB_COMPLETION_INDEX",
          "CI_NODE_INDEX",
          "AWS_BATCH_JOB_ARRAY_INDEX",
          "SLURM_ARRAY_TASK_ID"
        }) {
      assertTrue(message.contains(variable), message);
    }
  }

  @Test
  void aMissingCountNamesTheIndexAndWhereTheCountComesFrom() {
    String k8s = failure(Map.of("JOB_COMPLETION_INDEX", "1"), null);
    assertTrue(k8s.contains("JOB_COMPLETION_INDEX"), k8s);
    assertTrue(k8s.contains("--shard-count") && k8s.contains("BATCHSEND_SHARD_COUNT"), k8s);
    String aws = failure(Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "0"), null);
    assertTrue(aws.contains("AWS_BATCH_JOB_ARRAY_INDEX"), aws);
    String gitLab = failure(Map.of("CI_NODE_INDEX", "1"), null);
    assertTrue(gitLab.contains("CI_NODE_TOTAL"), gitLab);
    String slurm = failure(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1"), null);
    assertTrue(slurm.contains("SLURM_ARRAY_TASK_MAX"), slurm);
    String slurmMin =
        failure(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MAX", "4"), null);
    assertTrue(slurmMin.contains("SLURM_ARRAY_TASK_MIN"), slurmMin);
  }

  @Test
  void nonNumericValuesAreNamed() {
    assertTrue(
        failure(Map.of("CI_NODE_INDEX", "two", "CI_NODE_TOTAL", "4"), null)
            .contains("CI_NODE_INDEX='two'"));
    assertTrue(
        failure(Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "4.0"), null)
            .contains("CI_NODE_TOTAL"));
    assertTrue(
        failure(Map.of("JOB_COMPLETION_INDEX", "1", "BATCHSEND_SHARD_COUNT", "x"), null)
            .contains("BATCHSEND_SHARD_COUNT"));
    assertTrue(failure(Map.of("JOB_COMPLETION_INDEX", "-1"), 4).contains("JOB_COMPLETION_INDEX"));
  }

  @Test
  void inconsistentValuesAreNamed() {
    assertTrue(failure(Map.of("JOB_COMPLETION_INDEX", "4"), 4).contains("JOB_COMPLETION_INDEX=4"));
    assertTrue(
        failure(Map.of("CI_NODE_INDEX", "0", "CI_NODE_TOTAL", "4"), null)
            .contains("CI_NODE_INDEX=0"));
    assertTrue(
        failure(Map.of("CI_NODE_INDEX", "5", "CI_NODE_TOTAL", "4"), null)
            .contains("CI_NODE_INDEX=5"));
    assertTrue(
        failure(Map.of("CI_NODE_INDEX", "1", "CI_NODE_TOTAL", "4"), 3).contains("--shard-count"));
    assertTrue(
        failure(Map.of("JOB_COMPLETION_INDEX", "0", "BATCHSEND_SHARD_COUNT", "0"), null)
            .contains("BATCHSEND_SHARD_COUNT"));
    String sparse =
        failure(
            Map.of(
                "SLURM_ARRAY_TASK_ID", "3",
                "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "5",
                "SLURM_ARRAY_TASK_COUNT", "3"),
            null);
    assertTrue(sparse.contains("SLURM_ARRAY_TASK_COUNT=3"), sparse);
    String outside =
        failure(
            Map.of(
                "SLURM_ARRAY_TASK_ID", "9",
                "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "4"),
            null);
    assertTrue(outside.contains("SLURM_ARRAY_TASK_ID=9"), outside);
  }
}
