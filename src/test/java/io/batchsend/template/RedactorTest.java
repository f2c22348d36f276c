package io.batchsend.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.defaults();

  @Test
  void masksNamedQueryValues() {
    assertEquals(
        "https://h/p?id=1&token=***&API_KEY=***&x=2#frag",
        redactor.redactUrl("https://h/p?id=1&token=abc&API_KEY=def&x=2#frag"));
  }

  @Test
  void masksTheUserinfoPassword() {
    assertEquals("https://user:***@h/p", redactor.redactUrl("https://user:pw@h/p"));
  }

  @Test
  void leavesOtherUrlsAlone() {
    String url = "http://127.0.0.1:8080/a%20b?id=token&q=key";
    assertEquals(url, redactor.redactUrl(url));
  }

  @Test
  void masksKnownSecretValuesAnywhere() {
    Redactor r = redactor.withSecrets(List.of("hunter22"));
    assertEquals("failed: *** rejected", r.maskSecrets("failed: hunter22 rejected"));
  }
}
