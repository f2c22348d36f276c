package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer keeps per worker thread is multiplied by {@code -c}: a 16 KiB drain array per
 * worker was 8 MB of heap at {@code -c 512}, counted in the peak RSS whether or not a body was ever
 * larger than a few bytes. Bodies are read through buffers of the call's own instead.
 */
class PerWorkerMemoryTest {
  @Test
  void senderAndSpoolKeepNoPerThreadBuffers() {
    for (Class<?> type : List.of(OkHttpSender.class, BodySpool.class)) {
      List<String> perThread =
          Arrays.stream(type.getDeclaredFields())
              .filter(f -> Modifier.isStatic(f.getModifiers()))
              .filter(f -> ThreadLocal.class.isAssignableFrom(f.getType()))
              .map(Field::getName)
              .toList();
      assertEquals(List.of(), perThread, type.getSimpleName() + " keeps state per thread");
    }
  }
}
