package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailureKindTest {
  private static Set<FailureKind> where(Predicate<FailureKind> test) {
    return EnumSet.allOf(FailureKind.class).stream().filter(test).collect(Collectors.toSet());
  }

  @Test
  void everyKnownKindReadsBackFromItsWord() {
    for (FailureKind kind : FailureKind.values()) {
      if (kind == FailureKind.UNKNOWN) {
        continue;
      }
      Failure failure = new Failure(kind, "detail");
      assertEquals(kind.word() + ": detail", failure.describe());
      assertEquals(failure, Failure.parse(failure.describe()));
      assertEquals(new Failure(kind, ""), Failure.parse(kind.word()));
    }
  }

  @Test
  void theWordsAreTheLogContract() {
    assertEquals(
        Set.of(
            "auth",
            "timeout",
            "connect",
            "dns",
            "reset",
            "refused",
            "truncated",
            "protocol",
            "tls",
            "redirect",
            "io",
            "status",
            "too-large",
            "invalid",
            "input",
            "missing",
            "interrupted",
            "internal"),
        where(k -> k != FailureKind.UNKNOWN).stream()
            .map(FailureKind::word)
            .collect(Collectors.toSet()));
  }

  @Test
  void anUnknownWordFromAnotherVersionIsReadAndWrittenBackUnchanged() {
    Failure failure = Failure.parse("quota: daily limit reached");
    assertEquals(FailureKind.UNKNOWN, failure.kind());
    assertEquals("quota", failure.word());
    assertEquals("quota: daily limit reached", failure.describe());
    assertEquals("", Failure.parse("").describe());
  }

  @Test
  void ioInRetryOnCoversTheTransportKindsOnly() {
    assertEquals(
        EnumSet.of(
            FailureKind.TIMEOUT,
            FailureKind.CONNECT,
            FailureKind.DNS,
            FailureKind.RESET,
            FailureKind.REFUSED,
            FailureKind.TRUNCATED,
            FailureKind.PROTOCOL,
            FailureKind.REDIRECT,
            FailureKind.IO),
        where(FailureKind::isTransport));
  }

  @Test
  void onlyConnectDnsAndARefusedStreamProvablyWereNotProcessed() {
    assertEquals(
        EnumSet.of(FailureKind.CONNECT, FailureKind.DNS, FailureKind.REFUSED),
        where(FailureKind::neverReachedServer));
    for (FailureKind kind : where(FailureKind::neverReachedServer)) {
      assertTrue(kind.isTransport(), kind + " must be covered by io to be retried at all");
    }
  }

  @Test
  void adaptiveBacksOffOnTimeoutsAndRefusalsAndIgnoresWhatNeverMeasuredTheServer() {
    assertEquals(
        EnumSet.of(FailureKind.TIMEOUT, FailureKind.CONNECT, FailureKind.REFUSED),
        where(FailureKind::isPushback));
    assertEquals(
        EnumSet.of(FailureKind.INVALID, FailureKind.INTERRUPTED, FailureKind.AUTH),
        where(FailureKind::isUnmeasured));
    assertFalse(FailureKind.INTERNAL.isTransport());
  }
}
