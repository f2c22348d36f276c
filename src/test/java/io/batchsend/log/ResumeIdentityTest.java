package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.LogFormat;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.UsageException;
import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ResumeIndex}: same index, same item text, same request; bounded memory. */
class ResumeIdentityTest {
  @TempDir Path dir;

  private static ItemResult result(long index, String item, boolean ok) {
    return ItemResult.builder(Item.line(index, item))
        .request("GET", "http://h/x")
        .status(ok ? 200 : 500)
        .attempts(1)
        .nanos(1000)
        .failure(ok ? null : new Failure(FailureKind.STATUS, "500"))
        .build();
  }

  private Path log(LogFormat kind, RequestFingerprint request, List<ItemResult> results)
      throws Exception {
    RecordFormat format = RecordFormat.of(kind, request);
    StringBuilder text = new StringBuilder(format.header() == null ? "" : format.header());
    results.forEach(r -> format.append(r, text));
    Path file = dir.resolve("log-" + kind + "-" + System.nanoTime());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void itemWithTheSameStringHashCodeIsNotSkipped() throws Exception {
    assertEquals("refund-order-Aa".hashCode(), "refund-order-BB".hashCode());
    for (LogFormat kind : LogFormat.values()) {
      Path log = log(kind, LogFixtures.REQUEST, List.of(result(1, "refund-order-Aa", true)));
      try (ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, false)) {
        assertFalse(index.test(Item.line(1, "refund-order-BB")), kind.toString());
      }
      try (ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, false)) {
        assertTrue(index.test(Item.line(1, "refund-order-Aa")), kind.toString());
      }
    }
  }

  @Test
  void spilledChunksMergeToTheSameAnswersAsOneInMemory() throws Exception {
    // 300 items logged in shuffled order, some twice, some failed, some with other text: about
    // 420 records, so chunks of 1, 7 and 64 spill hundreds, dozens and a few files (each chunk of
    // 1 is a file: 1,000 items took 6 s here for no case more).
    int items = 300;
    Random random = new Random(7);
    List<ItemResult> results = new ArrayList<>();
    boolean[] done = new boolean[items + 101];
    for (int i = 1; i <= items; i++) {
      int kind = random.nextInt(4);
      results.add(result(i, "item-" + i, kind != 0));
      done[i] = kind != 0;
      if (kind == 3) {
        results.add(result(i, "item-" + i, true)); // logged ok twice (a re-run)
      }
      if (kind == 0 && random.nextBoolean()) {
        results.add(result(i, "other-" + i, true)); // ok once, but for another text
      }
    }
    Collections.shuffle(results, random);
    for (LogFormat kind : LogFormat.values()) {
      Path log = log(kind, LogFixtures.REQUEST, results);
      for (int chunk : new int[] {1, 7, 64, ResumeIndex.CHUNK}) {
        try (ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, false, chunk)) {
          for (int i = 1; i <= items + 100; i++) {
            assertEquals(
                done[i],
                index.test(Item.line(i, "item-" + i)),
                kind + " chunk " + chunk + " #" + i);
          }
        }
      }
    }
  }

  @Test
  void logOfAnotherRequestIsRefusedNamingWhatDiffersUnlessAnyRequestIsAllowed() throws Exception {
    RequestFingerprint users =
        RequestFingerprint.of(
            new RequestSpec(HttpMethod.GET, "http://h/users/{data}", List.of(), null));
    RequestFingerprint refund =
        RequestFingerprint.of(
            new RequestSpec(
                HttpMethod.POST,
                "http://h/orders/{data}/refund",
                List.of(new HeaderSpec("Authorization", "Bearer literal-secret")),
                "{\"id\": {data}}"));
    for (LogFormat kind : LogFormat.values()) {
      Path log = log(kind, users, List.of(result(1, "7", true)));
      UsageException e =
          assertThrows(UsageException.class, () -> ResumeIndex.read(log, refund, false));
      assertTrue(
          e.getMessage()
              .contains("(not the same: method, URL template, header templates, body template)"),
          e.getMessage());
      assertFalse(e.getMessage().contains("literal-secret"), e.getMessage());
      try (ResumeIndex index = ResumeIndex.read(log, refund, true)) {
        assertTrue(index.test(Item.line(1, "7")), kind.toString());
      }
    }
  }

  @Test
  void fingerprintTellsEachPartOfTheRequestApart() {
    RequestSpec base =
        new RequestSpec(
            HttpMethod.POST, "http://h/{data}", List.of(new HeaderSpec("A", "1")), "{data}");
    RequestFingerprint f = RequestFingerprint.of(base);
    assertEquals(List.of(), f.differencesFrom(RequestFingerprint.of(base)));
    assertEquals(
        List.of("method"),
        f.differencesFrom(
            RequestFingerprint.of(
                new RequestSpec(
                    HttpMethod.parse("PUT"), base.urlTemplate(), base.headers(), "{data}"))));
    assertEquals(
        List.of("header templates"),
        f.differencesFrom(
            RequestFingerprint.of(
                new RequestSpec(
                    HttpMethod.POST,
                    base.urlTemplate(),
                    List.of(new HeaderSpec("A", "2")),
                    "{data}"))));
    assertEquals(
        List.of("body template"),
        f.differencesFrom(
            RequestFingerprint.of(
                new RequestSpec(HttpMethod.POST, base.urlTemplate(), base.headers(), ""))));
    assertFalse(f.text().contains("{data}"), "digests, never template text");
  }

  @Test
  void recordsWithoutARequestAreRefusedUnlessAnyRequestIsAllowed() throws Exception {
    Path log = dir.resolve("old.jsonl");
    Files.writeString(
        log,
        "{\"ts\":\"2026-11-24T17:00:00.123Z\",\"index\":1,\"item\":\"a\",\"method\":\"GET\","
            + "\"url\":\"u\",\"status\":200,\"ok\":true,\"attempts\":1,\"ms\":1.00,\"bytes\":0,"
            + "\"error\":null}\n");
    UsageException e =
        assertThrows(UsageException.class, () -> ResumeIndex.read(log, LogFixtures.REQUEST, false));
    assertTrue(e.getMessage().contains("older batchsend"), e.getMessage());
    try (ResumeIndex index = ResumeIndex.read(log, LogFixtures.REQUEST, true)) {
      assertTrue(index.test(Item.line(1, "a")));
    }
  }
}
