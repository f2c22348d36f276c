package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.ResponseHeaderNames;
import io.batchsend.engine.ResponseHeaders.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
  private static ResponseHeaders.Collector asking(String... names) {
    return ResponseHeaders.collector(ResponseHeaderNames.parse(List.of(names)));
  }

  @Test
  void onlyTheAskedHeadersAreKeptUnderLowerCaseNamesInResponseOrder() {
    ResponseHeaders kept =
        asking("X-Request-Id", "LOCATION")
            .add("Date", "Thu, 26 Nov 2026 11:00:00 GMT")
            .add("x-request-ID", "abc")
            .add("Location", "/users/7")
            .build();
    assertEquals(
        List.of(new Field("x-request-id", "abc"), new Field("location", "/users/7")),
        kept.fields());
    assertFalse(kept.truncated());
  }

  @Test
  void aRepeatedHeadersValuesAreJoinedWithCommaSpace() {
    ResponseHeaders kept = asking("*").add("Vary", "Accept").add("VARY", "Origin").build();
    assertEquals(List.of(new Field("vary", "Accept, Origin")), kept.fields());
  }

  @Test
  void secretHeadersAreMaskedOnceWhetherNamedOrUnderStar() {
    for (ResponseHeaders.Collector c :
        List.of(
            asking("*"),
            asking("set-cookie", "authorization", "proxy-authorization", "cookie", "x-id"))) {
      ResponseHeaders kept =
          c.add("Set-Cookie", "session=s3cr3t")
              .add("Set-Cookie", "csrf=s3cr3t")
              .add("Authorization", "Bearer s3cr3t")
              .add("Proxy-Authorization", "Basic s3cr3t")
              .add("Cookie", "a=s3cr3t")
              .add("X-Id", "7")
              .build();
      assertEquals(
          List.of(
              new Field("set-cookie", "***"),
              new Field("authorization", "***"),
              new Field("proxy-authorization", "***"),
              new Field("cookie", "***"),
              new Field("x-id", "7")),
          kept.fields());
    }
  }

  @Test
  void aHeaderPastTheCapIsLeftOutAndTheRestStillFit() {
    String big = "v".repeat(ResponseHeaders.MAX_CHARS - "x-big".length());
    ResponseHeaders kept =
        asking("*").add("X-Big", big).add("X-Next", "1").add("X-Big", "more").build();
    assertEquals(List.of(new Field("x-big", big)), kept.fields());
    assertTrue(kept.truncated());
  }

  @Test
  void nothingAskedKeepsNothing() {
    ResponseHeaders kept =
        ResponseHeaders.collector(ResponseHeaderNames.NONE).add("Location", "/x").build();
    assertEquals(List.of(), kept.fields());
  }
}
