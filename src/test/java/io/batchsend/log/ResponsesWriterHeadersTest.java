package io.batchsend.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResponseBody;
import io.batchsend.engine.ResponseHeaders;
import io.batchsend.engine.ResponseHeaders.Field;
import io.batchsend.input.Item;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code "headers"} of a {@code --responses} line under {@code --response-headers}. */
class ResponsesWriterHeadersTest {
  private static ItemResult answered(ResponseHeaders headers) {
    return ItemResult.builder(Item.line(1, "a"))
        .request("POST", "http://h/")
        .status(201)
        .attempts(1)
        .body(
            ResponseBody.inMemory("{}".getBytes(StandardCharsets.UTF_8), "application/json", false))
        .headers(headers)
        .build();
  }

  private static String line(ItemResult result, boolean withHeaders) throws Exception {
    StringWriter out = new StringWriter();
    ResponsesWriter writer = new ResponsesWriter("r.jsonl", out, true, withHeaders);
    writer.accept(result);
    writer.flush();
    return out.toString();
  }

  @Test
  void keptHeadersFollowTheStatusAsAnObjectOfStrings() throws Exception {
    ResponseHeaders headers =
        new ResponseHeaders(
            List.of(new Field("location", "/users/7"), new Field("x-request-id", "abc")), false);
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":201,"
            + "\"headers\":{\"location\":\"/users/7\",\"x-request-id\":\"abc\"},\"body\":{}}\n",
        line(answered(headers), true));
  }

  @Test
  void controlCharactersInAValueAreEscaped() throws Exception {
    ResponseHeaders headers =
        new ResponseHeaders(List.of(new Field("x-odd", "a\u001b[31m\r\nb\u2028")), false);
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":201,"
            + "\"headers\":{\"x-odd\":\"a\\u001B[31m\\r\\nb\\u2028\"},\"body\":{}}\n",
        line(answered(headers), true));
  }

  @Test
  void noneOfTheAskedHeadersIsAnEmptyObjectAndACutListSaysSo() throws Exception {
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":201,\"headers\":{},\"body\":{}}\n",
        line(answered(new ResponseHeaders(List.of(), false)), true));
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":201,\"headers\":{},\"headers_truncated\":true,"
            + "\"body\":{}}\n",
        line(answered(new ResponseHeaders(List.of(), true)), true));
  }

  @Test
  void noResponseHasNullHeaders() throws Exception {
    ItemResult refused =
        ItemResult.builder(Item.line(1, "a"))
            .request("GET", "http://h/")
            .attempts(1)
            .failure(new Failure(FailureKind.CONNECT, "connection refused"))
            .build();
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":null,\"headers\":null,\"body\":null,"
            + "\"error\":\"connect: connection refused\"}\n",
        line(refused, true));
  }

  @Test
  void withoutTheOptionThereIsNoHeadersKey() throws Exception {
    ResponseHeaders headers = new ResponseHeaders(List.of(new Field("location", "/x")), false);
    assertEquals(
        "{\"index\":1,\"item\":\"a\",\"status\":201,\"body\":{}}\n",
        line(answered(headers), false));
  }
}
