package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which command lines have Conscrypt loaded ahead (JarTlsPreloadIT shows it happens). */
class TlsPreloadTest {
  static boolean ahead(String... args) {
    return TlsPreload.namesHttpsWithoutATlsChoice(args);
  }

  @Test
  void anHttpsUrlInAnyArgumentAndAnyCaseLoadsConscryptAhead() {
    assertTrue(ahead("-u", "https://api.example.com/users/{data}", "items.txt"));
    assertTrue(ahead("-uHTTPS://api.example.com/{data}", "items.txt"));
    assertTrue(ahead("--url=Https://api.example.com/{data}", "-c", "64", "items.txt"));
  }

  @Test
  void plainHttpOrNoUrlLeavesConscryptToTheFirstConnection() {
    assertFalse(ahead("-u", "http://api.example.com/users/{data}", "items.txt"));
    assertFalse(ahead("-u", "{data}", "urls.txt")); // the items may be https: not guessed
    assertFalse(ahead("--version"));
    assertFalse(ahead());
  }

  @Test
  void aTlsProviderOrConfigChoiceIsLeftToTheRun() {
    assertFalse(ahead("--tls-provider=jdk", "-u", "https://a.example/{data}", "items.txt"));
    assertFalse(ahead("-u", "https://a.example/{data}", "--tls-provider", "jdk", "items.txt"));
    assertFalse(ahead("--config", "my.properties", "-u", "https://a.example/{data}", "i.txt"));
    assertFalse(ahead("--config=my.properties", "-u", "https://a.example/{data}", "i.txt"));
  }
}
