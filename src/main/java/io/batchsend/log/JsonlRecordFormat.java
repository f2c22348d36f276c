package io.batchsend.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.config.LogFormat;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.ItemResult;
import io.batchsend.text.JsonText;
import java.io.BufferedReader;
import java.util.function.Predicate;

/**
 * The contract's JSON Lines record: {@code ts, index, item, method, url, status, ok, attempts, ms,
 * bytes, error, request}, in that order ({@link LogRecord#FIELDS}). Written by hand rather than
 * through a JSON library because it runs once per item on the hot path and its shape never varies;
 * read back through Jackson.
 */
public final class JsonlRecordFormat implements RecordFormat {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  /** The {@code request} field's JSON text, ready to append; null for a reading codec. */
  private final String requestField;

  public JsonlRecordFormat(RequestFingerprint request) {
    this.requestField = request == null ? null : ",\"request\":\"" + request.text() + "\"}\n";
  }

  @Override
  public LogFormat kind() {
    return LogFormat.JSONL;
  }

  @Override
  public void append(ItemResult r, StringBuilder out) {
    if (requestField == null) {
      throw new IllegalStateException("a codec made for reading writes no records");
    }
    out.append("{\"ts\":\"");
    timestamps.append(r.finishedEpochMillis(), out);
    out.append("\",\"index\":").append(r.item().index());
    out.append(",\"item\":");
    JsonText.quote(r.item().text(), out);
    out.append(",\"method\":");
    JsonText.quote(r.method(), out);
    out.append(",\"url\":");
    JsonText.quote(r.displayUrl(), out);
    out.append(",\"status\":");
    if (r.hasStatus()) {
      out.append(r.status());
    } else {
      out.append("null");
    }
    out.append(",\"ok\":").append(r.ok());
    out.append(",\"attempts\":").append(r.attempts());
    out.append(",\"ms\":");
    Millis.append(r.nanos(), out);
    out.append(",\"bytes\":").append(r.bytes());
    out.append(",\"error\":");
    JsonText.quote(r.failure() == null ? null : r.failure().describe(), out);
    out.append(requestField);
  }

  @Override
  public RecordParser parser(BufferedReader in) {
    return new LineRecordParser(in) {
      @Override
      LogRecord parse(String line) {
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonEOFException e) {
          throw new CutShort("record cut short");
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
        return fromJson(node);
      }

      @Override
      boolean looksCutShort(String line) {
        // Every record ends with its closing brace; Jackson does not always say end-of-input.
        return !line.stripTrailing().endsWith("}");
      }
    };
  }

  private static LogRecord fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode request = node.get("request");
    return new LogRecord(
        Timestamps.parse(text(node, "ts")),
        integral(node, "index"),
        text(node, "item"),
        text(node, "method"),
        text(node, "url"),
        field(node, "status").isNull() ? Attempt.NO_STATUS : (int) integral(node, "status"),
        bool(node, "ok"),
        (int) integral(node, "attempts"),
        number(node, "ms"),
        integral(node, "bytes"),
        field(node, "error").isNull() ? null : text(node, "error"),
        request == null ? null : new RequestFingerprint(text(node, "request")));
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalArgumentException("field " + name + " is missing");
    }
    return value;
  }

  private static JsonNode typed(
      JsonNode node, String name, Predicate<JsonNode> isRight, String expected) {
    JsonNode v = field(node, name);
    if (!isRight.test(v)) {
      throw new IllegalArgumentException("field " + name + " is not " + expected);
    }
    return v;
  }

  private static String text(JsonNode node, String name) {
    return typed(node, name, JsonNode::isTextual, "a string").textValue();
  }

  private static long integral(JsonNode node, String name) {
    return typed(node, name, v -> v.isIntegralNumber() && v.canConvertToLong(), "a whole number")
        .longValue();
  }

  private static double number(JsonNode node, String name) {
    return typed(node, name, JsonNode::isNumber, "a number").doubleValue();
  }

  private static boolean bool(JsonNode node, String name) {
    return typed(node, name, JsonNode::isBoolean, "true or false").booleanValue();
  }
}
