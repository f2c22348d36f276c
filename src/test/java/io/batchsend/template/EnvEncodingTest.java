package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.RequestSpec;
import io.batchsend.input.Item;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code ${VAR}} values are encoded for where they stand, exactly like item values. */
class EnvEncodingTest {
  private static final String TOKEN = "ab+c/de&admin=1#frag";

  private static RequestTemplate compile(String url, String body, String... headers) {
    List<HeaderSpec> specs = java.util.Arrays.stream(headers).map(HeaderSpec::parse).toList();
    return RequestTemplate.compile(
        new RequestSpec(body == null ? HttpMethod.GET : HttpMethod.POST, url, specs, body),
        Set.of(),
        "lines input",
        Map.of(
            "TOKEN",
            TOKEN,
            "PASS",
            "p@ss:w/rd",
            "QUOTE",
            "say \"hi\" \\ bye",
            "BASE",
            "http://127.0.0.1:8080/v1"),
        Redactor.defaults());
  }

  @Test
  void environmentValueInAQueryStaysOneQueryValue() throws Exception {
    RenderedRequest r = compile("http://h/x?t=${TOKEN}&id={data}", null).render(Item.line(1, "a"));
    assertEquals("http://h/x?t=ab%2Bc%2Fde%26admin%3D1%23frag&id=a", r.url());
    assertEquals("http://h/x?t=***&id=a", r.displayUrl());
  }

  @Test
  void environmentValueInAJsonStringStaysValidJson() throws Exception {
    RenderedRequest r =
        compile("http://h/x", "{\"q\": \"${QUOTE}\", \"v\": ${QUOTE}}").render(Item.line(1, "a"));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    var tree = new ObjectMapper().readTree(body);
    assertEquals("say \"hi\" \\ bye", tree.get("q").asText());
    assertEquals("say \"hi\" \\ bye", tree.get("v").asText());
  }

  @Test
  void passwordInUserinfoIsPercentEncoded() throws Exception {
    RenderedRequest r = compile("http://me:${PASS}@h/x/{data}", null).render(Item.line(1, "a"));
    assertEquals("http://me:p%40ss%3Aw%2Frd@h/x/a", r.url());
    assertEquals("http://me:***@h/x/a", r.displayUrl());
  }

  @Test
  void environmentValueGivingTheSchemeAndHostIsTheUsersBaseUrlAndStaysAsItIs() throws Exception {
    RenderedRequest r = compile("${BASE}/users/{data}", null).render(Item.line(1, "a b"));
    assertEquals("http://127.0.0.1:8080/v1/users/a%20b", r.url());
  }

  @Test
  void headerValueIsSentAsItIs() throws Exception {
    RenderedRequest r =
        compile("http://h/x", null, "Authorization: Bearer ${TOKEN}").render(Item.line(1, "a"));
    assertEquals("Bearer " + TOKEN, r.headers().get(0).value());
    assertEquals("***", r.headers().get(0).displayValue());
  }

  @Test
  void encodedFormsOfASecretAreMaskedToo() {
    Redactor redactor = compile("http://h/x?t=${TOKEN}", null).redactor();
    String masked = redactor.maskSecrets("sent ab%2Bc%2Fde%26admin%3D1%23frag and ab+c/de&admin");
    assertFalse(masked.contains("ab%2Bc"), masked);
    assertTrue(masked.startsWith("sent ***"), masked);
  }
}
