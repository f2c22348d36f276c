package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.Fixture;
import io.batchsend.support.Golden;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {
  static String render(RunReport r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SummaryJson().write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void summaryOfAwkwardItemsMatchesGolden() throws Exception {
    Golden.assertMatches("summary.json", render(Fixture.report()));
  }

  @Test
  void summaryHasExactlyTheContractFieldsInOrder() throws Exception {
    JsonNode root = new ObjectMapper().readTree(render(Fixture.report()));
    assertEquals(
        List.of(
            "version",
            "total",
            "ok",
            "failed",
            "skipped",
            "not_sent",
            "wall_s",
            "rps",
            "exit_code",
            "started",
            "finished",
            "status",
            "errors",
            "latency_ms",
            "options",
            "slowest",
            "failures"),
        names(root));
    assertEquals(
        List.of("min", "mean", "p50", "p90", "p95", "p99", "p999", "max"),
        names(root.get("latency_ms")));
    assertEquals(1, root.get("version").asInt());
    long total = root.get("total").asLong();
    assertEquals(
        total,
        root.get("ok").asLong()
            + root.get("failed").asLong()
            + root.get("skipped").asLong()
            + root.get("not_sent").asLong());
    assertEquals("2026-11-24T16:59:59.950Z", root.get("started").asText());
    assertEquals(3, root.get("status").get("200").asLong());
    assertEquals(1, root.get("errors").get("timeout").asLong());
  }

  @Test
  void loneSurrogateInAnItemDoesNotBreakTheSummary() throws Exception {
    RunStats stats = new RunStats();
    stats.accept(Fixture.ok(1, "lone\uD800", 200, 1000, 1));
    RunReport r =
        stats.report(stats.snapshot(0, 0, 1000), Fixture.T0, Fixture.T0, 0, java.util.Map.of());
    JsonNode root = new ObjectMapper().readTree(render(r));
    assertEquals("lone\uFFFD", root.get("slowest").get(0).get("item").asText());
  }
}
