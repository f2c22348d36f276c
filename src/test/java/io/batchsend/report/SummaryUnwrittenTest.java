package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.Fixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's count of records the request log could not take, and where they are. */
class SummaryUnwrittenTest {
  private static RunReport withSummary(RunReport r, Summary s) {
    return new RunReport(
        s,
        r.startedEpochMillis(),
        r.finishedEpochMillis(),
        3,
        r.options(),
        r.bytes(),
        r.slowest(),
        r.failures(),
        r.failuresOmitted(),
        r.histogram(),
        r.timeline(),
        r.timelineSlotSeconds());
  }

  @Test
  void summaryJsonSaysHowManyRecordsAreNotInTheLogAndWhere() {
    RunReport r = Fixture.report();
    Summary s = r.summary().withUnwritten(new Summary.Unwritten(2, "stderr"));
    JsonNode root = new SummaryJson().tree(withSummary(r, s));
    assertEquals(2, root.get("unwritten").asLong());
    assertEquals("stderr", root.get("unwritten_to").asText());
    assertEquals(3, root.get("exit_code").asInt());
  }

  @Test
  void summaryJsonOfALogThatTookEveryRecordHasNoUnwrittenField() {
    JsonNode root = new SummaryJson().tree(Fixture.report());
    assertFalse(root.has("unwritten"));
    assertFalse(root.has("unwritten_to"));
  }

  @Test
  void moreUnwrittenRecordsThanItemsSentIsRefused() {
    Summary s =
        new Summary(1, 1, 0, 0, 0, Map.of(), Map.of(), Fixture.report().summary().latency());
    assertThrows(
        IllegalArgumentException.class, () -> s.withUnwritten(new Summary.Unwritten(3, "x")));
    assertThrows(IllegalArgumentException.class, () -> new Summary.Unwritten(0, "stderr"));
  }
}
