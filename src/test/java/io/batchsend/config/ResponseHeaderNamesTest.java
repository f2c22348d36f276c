package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseHeaderNamesTest {
  @Test
  void namesAreCaseInsensitiveAndKeptInLowerCase() {
    ResponseHeaderNames names = ResponseHeaderNames.parse(List.of("Location", " X-Request-ID "));
    assertEquals(Set.of("location", "x-request-id"), names.names());
    assertTrue(names.keeps("x-request-id"));
    assertFalse(names.keeps("date"));
  }

  @Test
  void starKeepsEveryHeader() {
    ResponseHeaderNames all = ResponseHeaderNames.parse(List.of("*"));
    assertSame(ResponseHeaderNames.ALL, all);
    assertTrue(all.keeps("anything"));
  }

  @Test
  void notGivenKeepsNothing() {
    assertSame(ResponseHeaderNames.NONE, ResponseHeaderNames.parse(null));
    assertFalse(ResponseHeaderNames.NONE.any());
  }

  @Test
  void aValuePastedForANameIsRefusedWithoutBeingRepeated() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> ResponseHeaderNames.parse(List.of("Authorization: Bearer s3cr3t")));
    assertEquals(
        "invalid --response-headers: expected header names separated by commas, or '*' for all",
        e.getMessage());
  }

  @Test
  void starWithNamesOrAnEmptyNameIsRefused() {
    assertThrows(UsageException.class, () -> ResponseHeaderNames.parse(List.of("*", "Location")));
    assertThrows(UsageException.class, () -> ResponseHeaderNames.parse(List.of("")));
  }

  @Test
  void headersWithoutResponsesIsAUsageError() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> new CaptureSettings(null, "out/{index}", ResponseHeaderNames.ALL));
    assertEquals("--response-headers adds to --responses: give --responses too", e.getMessage());
  }
}
