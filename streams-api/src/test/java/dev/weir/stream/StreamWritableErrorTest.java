package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_METHOD_NOT_IMPLEMENTED;
import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.loop.Globals.setTimeout;
import static dev.weir.stream.WritableTrace.describe;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports nodejs/node test/parallel/test-stream-writable-write-error.js,
 * test-stream-writable-write-cb-twice.js, test-stream-writable-write-cb-error.js,
 * test-stream-writable-constructor-set-methods.js (the unimplemented {@code _write}) and
 * test-stream-writable-final-destroy.js: errors from {@code _write}, {@code _writev} and
 * {@code _final} fail the pending callbacks, then {@code 'error'} (once), then {@code 'close'}.
 */
@Timeout(10)
class StreamWritableErrorTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

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

  @Test
  void synchronousWriteErrorFailsCallbacksOnALaterTickThenErrorThenClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done(new IllegalStateException("s"))));
    WritableTrace.record(log, w, "finish", "close");
    log.add("ret " + w.write("a", logged("cb-a")));
    log.add("ret " + w.write("b", logged("cb-b")));
    log.add("destroyed " + w.destroyed() + " " + describe(w.errored()));
    loop.runUntilIdle();
    log.assertIs("ret false", "ret false", "destroyed false s", "cb-a s", "cb-b s", "error s",
        "close");
  }

  @Test
  void asynchronousWriteErrorFailsBufferedWritesWithTheSameError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> setImmediate(() -> cb.done(new IllegalStateException("boom")))));
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    loop.runUntilIdle();
    log.assertIs("cb-a boom", "cb-b boom", "error boom", "close");
  }

  @Test
  void writeFromErrorListenerIsDestroyed() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> setImmediate(() -> cb.done(new IllegalStateException("x")))));
    WritableTrace.record(log, w, "close");
    w.on("error", mustCall.once((Throwable e) ->
        log.add("w-in-error " + w.write("z", logged("cb-z")))));
    w.write("a", logged("cb-a"));
    loop.runUntilIdle();
    log.assertIs("cb-a x", "error x", "w-in-error false", "close",
        "cb-z " + ERR_STREAM_DESTROYED.name());
  }

  @Test
  void errorIsEmittedOnceEvenWhenLaterWritesWouldFail() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> setImmediate(() -> cb.done(new IllegalStateException("x" + c)))));
    WritableTrace.record(log, w, "close");
    w.write("1", logged("cb-1"));
    setTimeout(() -> w.write("2", mustCall.never1()::call), 5);
    loop.advanceTimeBy(Duration.ofMillis(20));
    log.assertIs("cb-1 x1", "error x1");
  }

  @Test
  void uncheckedExceptionFromWriteIsLikeCallingBackWithIt() {
    // Differs from Node, which lets it propagate out of write(); Weir reports it (Writable
    // Javadoc, "Differences from Node").
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          throw new IllegalArgumentException("thr");
        }));
    WritableTrace.record(log, w, "close");
    log.add("ret " + w.write("a", logged("cb")));
    loop.runUntilIdle();
    log.assertIs("ret false", "cb thr", "error thr", "close");
  }

  @Test
  void checkedExceptionFromWriteIsLikeCallingBackWithIt() {
    IOException io = new IOException("disk");
    Writable<Buffer> w = new Writable<>() {
      @Override
      protected void _write(Buffer chunk, String encoding, Callback cb) throws IOException {
        throw io;
      }
    };
    w.on("error", mustCall.once((Throwable e) -> log.add("error " + (e == io))));
    w.on("close", mustCall.once(() -> log.add("close")));
    w.write("a", mustCall.once((Throwable e) -> log.add("cb " + (e == io)))::call);
    loop.runUntilIdle();
    log.assertIs("cb true", "error true", "close");
  }

  @Test
  void throwingAfterCallingBackIsReportedAsAnError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          cb.done();
          throw new IllegalStateException("late");
        }));
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb"));
    loop.runUntilIdle();
    log.assertIs("cb null", "error late", "close");
  }

  @Test
  void unimplementedWriteThrowsFromWriteLikeNode() {
    Writable<Buffer> w = new Writable<>();
    w.on("error", mustCall.never1());
    assertCode(ERR_METHOD_NOT_IMPLEMENTED, assertThrows(RuntimeException.class,
        () -> w.write("a", mustCall.never1()::call)));
  }

  @Test
  void unimplementedWriteWithWritevFallsBackToWritev() {
    Writable<Buffer> w = new Writable<>() {
      @Override
      protected void _writev(java.util.List<WritableChunk<Buffer>> chunks, Callback cb)
          throws Exception {
        log.add("writev " + chunks.size() + " " + chunks.get(0).chunk());
        cb.done();
      }
    };
    w.write("a", logged("cb"));
    loop.runUntilIdle();
    log.assertIs("writev 1 a", "cb null");
  }

  @Test
  void callbackTwiceSynchronouslyIsMultipleCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      cb.done();
      cb.done();
    }));
    WritableTrace.record(log, w, "close");
    w.on("error", mustCall.once((Throwable e) -> assertCode(ERR_MULTIPLE_CALLBACK, e)));
    w.write("a", logged("cb"));
    loop.runUntilIdle();
    log.assertIs("cb null", "error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void callbackTwiceAsynchronouslyIsMultipleCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) ->
        setImmediate(() -> {
          cb.done();
          cb.done();
        })));
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb"));
    loop.runUntilIdle();
    log.assertIs("cb null", "error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void callbackSyncThenAsyncIsMultipleCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      cb.done();
      setImmediate(cb::done);
    }));
    WritableTrace.record(log, w, "close");
    w.write("a", logged("cb"));
    loop.runUntilIdle();
    log.assertIs("cb null", "error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void finalErrorIsEmittedAndNoFinish() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .finalHook(cb -> setImmediate(() -> cb.done(new IOException("fin")))));
    WritableTrace.record(log, w, "prefinish", "finish", "close");
    w.write("a");
    w.end(logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("endcb fin", "error fin", "close");
    assertFalse(w.writableFinished());
  }

  @Test
  void destroyDuringFinalSkipsFinish() {
    Writable<Buffer>[] ref = new Writable[1];
    ref[0] = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .finalHook(cb -> {
          log.add("final");
          ref[0].destroy();
          cb.done();
        }));
    Writable<Buffer> w = ref[0];
    WritableTrace.record(log, w, "prefinish", "finish", "close");
    w.end();
    loop.runUntilIdle();
    log.assertIs("final", "close");
  }

  @Test
  void errorWithoutListenerIsUncaught() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done(new IllegalStateException("nobody listens"))));
    w.write("a");
    Throwable t = assertThrows(Throwable.class, loop::runUntilIdle);
    Throwable root = t;
    while (root.getCause() != null && !"nobody listens".equals(root.getMessage())) {
      root = root.getCause();
    }
    assertInstanceOf(IllegalStateException.class, root, () -> "got " + t);
  }
}
