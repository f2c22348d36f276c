package io.batchsend.bench;

import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.RequestSpec;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import io.batchsend.log.JsonlRecordFormat;
import io.batchsend.log.RequestLog;
import io.batchsend.template.Redactor;
import io.batchsend.template.RenderException;
import io.batchsend.template.RenderedRequest;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The per-item work batchsend does besides the network: render, format, append under the lock. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

  /** A URL, a header and a JSON body template, and an item. */
  @State(Scope.Benchmark)
  public static class Templates {
    RequestTemplate template;
    Item item = Item.line(12345, "alice@example.com");

    @Setup
    public void compile() {
      RequestSpec spec =
          new RequestSpec(
              HttpMethod.POST,
              "http://127.0.0.1:8080/users/{data}?n={index}",
              List.of(new HeaderSpec("X-Item", "{data}")),
              "{\"email\": \"{data}\", \"n\": {index}}");
      template =
          RequestTemplate.compile(
              spec,
              Set.of(),
              "lines input",
              Map.of(),
              new Redactor(OutputSettings.DEFAULT_REDACTED_PARAMS, List.of()));
    }
  }

  @Benchmark
  public RenderedRequest renderTemplate(Templates t) throws RenderException {
    return t.template.render(t.item);
  }

  /** A result to format, and the format. */
  @State(Scope.Thread)
  public static class Records {
    final JsonlRecordFormat format = new JsonlRecordFormat();
    final StringBuilder out = new StringBuilder(512);
    final ItemResult result =
        ItemResult.builder(Item.line(12345, "alice@example.com"))
            .request("GET", "http://127.0.0.1:8080/users/alice%40example.com?n=12345")
            .status(200)
            .attempts(1)
            .nanos(1_234_567)
            .bytes(3)
            .finishedAt(System.currentTimeMillis())
            .build();
  }

  @Benchmark
  public int formatJsonlRecord(Records r) {
    r.out.setLength(0);
    r.format.append(r.result, r.out);
    return r.out.length();
  }

  /** One log and its lock, shared by 8 appending threads, as the worker pool does. */
  @State(Scope.Group)
  public static class SharedLog {
    final ReentrantLock lock = new ReentrantLock();
    final AtomicLong index = new AtomicLong();
    Path file;
    RequestLog log;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      file = Files.createTempFile("batchsend-bench", ".jsonl");
      log = RequestLog.open(file, new JsonlRecordFormat());
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      log.close();
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  @Group("append")
  @GroupThreads(8)
  public void lockedAppendWithEightThreads(SharedLog s, Records r) throws IOException {
    ItemResult result = r.result;
    s.lock.lock();
    try {
      s.log.accept(result);
      if (!s.lock.hasQueuedThreads()) {
        s.log.flush();
      }
    } finally {
      s.lock.unlock();
    }
  }
}
