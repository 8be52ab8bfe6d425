package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code destroy()} on a readable; ports the behaviours of nodejs/node test/parallel
 * test-stream-readable-destroy.js, test-stream-readable-aborted.js,
 * test-stream-readable-emit-readable-short-stream.js and test-stream-readable-end-destroyed.js.
 */
@Timeout(10)
class StreamReadableDestroyTest {
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

  private Readable<Buffer> withDestroy(dev.weir.stream.Hooks.Destroy destroy) {
    return new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}).destroy(destroy));
  }

  @Test
  void destroyEmitsCloseOnTheNextTickAndNoEnd() {
    Readable<Buffer> r = readable();
    r.on("end", mustCall.never());
    r.on("close", mustCall.once(() -> log.add("close")));
    r.push("a");
    r.destroy();
    assertTrue(r.destroyed());
    log.assertIs();
    loop.runUntilIdle();
    log.assertIs("close");
  }

  @Test
  void destroyWithAnErrorEmitsErrorThenClose() {
    RuntimeException expected = new RuntimeException("kaboom");
    Readable<Buffer> r = readable();
    r.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.destroy(expected);
    assertSame(expected, r.errored());
    loop.runUntilIdle();
    log.assertIs("error kaboom", "close");
  }

  @Test
  void destroyCallsDestroyHookWithTheErrorAndClosedIsSetWhenItCallsBack() {
    RuntimeException expected = new RuntimeException("kaboom");
    Readable<Buffer> r = withDestroy(mustCall.once((Throwable err, Callback cb) -> {
      assertSame(expected, err);
      log.add("_destroy");
      cb.done(err);
    })::call);
    r.on("error", mustCall.once((Throwable e) -> log.add("error")));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.destroy(expected);
    // Node: a synchronous callback marks the stream closed at once.
    assertTrue(r.closed());
    loop.runUntilIdle();
    log.assertIs("_destroy", "error", "close");
  }

  @Test
  void aDestroyHookThatSwallowsTheErrorPreventsTheErrorEvent() {
    Readable<Buffer> r = withDestroy((err, cb) -> cb.done(null));
    r.on("error", mustCall.never1());
    r.on("close", mustCall.once(() -> log.add("close " + r.errored().getMessage()
        + " " + r.readableAborted())));
    r.destroy(new RuntimeException("kaboom"));
    loop.runUntilIdle();
    // The error stays recorded in errored, as Node's.
    log.assertIs("close kaboom true");
  }

  @Test
  void theErrorFromTheDestroyHookIsEmittedAndTheFirstStaysErrored() {
    Readable<Buffer> r = withDestroy((err, cb) -> cb.done(new RuntimeException("other")));
    r.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    r.on("close", mustCall.once(() -> log.add("close " + r.errored().getMessage())));
    r.destroy(new RuntimeException("first"));
    loop.runUntilIdle();
    log.assertIs("error other", "close first");
  }

  @Test
  void aDestroyHookThatThrowsIsAnError() {
    Readable<Buffer> r = withDestroy((err, cb) -> {
      throw new IllegalStateException("thrown");
    });
    r.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.destroy();
    loop.runUntilIdle();
    log.assertIs("error thrown", "close");
  }

  @Test
  void destroyIsIdempotentAndTheFirstErrorWins() {
    Readable<Buffer> r = withDestroy(mustCall.once((Throwable err, Callback cb) -> cb.done(err))
        ::call);
    r.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.destroy(new RuntimeException("a"));
    r.destroy(new RuntimeException("b"));
    r.destroy();
    assertEquals("a", r.errored().getMessage());
    loop.runUntilIdle();
    log.assertIs("error a", "close");
  }

  @Test
  void anAsynchronousDestroyHookDelaysClose() {
    Callback[] pending = new Callback[1];
    Readable<Buffer> r = withDestroy((err, cb) -> pending[0] = cb);
    r.on("close", mustCall.once(() -> log.add("close")));
    r.destroy();
    r.destroy();
    loop.runUntilIdle();
    assertFalse(r.closed());
    log.assertIs();
    loop.setImmediate(() -> pending[0].done());
    loop.runUntilIdle();
    log.assertIs("close");
    assertTrue(r.closed());
  }

  @Test
  void pushAfterDestroyReturnsFalseAndBuffersNothing() {
    Readable<Buffer> r = readable();
    r.destroy();
    assertFalse(r.push("b"));
    assertEquals(0, r.readableLength());
    r.on("data", mustCall.never1());
  }

  @Test
  void dataAlreadyScheduledIsStillEmittedBeforeClose() {
    // Node: resume() was scheduled before destroy(), so its flow runs first.
    Readable<Buffer> r = readable();
    r.on("data", mustCall.once((Buffer c) -> log.add("data " + c)));
    r.on("end", mustCall.never());
    r.push("a");
    r.destroy();
    r.on("close", mustCall.once(() -> log.add("close " + r.readableLength())));
    loop.runUntilIdle();
    log.assertIs("data a", "close 0");
  }

  @Test
  void readableAbortedIsTrueOnlyWhenDestroyedBeforeEnd() {
    // Node: test-stream-readable-aborted.js.
    Readable<Buffer> a = readable();
    assertFalse(a.readableAborted());
    a.destroy();
    assertTrue(a.readableAborted());

    Readable<Buffer> b = readable();
    b.on("end", mustCall.once(() -> log.add("end")));
    b.on("close", mustCall.once(() -> log.add("close " + b.readableAborted())));
    b.push(null);
    b.resume();
    loop.runUntilIdle();
    log.assertIs("end", "close false");

    Readable<Buffer> c = readable();
    c.push(null);
    c.destroy();
    // Ended but 'end' never emitted: aborted.
    assertTrue(c.readableAborted());
  }

  @Test
  void emitCloseFalseSuppressesCloseButNotError() {
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().emitClose(false)
        .read((s, n) -> {}));
    r.on("close", mustCall.never());
    r.on("error", mustCall.once((Throwable e) -> log.add("error")));
    r.destroy(new RuntimeException("e"));
    loop.runUntilIdle();
    log.assertIs("error");
    assertTrue(r.closed());
    assertTrue(r.destroyed());
  }

  @Test
  void autoDestroyFalseLeavesTheStreamOpenAfterEnd() {
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().autoDestroy(false)
        .read((s, n) -> {}));
    r.on("end", mustCall.once(() -> log.add("end")));
    r.on("close", mustCall.never());
    r.push(null);
    r.resume();
    loop.runUntilIdle();
    log.assertIs("end");
    assertFalse(r.destroyed());
    assertFalse(r.closed());
  }

  @Test
  void autoDestroyClosesAfterEnd() {
    Readable<Buffer> r = readable();
    r.on("end", mustCall.once(() -> log.add("end " + r.destroyed())));
    r.on("close", mustCall.once(() -> log.add("close " + r.destroyed())));
    r.push(null);
    r.resume();
    loop.runUntilIdle();
    log.assertIs("end false", "close true");
  }

  @Test
  void destroyInsideReadStopsFurtherReads() {
    int[] reads = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {
      reads[0]++;
      s.destroy();
    }));
    r.on("data", mustCall.never1());
    r.on("close", mustCall.once());
    r.resume();
    loop.runUntilIdle();
    assertEquals(1, reads[0]);
    assertNull(r.read());
  }

  @Test
  void destroyDuringConstructWaitsForConstructThenCloses() {
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>()
        .read((s, n) -> log.add("_read"))
        .construct(cb -> {
          log.add("construct");
          loop.setImmediate(() -> {
            log.add("construct done");
            cb.done();
          });
        }));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.on("data", (Object c) -> log.add("data"));
    r.push("x");
    r.destroy();
    log.add("destroyed " + r.destroyed());
    loop.runUntilIdle();
    // As in Node: the resume scheduled by the 'data' listener still flows the pushed chunk;
    // _read never runs and 'close' waits for _construct.
    log.assertIs("destroyed true", "construct", "data", "construct done", "close");
  }
}
