package io.batchsend.config;

import java.nio.charset.StandardCharsets;

/**
 * Refuses a body template that every worker cannot hold at once: each call in flight keeps its
 * rendered body (a string while it is built, bytes while it is sent and retried). Measured with the
 * launcher's {@code -Xmx96m}: a 1 MiB template ran at {@code -c 64} and ran out of memory at {@code
 * -c 256}. The budget is a third of the heap, so {@code JAVA_OPTS=-Xmx…} raises it.
 */
final class BodyBudget {
  private BodyBudget() {}

  /**
   * @param maxHeapBytes the heap the JVM may use ({@link Runtime#maxMemory()})
   * @throws UsageException when {@code concurrency} bodies of the template pass a third of it
   */
  static void check(String bodyTemplate, int concurrency, long maxHeapBytes) {
    if (bodyTemplate == null) {
      return;
    }
    long budget = maxHeapBytes / 3;
    // A char is at most 3 UTF-8 bytes: a template well within the budget needs no encoding.
    if (3L * bodyTemplate.length() * concurrency <= budget) {
      return;
    }
    long bytes = bodyTemplate.getBytes(StandardCharsets.UTF_8).length;
    if (bytes * concurrency > budget) {
      throw new UsageException(
          "--body template of "
              + bytes
              + " bytes times -c "
              + concurrency
              + " is more than the "
              + (budget >> 20)
              + " MiB the workers may hold at once: lower -c, or raise the heap with"
              + " JAVA_OPTS=-Xmx…");
    }
  }
}
