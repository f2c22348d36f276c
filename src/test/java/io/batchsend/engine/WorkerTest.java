package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.RetryOn;
import io.batchsend.engine.EngineFakes.FakeSender;
import io.batchsend.engine.EngineFakes.RecordingSink;
import io.batchsend.input.Item;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class WorkerTest {
  private final RecordingSink sink = new RecordingSink();
  private final RunControl control = new RunControl();
  private final List<Throwable> bugs = new ArrayList<>();
  private final AtomicInteger done = new AtomicInteger();

  private void run(Item item, WorkerContext context) {
    new Worker(
            item,
            context,
            new ResultAppender(new ReentrantLock(), context.sink()),
            bugs::add,
            done::incrementAndGet)
        .run();
  }

  private WorkerContext.Builder context(RequestTemplate template, Sender sender) {
    return WorkerContext.builder(template, sender, sink, control);
  }

  private ItemResult only() {
    assertEquals(1, sink.results.size());
    assertEquals(1, done.get(), "onDone runs once, whatever happens");
    return sink.results.get(0);
  }

  @Test
  void aSuccessIsARecordWithItsStatusAndOneAttempt() {
    run(
        EngineFakes.item(1),
        context(EngineFakes.template(), new FakeSender(r -> EngineFakes.ok200())).build());
    ItemResult r = only();
    assertTrue(r.ok());
    assertEquals(200, r.status());
    assertEquals(1, r.attempts());
    assertEquals("http://127.0.0.1:9/x?d=item1", r.displayUrl());
  }

  @Test
  void aFailedExchangeIsARecordNotAnException() {
    FakeSender sender =
        new FakeSender(r -> Attempt.failed(new Failure(FailureKind.CONNECT, "refused"), 10));
    run(EngineFakes.item(1), context(EngineFakes.template(), sender).build());
    ItemResult r = only();
    assertEquals(FailureKind.CONNECT, r.failure().kind());
    assertEquals(1, r.attempts());
    assertTrue(bugs.isEmpty());
  }

  @Test
  void aStatusThatIsNotSuccessIsAStatusFailure() {
    FakeSender sender = new FakeSender(r -> Attempt.response(404, 10).build());
    run(EngineFakes.item(1), context(EngineFakes.template(), sender).build());
    assertEquals(new Failure(FailureKind.STATUS, "404"), only().failure());
  }

  @Test
  void aMalformedItemIsAnInputRecordThatSendsNothing() {
    FakeSender sender = new FakeSender(r -> EngineFakes.ok200());
    run(Item.malformed(1, "{", "not JSON"), context(EngineFakes.template(), sender).build());
    ItemResult r = only();
    assertEquals(new Failure(FailureKind.INPUT, "not JSON"), r.failure());
    assertEquals(0, r.attempts());
    assertEquals(0, sender.calls.get());
  }

  @Test
  void anItemWithoutAFieldTheTemplateUsesIsAMissingRecordWithoutParsingAMessage() {
    FakeSender sender = new FakeSender(r -> EngineFakes.ok200());
    run(
        new Item(1, "x", Map.of(), null),
        context(EngineFakes.template("/users/{name}"), sender).build());
    ItemResult r = only();
    assertEquals(FailureKind.MISSING, r.failure().kind());
    assertTrue(r.failure().message().startsWith("item has no field {name}"), r.failure().message());
    assertEquals(0, sender.calls.get());
  }

  @Test
  void anInterruptDuringARetryWaitEndsTheItemWithItsRecordAndKeepsTheFlag() {
    FakeSender sender =
        new FakeSender(r -> Attempt.response(503, 10).retryAfterMillis(1_000).build());
    RetryPolicy retry =
        new RetryPolicy(
            3,
            RetryOn.parse("503"),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            false);
    Thread.currentThread().interrupt();
    try {
      run(EngineFakes.item(1), context(EngineFakes.template(), sender).retry(retry).build());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
    } finally {
      Thread.interrupted();
    }
    ItemResult r = only();
    assertEquals(FailureKind.STATUS, r.failure().kind());
    assertEquals(1, r.attempts(), "the wait for the second attempt was cut short");
    assertEquals(1, sender.calls.get());
  }

  @Test
  void anItemTakenAfterTheRunStoppedGetsNoRecordAndFreesItsSlot() {
    control.stop(15);
    FakeSender sender = new FakeSender(r -> EngineFakes.ok200());
    run(EngineFakes.item(1), context(EngineFakes.template(), sender).build());
    assertTrue(sink.results.isEmpty());
    assertEquals(1, done.get());
    assertEquals(0, sender.calls.get());
  }

  @Test
  void anOutOfMemoryErrorInTheSenderIsAnInternalRecordAndIsReported() {
    FakeSender sender =
        new FakeSender(
            r -> {
              throw new OutOfMemoryError("Java heap space");
            });
    run(EngineFakes.item(7), context(EngineFakes.template(), sender).build());
    ItemResult r = only();
    assertEquals(
        new Failure(FailureKind.INTERNAL, "OutOfMemoryError: Java heap space"), r.failure());
    assertEquals("internal: OutOfMemoryError: Java heap space", r.failure().describe());
    assertEquals("http://127.0.0.1:9/x?d=item7", r.displayUrl());
    assertEquals(1, r.attempts());
    assertEquals(1, bugs.size());
    assertInstanceOf(OutOfMemoryError.class, bugs.get(0));
  }

  @Test
  void aSinkThatThrowsAnErrorIsReportedAndTheSlotIsFreed() {
    WorkerContext context =
        WorkerContext.builder(
                EngineFakes.template(),
                new FakeSender(r -> EngineFakes.ok200()),
                result -> {
                  throw new OutOfMemoryError("Java heap space");
                },
                control)
            .build();
    run(EngineFakes.item(1), context);
    assertEquals(1, bugs.size());
    assertEquals(1, done.get());
  }

  @Test
  void aResponseBodyThatCannotBeSavedIsAnIoFailure() {
    FakeSender sender =
        new FakeSender(
            r ->
                Attempt.response(200, 10)
                    .body(ResponseBody.inMemory(new byte[] {1}, "application/octet-stream", false))
                    .build());
    BodyStore bodies =
        new BodyStore() {
          @Override
          public Path target(Item item) {
            return Path.of("unused");
          }

          @Override
          public ResponseBody save(Path target, ResponseBody body) throws IOException {
            throw new IOException("read-only file system");
          }
        };
    run(EngineFakes.item(1), context(EngineFakes.template(), sender).bodies(bodies).build());
    ItemResult r = only();
    assertEquals(new Failure(FailureKind.IO, "read-only file system"), r.failure());
    assertFalse(r.ok());
    assertNull(control.fatal());
  }

  /**
   * Found by an attack: 128 items of 250,000 control characters as a JSON body ran the heap out at
   * -c 16, and a POST that was sent lost its record. An item too large for the budget fails first.
   */
  @Test
  void anItemTooLargeForTheMemoryBudgetFailsBeforeAnythingIsSent() {
    FakeSender sender = new FakeSender(r -> EngineFakes.ok200());
    Item big = Item.line(1, "x".repeat(100_000)); // a share of about 3 MiB
    run(big, context(EngineFakes.template(), sender).memory(MemoryBudget.ofKib(1024)).build());
    ItemResult r = only();
    assertEquals(FailureKind.TOO_LARGE, r.failure().kind(), r.toString());
    assertTrue(r.failure().message().contains("JAVA_OPTS=-Xmx"), r.failure().message());
    assertEquals(0, sender.calls.get(), "nothing sent");
    assertEquals(0, r.attempts());
  }
}
