package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RequestSpec;
import io.batchsend.input.Item;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A URL past 64 KiB once encoded is that item's failure, not a request the client chokes on. */
class UrlLengthTest {
  private static RequestTemplate compile(String url) {
    return RequestTemplate.compile(
        new RequestSpec(HttpMethod.GET, url, List.of(), null),
        Set.of(),
        "lines input",
        Map.of(),
        Redactor.defaults());
  }

  @Test
  void urlLongerThan64KiBOnceEncodedIsRefused() throws Exception {
    RequestTemplate t = compile("http://h/x?q={data}");
    // 7,500 characters of UTF-8 text become 67,500 once percent-encoded.
    RenderException e =
        assertThrows(RenderException.class, () -> t.render(Item.line(1, "中".repeat(7_500))));
    assertEquals("invalid: URL longer than 65536 characters once encoded", e.getMessage());
    assertEquals(
        "http://h/x?q=" + "%E4%B8%AD".repeat(7_000),
        t.render(Item.line(1, "中".repeat(7_000))).url());
  }

  @Test
  void wholeUrlFromTheItemIsBoundedToo() {
    RequestTemplate t = compile("{data}");
    assertThrows(
        RenderException.class, () -> t.render(Item.line(1, "http://h/" + "a".repeat(70_000))));
  }
}
