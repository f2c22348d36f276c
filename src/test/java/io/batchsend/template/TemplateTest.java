package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static String render(String template, Item item, ValueEncoder encoder) throws Exception {
    StringBuilder sb = new StringBuilder();
    Template.parse(template, "--url", Map.of("TOKEN", "s3cr3t")).render(item, encoder, sb);
    return sb.toString();
  }

  @Test
  void substitutesDataAndIndex() throws Exception {
    assertEquals(
        "/a/7?q=a", render("/{data}/{index}?q={data}", Item.line(7, "a"), ValueEncoder.RAW));
  }

  @Test
  void doubledBracesAreLiteral() throws Exception {
    assertEquals("{data}=a", render("{{data}}={data}", Item.line(1, "a"), ValueEncoder.RAW));
  }

  @Test
  void braceNotFollowedByANameIsLiteralSoJsonNeedsNoEscaping() throws Exception {
    assertEquals(
        "{\"id\": \"a\\\"b\", \"n\": 1}",
        render("{\"id\": \"{data}\", \"n\": {index}}", Item.line(1, "a\"b"), ValueEncoder.JSON));
  }

  @Test
  void closingBracesOfANestedJsonObjectStayTwoBraces() throws Exception {
    assertEquals(
        "{\"user\": {\"name\": \"a\"}}",
        render("{\"user\": {\"name\": \"{data}\"}}", Item.line(1, "a"), ValueEncoder.JSON));
  }

  @Test
  void doubledBracesAroundAnyTextAreStillLiteralBraces() throws Exception {
    assertEquals(
        "{data} {\"a\": 1}", render("{{data}} {{\"a\": 1}}", Item.line(1, "x"), ValueEncoder.RAW));
  }

  @Test
  void unquotedPlaceholderInAJsonBodyIsAlwaysAJsonValue() throws Exception {
    String template = "{\"v\": {data}, \"s\": \"{data}\"}";
    assertEquals(
        "{\"v\": 42, \"s\": \"42\"}", render(template, Item.line(1, "42"), ValueEncoder.JSON));
    assertEquals(
        "{\"v\": \"a \\\"b\\\"\", \"s\": \"a \\\"b\\\"\"}",
        render(template, Item.line(1, "a \"b\""), ValueEncoder.JSON));
    assertEquals(
        "{\"v\": {\"k\":[1,true]}, \"s\": \"{\\\"k\\\":[1,true]}\"}",
        render(template, Item.line(1, "{\"k\":[1,true]}"), ValueEncoder.JSON));
    assertEquals(
        "{\"v\": \"{not json\", \"s\": \"{not json\"}",
        render(template, Item.line(1, "{not json"), ValueEncoder.JSON));
  }

  @Test
  void substitutedValuesAreNeverExpandedAgain() throws Exception {
    assertEquals(
        "{index}${TOKEN}", render("{data}", Item.line(1, "{index}${TOKEN}"), ValueEncoder.RAW));
  }

  @Test
  void environmentValuesAreSentButDisplayedMasked() throws Exception {
    Template t =
        Template.parse("Bearer ${TOKEN}", "header Authorization", Map.of("TOKEN", "s3cr3t"));
    StringBuilder sent = new StringBuilder();
    StringBuilder shown = new StringBuilder();
    t.render(Item.line(1, "x"), ValueEncoder.RAW, sent);
    t.renderForDisplay(Item.line(1, "x"), ValueEncoder.RAW, shown);
    assertEquals("Bearer s3cr3t", sent.toString());
    assertEquals("Bearer ***", shown.toString());
    assertEquals(List.of("s3cr3t"), t.secrets());
  }

  @Test
  void unsetVariableIsAUsageErrorNamingIt() {
    UsageException e =
        assertThrows(UsageException.class, () -> Template.parse("${NOPE}", "--url", Map.of()));
    assertTrue(e.getMessage().contains("NOPE is not set"), e.getMessage());
  }

  @Test
  void unknownPlaceholderNamesWhatIsAvailable() {
    Template t = Template.parse("/{id}", "--url", Map.of());
    UsageException e =
        assertThrows(UsageException.class, () -> t.requireKnown(Set.of(), "lines input"));
    assertEquals(
        "unknown placeholder {id} in --url: lines input has {data} and {index}", e.getMessage());
  }

  @Test
  void unclosedPlaceholderIsAUsageError() {
    assertThrows(UsageException.class, () -> Template.parse("/{data", "--url", Map.of()));
  }

  @Test
  void missingFieldOnAnItemIsARenderFailure() {
    Template t = Template.parse("/{id}", "--url", Map.of());
    RenderException e =
        assertThrows(
            RenderException.class,
            () ->
                t.render(new Item(1, "{}", Map.of(), null), ValueEncoder.URL, new StringBuilder()));
    assertTrue(e.getMessage().startsWith("missing: "), e.getMessage());
  }
}
