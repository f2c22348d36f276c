package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.Shard;
import io.batchsend.config.UsageException;
import io.batchsend.engine.RunControl;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
  void shardGoesIntoTheSettings() {
    assertEquals(
        new CoordinationSettings(new Shard(3, 3)),
        parse("--shard", "3/3", "x.txt").coordination.settings(Map.of()));
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
