package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RequestSpec;
import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import io.batchsend.template.Redactor;
import io.batchsend.template.RenderedRequest;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Fakes for engine tests: no network, no files. */
final class EngineFakes {
  private EngineFakes() {}

  /** {@code GET http://127.0.0.1:9/x?d={data}}, with an optional named field in the path. */
  static RequestTemplate template(String path) {
    Set<String> fields = path.contains("{name}") ? Set.of("name") : Set.of();
    return RequestTemplate.compile(
        new RequestSpec(HttpMethod.GET, "http://127.0.0.1:9" + path, List.of(), null),
        fields,
        "the data file",
        Map.of(),
        Redactor.defaults());
  }

  static RequestTemplate template() {
    return template("/x?d={data}");
  }

  static Item item(long index) {
    return Item.line(index, "item" + index);
  }

  /** A reader of items 1 to {@code n}. */
  static ItemReader reader(int n) {
    return new ItemReader() {
      private int next = 1;

      @Override
      public Item next() {
        return next <= n ? item(next++) : null;
      }

      @Override
      public Set<String> fieldNames() {
        return Set.of();
      }

      @Override
      public long lineNumber() {
        return next - 1;
      }

      @Override
      public void close() {}
    };
  }

  static Attempt ok200() {
    return Attempt.response(200, 1_000).bytes(2).build();
  }

  /** A sender whose every exchange is {@code behaviour}; counts calls and cancellations. */
  static final class FakeSender implements Sender {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch cancelled = new CountDownLatch(1);
    private final Function<RenderedRequest, Attempt> behaviour;

    FakeSender(Function<RenderedRequest, Attempt> behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public Attempt send(RenderedRequest request) {
      calls.incrementAndGet();
      return behaviour.apply(request);
    }

    @Override
    public void cancelAll() {
      cancelled.countDown();
    }
  }

  /**
   * Records results; fails the test (through {@link #overlaps}) if two threads are ever inside it
   * at once, which the log lock must prevent.
   */
  static class RecordingSink implements ResultSink {
    final List<ItemResult> results = new ArrayList<>();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    int flushes;

    @Override
    public void accept(ItemResult result) throws IOException {
      enter();
      try {
        results.add(result);
      } finally {
        inside.decrementAndGet();
      }
    }

    @Override
    public void flush() {
      enter();
      try {
        flushes++;
      } finally {
        inside.decrementAndGet();
      }
    }

    private void enter() {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
    }

    /** Results by item index; asserts each index has exactly one. */
    Map<Long, ItemResult> byIndexOnce() {
      Map<Long, ItemResult> out = new HashMap<>();
      for (ItemResult r : results) {
        ItemResult before = out.put(r.item().index(), r);
        assertEquals(null, before, "item #" + r.item().index() + " has two records");
      }
      assertEquals(0, overlaps.get(), "two threads were inside the sink at once");
      return out;
    }
  }
}
