package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.Shard;
import io.batchsend.config.UsageException;
import io.batchsend.engine.RunControl;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parse-only checks of the coordination options through the real command line. */
class CoordinationOptionsTest {
  private static BatchsendCommand parse(String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    CommandLine cl =
        CommandLines.create(Map.of(), InputStream.nullInputStream(), sink, sink, new RunControl());
    cl.parseArgs(args);
    return cl.getCommand();
  }

  @Test
  void rateTotalIsDividedAmongTheShards() {
    BatchsendCommand cmd = parse("--shard=2/4", "--rate-total=100/s", "x.txt");
    CoordinationSettings settings = cmd.coordination.settings(Map.of());
    assertEquals(new Shard(2, 4), settings.shard());
    assertEquals(25.0, cmd.coordination.rate(null, settings.shard()).perSecond(), 1e-9);
  }

  @Test
  void rateTotalPerMinuteWithAutoShards() {
    BatchsendCommand cmd = parse("--shard=auto", "--rate-total=600/m", "x.txt");
    CoordinationSettings settings =
        cmd.coordination.settings(Map.of("CI_NODE_INDEX", "1", "CI_NODE_TOTAL", "5"));
    assertEquals(2.0, cmd.coordination.rate(null, settings.shard()).perSecond(), 1e-9);
  }

  @Test
  void rateTotalWithoutAShardIsTheRate() {
    BatchsendCommand cmd = parse("--rate-total=30/s", "x.txt");
    assertEquals(30.0, cmd.coordination.rate(null, null).perSecond(), 1e-9);
  }

  @Test
  void rateAloneIsKeptAsGiven() {
    BatchsendCommand cmd = parse("--shard=1/4", "x.txt");
    assertEquals(8.0, cmd.coordination.rate("8/s", new Shard(1, 4)).perSecond(), 1e-9);
    assertNull(cmd.coordination.rate(null, new Shard(1, 4)));
  }

  @Test
  void rateAndRateTotalTogetherAreAUsageError() {
    BatchsendCommand cmd = parse("--rate-total=30/s", "x.txt");
    assertThrows(UsageException.class, () -> cmd.coordination.rate("10/s", null));
  }

  @Test
  void lockAndShardGoIntoTheSettings() {
    BatchsendCommand cmd = parse("--lock", "/tmp/job.lock", "--shard", "3/3", "x.txt");
    assertEquals(
        new CoordinationSettings(new Shard(3, 3), Path.of("/tmp/job.lock")),
        cmd.coordination.settings(Map.of()));
    assertEquals(CoordinationSettings.NONE, parse("x.txt").coordination.settings(Map.of()));
  }

  @Test
  void autoShardIsReadFromTheEnvironmentGiven() {
    BatchsendCommand cmd = parse("--shard=AUTO", "--shard-count=8", "x.txt");
    assertEquals(
        new Shard(6, 8), cmd.coordination.settings(Map.of("JOB_COMPLETION_INDEX", "5")).shard());
  }

  @Test
  void shardCountWithoutAutoIsAUsageError() {
    BatchsendCommand cmd = parse("--shard=1/2", "--shard-count=2", "x.txt");
    assertThrows(UsageException.class, () -> cmd.coordination.settings(Map.of()));
  }
}
