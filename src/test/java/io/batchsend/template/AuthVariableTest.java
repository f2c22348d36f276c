package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code ${AUTH}}: the token given at each render, encoded by context, always shown as ***. */
class AuthVariableTest {
  private static final String TOKEN = "ab+c/d\"e&x=1";

  private static RequestTemplate compile(String url, String body, String... headers) {
    List<HeaderSpec> specs = Arrays.stream(headers).map(HeaderSpec::parse).toList();
    return RequestTemplate.compile(
        new RequestSpec(body == null ? HttpMethod.GET : HttpMethod.POST, url, specs, body),
        Set.of(),
        "lines input",
        Map.of("AUTH", "from-the-environment"),
        Redactor.defaults());
  }

  @Test
  void tokenInAHeaderIsSentAsItIsAndShownMasked() throws Exception {
    RenderedRequest r =
        compile("http://h/{data}", null, "X-Token: Bearer ${AUTH}")
            .render(Item.line(1, "a"), TOKEN);
    assertEquals("Bearer " + TOKEN, r.headers().get(0).value());
    assertEquals("Bearer ***", r.headers().get(0).displayValue());
  }

  @Test
  void tokenInAQueryIsEncodedAndMaskedInTheDisplayUrl() throws Exception {
    RenderedRequest r =
        compile("http://h/x?access=${AUTH}&id={data}", null).render(Item.line(1, "a"), TOKEN);
    assertEquals("http://h/x?access=ab%2Bc%2Fd%22e%26x%3D1&id=a", r.url());
    assertEquals("http://h/x?access=***&id=a", r.displayUrl());
  }

  @Test
  void tokenInAJsonBodyStaysValidJsonAndIsMaskedWhenShown() throws Exception {
    RequestTemplate t = compile("http://h/x", "{\"t\": \"${AUTH}\", \"id\": \"{data}\"}");
    RenderedRequest r = t.render(Item.line(1, "a"), TOKEN);
    var tree = new ObjectMapper().readTree(new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(TOKEN, tree.get("t").asText());
    assertEquals("{\"t\": \"***\", \"id\": \"a\"}", t.displayBody(Item.line(1, "a")));
  }

  @Test
  void authIsNeverReadFromTheEnvironment() throws Exception {
    RequestTemplate t = compile("http://h/x?a=${AUTH}", null);
    assertTrue(t.usesAuth());
    assertFalse(t.render(Item.line(1, "a")).url().contains("from-the-environment"));
    assertEquals("http://h/x?a=%2A%2A%2A", t.render(Item.line(1, "a")).url());
  }

  @Test
  void templatesWithoutAuthSayTheyDoNotUseIt() {
    assertFalse(compile("http://h/{data}", "{\"a\": 1}", "X-A: b").usesAuth());
    assertTrue(compile("http://h/{data}", "{\"a\": \"${AUTH}\"}").usesAuth());
  }

  @Test
  void authCannotNameAFile() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                PathTemplate.compile(
                    "out/${AUTH}/{data}", "--save-bodies", Set.of(), "lines input", Map.of()));
    assertTrue(e.getMessage().contains("${AUTH}"), e.getMessage());
  }
}
