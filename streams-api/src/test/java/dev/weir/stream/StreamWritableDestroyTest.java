package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;
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
 * Ports nodejs/node test/parallel/test-stream-writable-destroy.js (and the writable parts of
 * test-stream-destroy-event-order.js): {@code destroy()} is idempotent, runs {@code _destroy}
 * (which may change or swallow the error), emits {@code 'error'} then {@code 'close'}, fails
 * pending writes with {@code ERR_STREAM_DESTROYED}, and honours {@code emitClose} and
 * {@code autoDestroy}.
 */
@Timeout(10)
class StreamWritableDestroyTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();
  static final String DESTROYED = ERR_STREAM_DESTROYED.name();

  @AfterEach
  void verifyCalls() {
    try {
      loop.runUntilIdle();
      mustCall.verify();
    } finally {
      loop.close();
    }
  }

  Callback logged(String name) {
    return mustCall.once((Throwable e) -> log.add(name + " " + describe(e)))::call;
  }

  static Writable<Buffer> asyncWritable() {
    return new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> setImmediate(cb::done)));
  }

  @Test
  void destroyWithoutErrorEmitsOnlyClose() {
    Writable<Buffer> w = asyncWritable();
    WritableTrace.record(log, w, "finish", "close");
    assertSame(w, w.destroy());
    assertTrue(w.destroyed());
    assertTrue(w.closed(), "the default _destroy calls back synchronously");
    loop.runUntilIdle();
    log.assertIs("close");
    assertTrue(w.closed());
    assertNull(w.errored());
  }

  @Test
  void destroyWithErrorEmitsErrorThenCloseOnALaterTick() {
    Writable<Buffer> w = asyncWritable();
    WritableTrace.record(log, w, "finish", "close");
    RuntimeException boom = new RuntimeException("boom");
    w.destroy(boom);
    log.assertIs();
    assertSame(boom, w.errored());
    loop.runUntilIdle();
    log.assertIs("error boom", "close");
  }

  @Test
  void destroyIsIdempotentAndKeepsTheFirstError() {
    int[] calls = {0};
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .destroy((err, cb) -> {
          calls[0]++;
          log.add("_destroy " + describe(err));
          cb.done(err);
        }));
    WritableTrace.record(log, w, "close");
    w.destroy(new RuntimeException("one"));
    w.destroy(new RuntimeException("two"));
    w.destroy();
    log.add("errored " + describe(w.errored()));
    loop.runUntilIdle();
    assertEquals(1, calls[0]);
    log.assertIs("_destroy one", "errored one", "error one", "close");
  }

  @Test
  void destroyHookMayChangeTheError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .destroy((err, cb) -> {
          log.add("_destroy " + describe(err));
          cb.done(new IllegalStateException("other"));
        }));
    WritableTrace.record(log, w, "close");
    w.destroy(new RuntimeException("orig"));
    log.add("errored " + describe(w.errored()));
    loop.runUntilIdle();
    log.assertIs("_destroy orig", "errored orig", "error other", "close");
  }

  @Test
  void destroyHookMaySwallowTheErrorAsynchronously() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .destroy((err, cb) -> {
          log.add("_destroy " + describe(err));
          setImmediate(cb::done);
        }));
    WritableTrace.record(log, w, "close");
    w.destroy(new RuntimeException("orig"));
    log.add("state " + describe(w.errored()) + " " + w.destroyed() + " " + w.closed());
    loop.runUntilIdle();
    log.assertIs("_destroy orig", "state orig true false", "close");
    assertTrue(w.closed());
  }

  @Test
  void destroyHookThrowingIsItsError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .destroy((err, cb) -> {
          throw new java.io.IOException("thrown");
        }));
    WritableTrace.record(log, w, "close");
    w.destroy();
    loop.runUntilIdle();
    log.assertIs("error thrown", "close");
  }

  @Test
  void pendingWritesFailWithDestroyedAndInFlightWriteCompletes() {
    Writable<Buffer> w = asyncWritable();
    WritableTrace.record(log, w, "finish", "close");
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.destroy();
    w.destroy(new RuntimeException("second"));
    w.write("c", logged("cb-c"));
    loop.runUntilIdle();
    log.assertIs("close", "cb-c " + DESTROYED, "cb-a null", "cb-b " + DESTROYED);
  }

  @Test
  void pendingWritesAndEndCallbackGetTheDestroyError() {
    Writable<Buffer> w = asyncWritable();
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.end(logged("endcb"));
    w.destroy(new RuntimeException("boom"));
    w.write("c", logged("cb-c"));
    loop.runUntilIdle();
    log.assertIs("error boom", "close", "cb-c ERR_STREAM_WRITE_AFTER_END", "cb-a null",
        "cb-b boom", "endcb boom");
  }

  @Test
  void corkedBufferIsFailedBeforeClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done();
    }));
    WritableTrace.record(log, w, "close");
    w.cork();
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.destroy();
    log.add("len " + w.writableLength());
    loop.runUntilIdle();
    log.assertIs("len 2", "cb-a " + DESTROYED, "cb-b " + DESTROYED, "close");
    assertEquals(0, w.writableLength());
  }

  @Test
  void destroyInsideWriteFailsTheRest() {
    Writable<Buffer>[] ref = new Writable[1];
    ref[0] = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      ref[0].destroy(new RuntimeException("in-write"));
      cb.done();
    }));
    Writable<Buffer> w = ref[0];
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    loop.runUntilIdle();
    log.assertIs("error in-write", "close", "cb-a null", "cb-b " + DESTROYED);
  }

  @Test
  void writeAfterDestroyCallsBackWithDestroyedAndReturnsFalse() {
    Writable<Buffer> w = asyncWritable();
    WritableTrace.record(log, w, "close");
    w.destroy();
    assertFalse(w.write("x", logged("cb")));
    assertFalse(w.writable());
    loop.runUntilIdle();
    log.assertIs("close", "cb " + DESTROYED);
  }

  @Test
  void emitCloseFalseEmitsErrorButNoClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().emitClose(false)
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, w, "close");
    w.destroy(new RuntimeException("e"));
    loop.runUntilIdle();
    log.assertIs("error e");
    assertTrue(w.closed());
  }

  @Test
  void autoDestroyFalseKeepsTheStreamOpenAfterAnError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> cb.done(new IllegalStateException("bad"))));
    WritableTrace.record(log, w, "finish", "close");
    w.write("a", logged("cb-a"));
    loop.runUntilIdle();
    log.add("state " + w.destroyed() + " " + w.closed() + " " + describe(w.errored()) + " "
        + w.writable());
    // The stream is errored: a later write is buffered and never reaches _write.
    log.add("ret " + w.write("b", mustCall.never1()::call));
    loop.runUntilIdle();
    log.assertIs("cb-a bad", "error bad", "state false false bad false", "ret false");
  }

  @Test
  void destroyAfterFinishStillEmitsErrorAndClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, w, "prefinish", "finish", "close");
    w.end();
    loop.runUntilIdle();
    w.destroy(new RuntimeException("late"));
    loop.runUntilIdle();
    log.assertIs("prefinish", "finish", "error late", "close");
  }

  @Test
  void destroyFromErrorListenerAfterWriteErrorWithoutAutoDestroy() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> setImmediate(() -> cb.done(new IllegalStateException("x")))));
    WritableTrace.record(log, w, "close");
    w.on("error", (Throwable e) -> w.destroy());
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    loop.runUntilIdle();
    log.assertIs("cb-a x", "cb-b x", "error x", "close");
  }

  @Test
  void subclassDestroyHookReceivesNullForPlainDestroy() {
    Writable<Buffer> w = new Writable<>() {
      @Override
      protected void _write(Buffer chunk, String encoding, Callback cb) throws Exception {
        cb.done();
      }

      @Override
      protected void _destroy(Throwable err, Callback cb) throws Exception {
        log.add("_destroy " + err);
        cb.done(err);
      }
    };
    w.on("close", mustCall.once(() -> log.add("close")));
    w.destroy();
    loop.runUntilIdle();
    log.assertIs("_destroy null", "close");
  }
}
