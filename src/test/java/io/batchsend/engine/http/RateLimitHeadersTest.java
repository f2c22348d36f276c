package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchsend.engine.ServerQuota;
import io.batchsend.engine.ServerQuota.Source;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final long NOW = 1_795_539_600_000L; // 2026-11-24T17:00:00Z
  private static final long NOW_SECONDS = NOW / 1000;
  private static final long U = ServerQuota.UNKNOWN;

  private static ServerQuota read(String... nameValue) {
    RateLimitHeaders headers = new RateLimitHeaders();
    for (int i = 0; i < nameValue.length; i += 2) {
      headers.add(nameValue[i], nameValue[i + 1]);
    }
    return headers.quota(NOW);
  }

  @Test
  void readsTheIetfStructuredFieldsWithTheirPolicy() {
    assertEquals(
        new ServerQuota(0, 2_000, 100, 60_000, Source.RATELIMIT),
        read("RateLimit", "\"default\";r=0;t=2", "RateLimit-Policy", "\"default\";q=100;w=60"));
  }

  @Test
  void readsTheIetfStructuredFieldWithoutAPolicy() {
    assertEquals(
        new ServerQuota(7, 30_000, U, U, Source.RATELIMIT), read("ratelimit", "\"api\";r=7;t=30"));
  }

  @Test
  void theMostRestrictiveOfSeveralPoliciesBinds() {
    ServerQuota q =
        read(
            "RateLimit",
            "\"daily\";r=500;t=40000, \"burst\";r=0;t=3",
            "RateLimit-Policy",
            "\"burst\";q=10;w=5, \"daily\";q=1000;w=86400");
    assertEquals(new ServerQuota(0, 3_000, 10, 5_000, Source.RATELIMIT), q);
  }

  @Test
  void repeatedStructuredFieldLinesAreOneList() {
    ServerQuota q = read("RateLimit", "\"a\";r=4;t=1", "RateLimit", "\"b\";r=0;t=9");
    assertEquals(new ServerQuota(0, 9_000, U, U, Source.RATELIMIT), q);
  }

  @Test
  void readsDraft07Dictionary() {
    assertEquals(
        new ServerQuota(0, 7_000, 10, 1_000, Source.RATELIMIT),
        read("RateLimit", "limit=10, remaining=0, reset=7", "RateLimit-Policy", "10;w=1"));
  }

  @Test
  void readsTheOlderDraftsSeparateFields() {
    assertEquals(
        new ServerQuota(0, 5_000, 10, U, Source.RATELIMIT_FIELDS),
        read(
            "RateLimit-Limit",
            "10, 10;w=1, 50;w=60",
            "RateLimit-Remaining",
            "0",
            "RateLimit-Reset",
            "5"));
  }

  @Test
  void readsXRateLimitWithADeltaReset() {
    assertEquals(
        new ServerQuota(0, 2_000, 60, U, Source.X_RATELIMIT),
        read("X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "2"));
  }

  @Test
  void readsXRateLimitWithAnEpochResetAsGitHubSendsIt() {
    assertEquals(
        new ServerQuota(0, 42_000, 5000, U, Source.X_RATELIMIT),
        read(
            "x-ratelimit-limit",
            "5000",
            "x-ratelimit-remaining",
            "0",
            "x-ratelimit-reset",
            Long.toString(NOW_SECONDS + 42)));
  }

  @Test
  void anEpochResetAlreadyPastIsNow() {
    assertEquals(0, RateLimitHeaders.resetMillis(Long.toString(NOW_SECONDS - 10), NOW));
  }

  @Test
  void theMagnitudeTellsEpochSecondsFromADelta() {
    // 10^9 seconds is 31 years as a delta: still taken as one, however absurd; above, a date.
    assertEquals(1_000_000_000_000L, RateLimitHeaders.resetMillis("1000000000", NOW));
    assertEquals(0, RateLimitHeaders.resetMillis("1000000001", NOW), "2001: a past date");
    assertEquals(
        86_400_000, RateLimitHeaders.resetMillis(Long.toString(NOW_SECONDS + 86_400), NOW));
  }

  @Test
  void anEpochInMillisecondsIsReadToo() {
    assertEquals(1_500, RateLimitHeaders.resetMillis(Long.toString(NOW + 1_500), NOW));
  }

  @Test
  void fractionsOfASecondRoundUpToTheMillisecond() {
    assertEquals(1_234, RateLimitHeaders.resetMillis("1.234", NOW));
    assertEquals(1_235, RateLimitHeaders.resetMillis("1.2341", NOW));
    assertEquals(500, RateLimitHeaders.resetMillis("0.5", NOW));
    assertEquals(2_500, RateLimitHeaders.resetMillis(NOW_SECONDS + 2 + ".5", NOW), "epoch");
  }

  @Test
  void resetAfterIsADeltaAndWinsOverReset() {
    assertEquals(
        new ServerQuota(0, 1_250, U, U, Source.X_RATELIMIT),
        read(
            "X-RateLimit-Remaining",
            "0",
            "X-RateLimit-Reset",
            Long.toString(NOW_SECONDS + 60),
            "X-RateLimit-Reset-After",
            "1.25"));
  }

  @Test
  void readsTheXRateDashLimitSpelling() {
    assertEquals(
        new ServerQuota(3, 9_000, U, U, Source.X_RATELIMIT),
        read("X-Rate-Limit-Remaining", "3", "X-Rate-Limit-Reset", "9"));
  }

  @Test
  void theIetfFieldsArePreferredToTheXFamily() {
    ServerQuota q =
        read(
            "X-RateLimit-Remaining",
            "50",
            "X-RateLimit-Reset",
            "60",
            "RateLimit",
            "\"default\";r=0;t=2");
    assertEquals(Source.RATELIMIT, q.source());
    assertEquals(0, q.remaining());
  }

  @Test
  void anUnreadableFamilyFallsBackToTheNextOne() {
    ServerQuota q = read("RateLimit", "garbage", "X-RateLimit-Remaining", "0");
    assertEquals(new ServerQuota(0, U, U, U, Source.X_RATELIMIT), q);
  }

  @Test
  void aResetAloneIsAQuota() {
    assertEquals(
        new ServerQuota(U, 3_000, U, U, Source.X_RATELIMIT), read("X-RateLimit-Reset", "3"));
  }

  @Test
  void noRateLimitHeadersIsNoQuota() {
    assertNull(read("Content-Type", "text/plain", "X-Request-Id", "7", "Retry-After", "3"));
  }

  @Test
  void garbageIsIgnored() {
    assertNull(read("X-RateLimit-Remaining", "none", "X-RateLimit-Reset", "soon"));
    assertNull(read("X-RateLimit-Remaining", "-1", "X-RateLimit-Reset", "-5"));
    assertNull(read("X-RateLimit-Remaining", "1e3", "X-RateLimit-Reset", "0x10"));
    assertNull(read("X-RateLimit-Remaining", "", "X-RateLimit-Reset", "."));
    assertNull(read("RateLimit", "\"default\";r=-1;t=-2"));
    assertNull(read("RateLimit", "\"default\";r=?1;t=\"2\"x"));
    assertNull(read("RateLimit", ",;,=;"));
    assertEquals(
        new ServerQuota(0, U, U, U, Source.X_RATELIMIT),
        read("X-RateLimit-Remaining", " 0 ", "X-RateLimit-Reset", "1.2.3"));
  }

  @Test
  void hugeValuesSaturateInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, RateLimitHeaders.resetMillis("9".repeat(40), NOW));
    assertEquals(Long.MAX_VALUE, RateLimitHeaders.resetMillis("9223372036854776", Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, RateLimitHeaders.count("1".repeat(30)));
    ServerQuota q = read("RateLimit", "\"d\";r=0;t=" + "9".repeat(40));
    assertEquals(Long.MAX_VALUE, q.resetMillis());
  }

  @Test
  void quotedStringsMayHoldSeparators() {
    ServerQuota q =
        read(
            "RateLimit",
            "\"a,b;c=\\\"d\\\"\";r=1;t=4",
            "RateLimit-Policy",
            "\"a,b;c=\\\"d\\\"\";q=9;w=4");
    assertEquals(new ServerQuota(1, 4_000, 9, 4_000, Source.RATELIMIT), q);
  }
}
