package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class UrlParserTest {
  private final UrlParser parser = new UrlParser();

  @Test
  void aUrlOfTheCachedOriginParsesLikeAFreshOneEvenWithoutAPath() {
    parser.parse("http://127.0.0.1:8080/first");
    for (String url :
        new String[] {
          "http://127.0.0.1:8080/a/b?x=1&y=%20",
          "http://127.0.0.1:8080?q=1",
          "http://127.0.0.1:8080/"
        }) {
      assertEquals(HttpUrl.get(url), parser.parse(url), url);
    }
  }

  @Test
  void anotherOriginIsNotMistakenForTheCachedOne() {
    parser.parse("http://example.test/a");
    assertEquals("example.test.evil", parser.parse("http://example.test.evil/a").host());
    assertEquals(8081, parser.parse("http://example.test:8081/a").port());
    assertEquals("https", parser.parse("https://example.test/a").scheme());
  }

  @Test
  void userInfoIsNeverCachedAsTheOrigin() {
    HttpUrl first = parser.parse("http://user:pw@example.test/a");
    assertEquals("user", first.username());
    HttpUrl second = parser.parse("http://example.test/b");
    assertEquals("", second.username());
    assertEquals("", second.password());
  }

  @Test
  void aPrefixThatIsNotFollowedByAPathIsParsedAfresh() {
    parser.parse("http://example.test/a");
    assertEquals("example.testx", parser.parse("http://example.testx/a").host());
  }

  @Test
  void anInvalidUrlIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> parser.parse("ftp://example.test/a"));
    assertThrows(IllegalArgumentException.class, () -> parser.parse("not a url"));
  }
}
