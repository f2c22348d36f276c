package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.input.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code {+name}}: RFC 6570 reserved expansion keeps reserved characters in a URL. */
class ReservedExpansionTest {
  private static String url(String template, Item item) throws Exception {
    StringBuilder sb = new StringBuilder();
    Template.parse(template, "--url", Map.of()).render(item, ValueEncoder.URL, sb);
    return sb.toString();
  }

  @Test
  void reservedCharactersAreKept() throws Exception {
    assertEquals("/status/200", url("/{+data}", Item.line(1, "status/200")));
    assertEquals(
        "/a?b&c=d:e@f!g$h'i(j)k*l+m,n;o",
        url("/{+data}", Item.line(1, "a?b&c=d:e@f!g$h'i(j)k*l+m,n;o")));
  }

  @Test
  void plainPlaceholderStaysFullyEncoded() throws Exception {
    assertEquals("/status%2F200", url("/{data}", Item.line(1, "status/200")));
  }

  @Test
  void everythingElseIsEncoded() throws Exception {
    assertEquals("/a%20b/caf%C3%A9/%F0%9F%98%80", url("/{+data}", Item.line(1, "a b/café/😀")));
    assertEquals("/%23x%5B%5D%22%3C%3E", url("/{+data}", Item.line(1, "#x[]\"<>")));
  }

  @Test
  void existingTripletsAreKeptButALonePercentIsEncoded() throws Exception {
    assertEquals("/a%2Fb/100%25/%25zz%252", url("/{+data}", Item.line(1, "a%2Fb/100%/%zz%2")));
  }

  @Test
  void worksForIndexAndNamedFields() throws Exception {
    Item item = new Item(7, "x", Map.of("path", "v1/users"), null);
    assertEquals("/v1/users/7", url("/{+path}/{+index}", item));
  }

  @Test
  void outsideAUrlItIsThePlainPlaceholder() throws Exception {
    StringBuilder sb = new StringBuilder();
    Template.parse("{\"p\": \"{+data}\"}", "--body", Map.of())
        .render(Item.line(1, "a/\"b"), ValueEncoder.JSON, sb);
    assertEquals("{\"p\": \"a/\\\"b\"}", sb.toString());
  }
}
