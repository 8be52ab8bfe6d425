package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_MISSING_ARGS;
import static dev.weir.errors.ErrorCode.ERR_STREAM_PREMATURE_CLOSE;
import static dev.weir.stream.Fixtures.code;
import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.sink;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code pipeline()} and its CompletableFuture form; ports the behaviours of nodejs/node
 * test/parallel test-stream-pipeline.js, test-stream-pipeline-listeners.js,
 * test-stream-pipeline-queued-end-in-destroy.js, test-stream-pipeline-with-empty-string.js
 * and test-stream-promises.js. Every event trace below is what Node 20 prints for the same
 * scenario.
 */
@Timeout(10)
class StreamPipelineTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void tearDown() {
    try {
      loop.runUntilIdle();
      mustCall.verify();
    } finally {
      loop.close();
    }
  }

  /** Logs end/finish/error/close of {@code s} as Node's trace helper does. */
  private void trace(String name, Stream s) {
    s.on("end", () -> log.add(name + " end"));
    s.on("finish", () -> log.add(name + " finish"));
    s.on("error", (Throwable e) -> log.add(name + " error " + (e instanceof WeirException
        ? code(e) : e.getMessage())));
    s.on("close", () -> log.add(name + " close"));
  }

  @Test
  void successCallsBackOnceAfterEveryStreamClosed() {
    PassThrough<Buffer> a = new PassThrough<>();
    a.end("foobar");
    List<String> got = new ArrayList<>();
    Writable<Buffer> b = sink(got);
    b.on("finish", () -> log.add("finish"));
    b.on("close", () -> log.add("b close"));
    a.on("close", () -> log.add("a close"));
    a.on("end", () -> log.add("a end"));
    Stream ret = Stream.pipeline(a, b, mustCall.once((Throwable err) -> log.add("cb " + err))
        ::call);
    assertSame(b, ret);
    loop.runUntilIdle();
    log.assertIs("a end", "finish", "a close", "b close", "cb null");
    assertEquals(List.of("foobar"), got);
    assertTrue(a.destroyed());
    assertTrue(b.destroyed());
  }

  @Test
  void aTransformInTheMiddle() {
    Readable<Buffer> src = readable();
    Transform<Buffer, String> up = new Transform<>(new DuplexOptions<Buffer, String>()
        .transform((c, e, cb) -> cb.done(null, c.toString().toUpperCase())));
    List<String> got = new ArrayList<>();
    Writable<Buffer> dst = sink(got);
    trace("src", src);
    trace("up", up);
    trace("dst", dst);
    Stream.pipeline(src, up, dst, mustCall.once((Throwable err) -> log.add("cb " + err))::call);
    src.push("a");
    src.push("b");
    src.push(null);
    loop.runUntilIdle();
    log.assertIs("src end", "up end", "up finish", "src close", "dst finish", "up close",
        "dst close", "cb null");
    assertEquals(List.of("A", "B"), got);
  }

  @Test
  void aSourceErrorDestroysEveryStreamAndIsTheResult() {
    Readable<Buffer> src = readable();
    PassThrough<Buffer> mid = new PassThrough<>();
    Writable<Buffer> dst = sink(new ArrayList<>());
    trace("src", src);
    trace("mid", mid);
    trace("dst", dst);
    Stream.pipeline(src, mid, dst, mustCall.once((Throwable err) -> log.add("cb "
        + err.getMessage() + " " + src.destroyed() + " " + mid.destroyed() + " "
        + dst.destroyed()))::call);
    src.push("a");
    loop.setImmediate(() -> src.destroy(new RuntimeException("boom")));
    loop.runUntilIdle();
    log.assertIs("src error boom", "src close", "mid error boom", "mid close", "dst error boom",
        "dst close", "cb boom true true true");
  }

  @Test
  void aDestinationErrorDestroysTheSource() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dst = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done(new RuntimeException("wfail"))));
    trace("src", src);
    trace("dst", dst);
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> log.add("cb " + err.getMessage()
        + " " + src.destroyed() + " " + dst.destroyed()))::call);
    src.push("a");
    loop.runUntilIdle();
    log.assertIs("dst error wfail", "dst close", "src error wfail", "src close",
        "cb wfail true true");
  }

  @Test
  void destroyingAStreamMidwayIsAPrematureClose() {
    Readable<Buffer> src = readable();
    PassThrough<Buffer> mid = new PassThrough<>();
    Writable<Buffer> dst = sink(new ArrayList<>());
    trace("src", src);
    trace("mid", mid);
    trace("dst", dst);
    Stream.pipeline(src, mid, dst, mustCall.once((Throwable err) -> log.add("cb " + code(err)
        + " " + src.destroyed() + " " + mid.destroyed() + " " + dst.destroyed()))::call);
    src.push("a");
    loop.setImmediate(() -> mid.destroy());
    loop.runUntilIdle();
    log.assertIs("mid close", "src error ERR_STREAM_PREMATURE_CLOSE", "src close",
        "dst error ERR_STREAM_PREMATURE_CLOSE", "dst close",
        "cb ERR_STREAM_PREMATURE_CLOSE true true true");
  }

  @Test
  void aSourceClosedBeforeItsEndIsAPrematureClose() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dst = sink(new ArrayList<>());
    trace("src", src);
    trace("dst", dst);
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> {
      assertCode(ERR_STREAM_PREMATURE_CLOSE, err);
      log.add("cb " + dst.destroyed());
    })::call);
    src.push("a");
    loop.setImmediate(() -> src.destroy());
    loop.runUntilIdle();
    log.assertIs("src close", "dst error ERR_STREAM_PREMATURE_CLOSE", "dst close", "cb true");
  }

  @Test
  void aDestinationEndedByItsOwnerIsAPrematureClose() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dst = sink(new ArrayList<>());
    trace("src", src);
    trace("dst", dst);
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> log.add("cb " + code(err) + " "
        + src.destroyed()))::call);
    src.push("a");
    loop.setImmediate(() -> dst.end());
    loop.runUntilIdle();
    log.assertIs("dst finish", "dst close", "src error ERR_STREAM_PREMATURE_CLOSE",
        "src close", "cb ERR_STREAM_PREMATURE_CLOSE true");
  }

  @Test
  void theCallbackRunsOnceWithTheFirstError() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dst = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> loop.setImmediate(cb::done)));
    src.on("error", (Throwable e) -> {});
    dst.on("error", (Throwable e) -> {});
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> log.add("cb " + err.getMessage()))
        ::call);
    src.destroy(new RuntimeException("first"));
    dst.destroy(new RuntimeException("second"));
    loop.runUntilIdle();
    log.assertIs("cb first");
  }

  @Test
  void theCallbackIsNeverCalledSynchronously() {
    // Even when the source already failed before pipeline() was called.
    Readable<Buffer> src = readable();
    src.on("error", (Throwable e) -> {});
    src.destroy(new RuntimeException("early"));
    loop.runUntilIdle();
    Writable<Buffer> dst = sink(new ArrayList<>());
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> log.add("cb " + err.getMessage()))
        ::call);
    log.add("after");
    loop.runUntilIdle();
    log.assertIs("after", "cb early");
    assertTrue(dst.destroyed());
  }

  @Test
  void successLeavesNoErrorListenerOnAReadableLastStream() {
    // Node: test-stream-pipeline-listeners.js: only the last stream's listener is removed.
    PassThrough<Buffer> a = new PassThrough<>();
    PassThrough<Buffer> b = new PassThrough<>();
    int before = b.listenerCount("error");
    Stream.pipeline(a, b, mustCall.once((Throwable err) -> {
      log.add("cb " + err);
      assertEquals(before, b.listenerCount("error"));
      assertTrue(a.listenerCount("error") > 0);
    })::call);
    b.resume();
    a.end("x");
    loop.runUntilIdle();
    log.assertIs("cb null");
  }

  @Test
  void anEmptyStringIsPipedThrough() {
    // Node: test-stream-pipeline-with-empty-string.js.
    Readable<Buffer> src = readable();
    PassThrough<Buffer> dst = new PassThrough<>();
    dst.resume();
    Stream.pipeline(src, dst, mustCall.once((Throwable err) -> log.add("cb " + err))::call);
    src.push("");
    src.push(null);
    loop.runUntilIdle();
    log.assertIs("cb null");
  }

  @Test
  void pipelineAsyncCompletesWhenTheLastStreamFinished() {
    List<Object> got = new ArrayList<>();
    CompletableFuture<Void> f = Stream.pipelineAsync(Readable.from(List.of("a", "b")),
        Fixtures.objectSink(got));
    assertFalse(f.isDone());
    loop.runUntilIdle();
    assertTrue(f.isDone());
    assertFalse(f.isCompletedExceptionally());
    assertEquals(List.of("a", "b"), got);
  }

  @Test
  void pipelineAsyncFailsWithTheFirstError() {
    Readable<Buffer> src = readable();
    RuntimeException boom = new RuntimeException("boom");
    CompletableFuture<Void> f = Stream.pipelineAsync(src, sink(new ArrayList<>()));
    src.destroy(boom);
    loop.runUntilIdle();
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertSame(boom, e.getCause());
  }

  @Test
  void badArgumentsThrowSynchronously() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dst = sink(new ArrayList<>());
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class,
        () -> Stream.pipeline(src, dst, null)));
    assertCode(ERR_MISSING_ARGS, assertThrows(WeirException.class,
        () -> Stream.pipeline(err -> {}, src)));
    assertCode(ERR_MISSING_ARGS, assertThrows(WeirException.class,
        () -> Stream.pipeline(err -> {})));
    // A Writable cannot be a source, a plain Readable cannot be a destination.
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class,
        () -> Stream.pipeline(dst, sink(new ArrayList<>()), err -> {})));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class,
        () -> Stream.pipeline(src, readable(), err -> {})));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class,
        () -> Stream.pipeline(src, null, err -> {})));
    assertInstanceOf(Readable.class, src);
    assertFalse(src.destroyed());
  }

  @Test
  void aDestroyHookThatEndsItsStreamStillCallsBack() {
    // Node: test-stream-pipeline-queued-end-in-destroy.js.
    Readable<Buffer> readable = new Readable<>(new ReadableOptions<Buffer>()
        .read(mustCall.once((Readable<Buffer> s, Integer n) -> log.add("_read"))::call));
    Duplex<Buffer, Buffer>[] duplex = new Duplex[1];
    duplex[0] = new Duplex<>(new DuplexOptions<Buffer, Buffer>().write((c, e, cb) -> {})
        .read((s, n) -> {}).destroy((err, cb) -> {
          duplex[0].end();
          cb.done(err);
        }));
    duplex[0].on("finish", mustCall.never());
    Stream.pipeline(readable, duplex[0], mustCall.once((Throwable err) -> log.add("cb "
        + code(err)))::call);
    readable.push("foo");
    loop.setImmediate(() -> readable.destroy());
    loop.runUntilIdle();
    log.assertIs("_read", "cb ERR_STREAM_PREMATURE_CLOSE");
  }

  @Test
  void aFlushErrorInTheMiddleFailsThePipeline() {
    Readable<Buffer> r = readable();
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.done(null, c))
        .flush(cb -> cb.done(new RuntimeException("flushfail"), null)));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done();
    }));
    Stream.pipeline(r, t, w, mustCall.once((Throwable err) -> log.add("cb " + err.getMessage()
        + " " + r.destroyed() + " " + t.destroyed() + " " + w.destroyed()))::call);
    r.push("a");
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("write a", "cb flushfail true true true");
  }
}
