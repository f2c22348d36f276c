package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --shard}: disjoint shares of one input that together send every item exactly once. */
class ShardingIT {
  @TempDir Path dir;

  /** Counts each item the server sees, by the {@code id} query parameter. */
  static final class Counting extends Dispatcher {
    final Map<String, Integer> seen = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      seen.merge(request.getUrl().queryParameter("id"), 1, Integer::sum);
      return new MockResponse.Builder().code(200).body("ok").build();
    }
  }

  /**
   * Items in the four-shard run. 402 leaves shares of 101, 101, 100 and 100, so uneven shares are
   * covered; ShardTest and ShardItemReaderTest hold the arithmetic for every size. {@code -Pslow}
   * runs it with 10,000 items (about a minute).
   */
  private static final int SHARDED_ITEMS = Integer.getInteger("batchsend.it.shardedItems", 402);

  @Test
  void fourShardsSendEachItemExactlyOnce() throws Exception {
    int items = SHARDED_ITEMS;
    int shards = 4;
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(items));
    Counting counting = new Counting();
    try (MockWebServer server = Servers.start(counting)) {
      for (int k = 1; k <= shards; k++) {
        Path log = dir.resolve("shard-" + k + ".log");
        Result r =
            cli()
                .run(
                    "--shard=" + k + "/" + shards,
                    "-c",
                    "8",
                    "-u",
                    Servers.url(server, "/api?id={data}&n={index}"),
                    "-o",
                    log.toString(),
                    "--log-format",
                    "jsonl",
                    "--summary",
                    dir.resolve("summary-" + k + ".json").toString(),
                    data.toString());
        assertEquals(0, r.exitCode(), r.toString());
        long share = (items - k) / shards + 1; // indexes k, k + shards, ... up to items
        assertTrue(
            r.err().contains(share + " items: " + share + " ok, 0 failed, 0 skipped"), r.err());
        assertTrue(r.err().contains("  shard:   " + k + "/" + shards), r.err());
        JsonNode summary =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("summary-" + k + ".json").toFile());
        assertEquals(k + "/" + shards, summary.get("options").get("shard").asText());
        assertEquals(share, summary.get("total").asLong());

        List<JsonNode> records = Logs.jsonl(log);
        assertEquals(share, records.size(), "shard " + k + " logs only its items");
        for (JsonNode rec : records) {
          long index = rec.get("index").asLong();
          assertEquals(k - 1, (index - 1) % shards, "index " + index + " in shard " + k);
          assertEquals("item" + index, rec.get("item").asText(), "index is whole-input position");
          assertTrue(rec.get("url").asText().endsWith("&n=" + index), rec.toString());
        }
      }
      assertEquals(items, server.getRequestCount(), "one request per item across the shards");
    }
    Result merged =
        cli()
            .run(
                "report",
                dir.resolve("shard-1.log").toString(),
                dir.resolve("shard-2.log").toString(),
                dir.resolve("shard-3.log").toString(),
                dir.resolve("shard-4.log").toString());
    assertEquals(0, merged.exitCode(), merged.toString());
    assertTrue(merged.err().contains(items + " items: " + items + " ok, 0 failed"), merged.err());
    assertEquals(items, counting.seen.size(), "every item was sent");
    assertTrue(counting.seen.values().stream().allMatch(n -> n == 1), "no item was sent twice");
  }

  /** Each orchestrator's variables, as it sets them, and the explicit shard they mean. */
  static Stream<Arguments> orchestrators() {
    return Stream.of(
        Arguments.of(
            "Kubernetes Indexed Job",
            Map.of("JOB_COMPLETION_INDEX", "2", "BATCHSEND_SHARD_COUNT", "4"),
            List.of(),
            "3/4"),
        Arguments.of(
            "Kubernetes with --shard-count",
            Map.of("JOB_COMPLETION_INDEX", "0"),
            List.of("--shard-count=3"),
            "1/3"),
        Arguments.of(
            "GitLab CI parallel",
            Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "5", "CI", "true"),
            List.of(),
            "2/5"),
        Arguments.of(
            "AWS Batch array job",
            Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "3", "AWS_BATCH_JOB_ID", "abc:3"),
            List.of("--shard-count", "4"),
            "4/4"),
        Arguments.of(
            "Slurm job array",
            Map.of(
                "SLURM_ARRAY_JOB_ID", "77",
                "SLURM_ARRAY_TASK_ID", "11",
                "SLURM_ARRAY_TASK_MIN", "10",
                "SLURM_ARRAY_TASK_MAX", "13",
                "SLURM_ARRAY_TASK_COUNT", "4",
                "SLURM_ARRAY_TASK_STEP", "1"),
            List.of(),
            "2/4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orchestrators")
  void autoPicksTheSameItemsAsTheEquivalentKOfN(
      String name, Map<String, String> env, List<String> options, String explicit)
      throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(23));
    CliRun auto = cli();
    env.forEach(auto::env);
    List<String> autoArgs = new ArrayList<>(List.of("--shard=auto"));
    autoArgs.addAll(options);
    Set<Long> byAuto = sentIndexes(auto, autoArgs, data, "auto.log");
    Set<Long> byKofN = sentIndexes(cli(), List.of("--shard=" + explicit), data, "explicit.log");
    assertEquals(byKofN, byAuto, name);
    assertTrue(!byAuto.isEmpty() && byAuto.size() < 23, byAuto.toString());
  }

  private Set<Long> sentIndexes(CliRun run, List<String> shardArgs, Path data, String logName)
      throws Exception {
    Counting counting = new Counting();
    Path log = dir.resolve(logName);
    try (MockWebServer server = Servers.start(counting)) {
      List<String> args = new ArrayList<>(shardArgs);
      args.addAll(
          List.of(
              "-u",
              Servers.url(server, "/api?id={data}"),
              "-o",
              log.toString(),
              "--log-format",
              "jsonl",
              data.toString()));
      Result r = run.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("  shard:   "), r.err());
    }
    Set<Long> indexes = new TreeSet<>();
    for (JsonNode rec : Logs.jsonl(log)) {
      indexes.add(rec.get("index").asLong());
    }
    Set<Long> fromServer = new TreeSet<>();
    counting.seen.keySet().forEach(id -> fromServer.add(Long.parseLong(id.substring(4))));
    assertEquals(indexes, fromServer, "the log records what the server received");
    return indexes;
  }

  static Stream<Arguments> shardUsageErrors() {
    return Stream.of(
        Arguments.of(Map.of(), List.of("--shard=auto"), "JOB_COMPLETION_INDEX"),
        Arguments.of(
            Map.of("JOB_COMPLETION_INDEX", "1"), List.of("--shard=auto"), "BATCHSEND_SHARD_COUNT"),
        Arguments.of(
            Map.of("JOB_COMPLETION_INDEX", "4", "BATCHSEND_SHARD_COUNT", "4"),
            List.of("--shard=auto"),
            "JOB_COMPLETION_INDEX=4"),
        Arguments.of(
            Map.of("CI_NODE_INDEX", "x", "CI_NODE_TOTAL", "4"),
            List.of("--shard=auto"),
            "CI_NODE_INDEX='x'"),
        Arguments.of(Map.of("CI_NODE_INDEX", "2"), List.of("--shard=auto"), "CI_NODE_TOTAL"),
        Arguments.of(
            Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "4"),
            List.of("--shard=auto", "--shard-count=3"),
            "--shard-count"),
        Arguments.of(
            Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "0"),
            List.of("--shard=auto"),
            "AWS_BATCH_JOB_ARRAY_INDEX"),
        Arguments.of(
            Map.of(
                "SLURM_ARRAY_TASK_ID", "3",
                "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "5",
                "SLURM_ARRAY_TASK_COUNT", "3"),
            List.of("--shard=auto"),
            "SLURM_ARRAY_TASK_COUNT"),
        Arguments.of(Map.of(), List.of("--shard=0/4"), "1-based"),
        Arguments.of(Map.of(), List.of("--shard=5/4"), "--shard"),
        Arguments.of(Map.of(), List.of("--shard=half"), "--shard 'half'"),
        Arguments.of(Map.of(), List.of("--shard=1/4", "--shard-count=4"), "--shard-count"),
        Arguments.of(
            Map.of(), List.of("--shard=1/4", "--rate=5/s", "--rate-total=20/s"), "--rate-total"));
  }

  @ParameterizedTest
  @MethodSource("shardUsageErrors")
  void missingOrInconsistentShardExitsTwoNamingTheVariableAndSendsNothing(
      Map<String, String> env, List<String> options, String named) throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(5));
    Path log = dir.resolve("run.log");
    CliRun run = cli();
    env.forEach(run::env);
    try (MockWebServer server = Servers.ok()) {
      List<String> args = new ArrayList<>(options);
      args.addAll(List.of("-u", Servers.url(server, "/{data}"), "-o", log.toString()));
      args.add(data.toString());
      Result r = run.run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), r.toString());
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("batchsend: ") && first.contains(named), r.err());
      assertEquals(0, server.getRequestCount(), "nothing sent");
    }
    assertTrue(!log.toFile().exists(), "no log written");
  }

  @Test
  void resumeWithAShardSkipsOnlyTheShardsOwnItems() throws Exception {
    Path data = Logs.dataFile(dir, "items.txt", Logs.items(12));
    Path log = dir.resolve("shard.log");
    try (MockWebServer server = Servers.ok()) {
      String url = Servers.url(server, "/{data}");
      String[] args = {"--shard=2/3", "-u", url, "-o", log.toString(), data.toString()};
      assertEquals(0, cli().run(args).exitCode());
      String[] resumed = {
        "--resume", "--shard=2/3", "-u", url, "-o", log.toString(), data.toString()
      };
      Result r = cli().run(resumed);
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("4 items: 0 ok, 0 failed, 4 skipped, 0 not sent"), r.err());
      assertEquals(4, server.getRequestCount());
    }
  }

  @Test
  void stdinIsShardedToo() throws Exception {
    Counting counting = new Counting();
    try (MockWebServer server = Servers.start(counting)) {
      Result r =
          cli()
              .stdin("a\nb\nc\nd\ne\n")
              .run(
                  "--shard=1/2",
                  "-u",
                  Servers.url(server, "/api?id=xxxx{data}"),
                  "-o",
                  dir.resolve("run.log").toString(),
                  "-");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("3 items: 3 ok"), r.err());
    }
    assertEquals(Set.of("xxxxa", "xxxxc", "xxxxe"), counting.seen.keySet());
  }
}
