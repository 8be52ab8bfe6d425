package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;
import static dev.weir.errors.ErrorCode.ERR_STREAM_ALREADY_FINISHED;
import static dev.weir.errors.ErrorCode.ERR_STREAM_WRITE_AFTER_END;
import static dev.weir.loop.Globals.nextTick;
import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports nodejs/node test/parallel/test-stream-writable-end-cb-error.js,
 * test-stream-writable-end-multiple.js, test-stream-writable-ended-state.js,
 * test-stream-writable-finished-state.js, test-stream-writable-final-async.js,
 * test-stream-writable-final-throw.js, test-stream-writable-finish-destroyed.js,
 * test-stream-writable-write-after-end (in test-stream2-writable.js) and
 * test-stream-writable-end-cb-uncaught.js: {@code end()} variants and the order
 * {@code 'prefinish'}, {@code _final}, {@code 'finish'}, {@code 'close'}.
 */
@Timeout(10)
class StreamWritableEndTest {
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

  static String describe(Throwable e) {
    if (e == null) {
      return "null";
    }
    return e instanceof WeirException ? ((WeirException) e).code() : e.getMessage();
  }

  /** Logs 'prefinish', 'finish', 'close' and 'error' (with its code or message). */
  void recordEvents(Stream w) {
    for (String ev : new String[] {"prefinish", "finish", "close"}) {
      w.on(ev, () -> log.add(ev));
    }
    w.on("error", (Throwable e) -> log.add("error " + describe(e)));
  }

  Callback logged(String name) {
    return mustCall.once((Throwable e) -> log.add(name + " " + describe(e)))::call;
  }

  static Writable<Buffer> syncWritable() {
    return new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> cb.done()));
  }

  @Test
  void endWithChunkEncodingAndCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c + " " + e);
      cb.done();
    }));
    recordEvents(w);
    w.end("aGk=", "base64", mustCall.once((Throwable e) -> log.add("endcb " + e + " "
        + w.writableFinished()))::call);
    log.add("sync " + w.writableEnded() + " " + w.writableFinished());
    loop.runUntilIdle();
    log.assertIs("write hi buffer", "prefinish", "sync true false", "endcb null true", "finish",
        "close");
  }

  @Test
  void endWithBufferChunk() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done();
    }));
    recordEvents(w);
    w.end(Buffer.from("last"));
    loop.runUntilIdle();
    log.assertIs("write last", "prefinish", "finish", "close");
  }

  @Test
  void prefinishIsSynchronousAndFinishIsOneTickLater() {
    Writable<Buffer> w = syncWritable();
    recordEvents(w);
    w.write("a");
    nextTick(() -> log.add("tick1"));
    w.end();
    nextTick(() -> log.add("tick2"));
    loop.runUntilIdle();
    log.assertIs("prefinish", "tick1", "finish", "tick2", "close");
  }

  @Test
  void finishWaitsForTheCallbackOfASynchronousWrite() {
    Writable<Buffer> w = syncWritable();
    recordEvents(w);
    w.write("a", mustCall.once((Throwable e) -> log.add("wcb"))::call);
    nextTick(() -> log.add("tick1"));
    w.end();
    nextTick(() -> log.add("tick2"));
    loop.runUntilIdle();
    log.assertIs("prefinish", "wcb", "tick1", "tick2", "finish", "close");
  }

  @Test
  void finishIsATickAfterTheLastAsynchronousCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> setImmediate(cb::done)));
    recordEvents(w);
    w.write("a", mustCall.once((Throwable e) -> {
      log.add("wcb");
      nextTick(() -> log.add("tick"));
    })::call);
    w.end(logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("wcb", "prefinish", "tick", "endcb null", "finish", "close");
  }

  @Test
  void asyncFinalRunsAfterAllWritesAndBeforePrefinish() {
    Writable<Buffer>[] ref = new Writable[1];
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          log.add("write");
          setImmediate(cb::done);
        })
        .finalHook(cb -> {
          log.add("final " + ref[0].writableLength());
          setImmediate(() -> {
            log.add("final-done");
            cb.done();
          });
        }));
    ref[0] = w;
    recordEvents(w);
    w.write("a");
    w.end(logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("write", "final 0", "final-done", "prefinish", "endcb null", "finish",
        "close");
  }

  @Test
  void finalIsCalledOnceAfterPendingWrites() throws Exception {
    dev.weir.events.Listener0 fin = mustCall.once(() -> log.add("final"));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          log.add("write " + c);
          setImmediate(cb::done);
        })
        .finalHook(cb -> {
          fin.call();
          cb.done();
        }));
    recordEvents(w);
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.end("c", logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("write a", "write b", "cb-a null", "write c", "cb-b null", "final",
        "prefinish", "endcb null", "finish", "close");
  }

  @Test
  void finalErrorFailsEndCallbackAfterErrorAndClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .finalHook(cb -> cb.done(new IllegalStateException("fin"))));
    recordEvents(w);
    w.end(logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("error fin", "close", "endcb fin");
    assertFalse(w.writableFinished());
  }

  @Test
  void finalThrowingIsLikeCallingBackWithTheError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .finalHook(cb -> {
          throw new java.io.IOException("thr");
        }));
    recordEvents(w);
    w.end(logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("error thr", "close", "endcb thr");
  }

  @Test
  void finalCallbackTwiceIsMultipleCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done())
        .finalHook(cb -> {
          cb.done();
          cb.done();
        }));
    recordEvents(w);
    w.end();
    loop.runUntilIdle();
    log.assertIs("prefinish", "finish", "error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void endTwiceBeforeFinishCallsBothCallbacksAndAfterFinishIsAlreadyFinished() {
    Writable<Buffer> w = syncWritable();
    w.on("error", mustCall.never1());
    w.on("close", () -> log.add("close"));
    w.end();
    w.end(logged("end2"));
    w.on("finish", mustCall.once(() -> {
      log.add("finish");
      w.end(mustCall.once((Throwable e) -> {
        log.add("end3 " + describe(e));
        assertCode(e);
      })::call);
    }));
    loop.runUntilIdle();
    log.assertIs("end2 null", "finish", "end3 " + ERR_STREAM_ALREADY_FINISHED.name(), "close");
  }

  private static void assertCode(Throwable e) {
    dev.weir.testing.Errors.assertCode(ERR_STREAM_ALREADY_FINISHED, e);
  }

  @Test
  void endAfterFinishWithoutCallbackIsIgnored() {
    Writable<Buffer> w = syncWritable();
    w.on("error", mustCall.never1());
    w.on("finish", mustCall.once());
    w.end();
    loop.runUntilIdle();
    w.end();
    loop.runUntilIdle();
  }

  @Test
  void writeAfterEndCallsBackThenEmitsErrorThenClose() {
    Writable<Buffer> w = syncWritable();
    recordEvents(w);
    w.end();
    log.add("ret " + w.write("x", logged("wcb")));
    log.add("ret2 " + w.write("y", logged("wcb2")));
    loop.runUntilIdle();
    String code = ERR_STREAM_WRITE_AFTER_END.name();
    log.assertIs("prefinish", "ret false", "ret2 false", "wcb " + code, "error " + code,
        "close", "wcb2 " + code);
  }

  @Test
  void endWithChunkAfterEndIsWriteAfterEnd() {
    Writable<Buffer> w = syncWritable();
    recordEvents(w);
    w.end();
    w.end("x", logged("endcb"));
    loop.runUntilIdle();
    String code = ERR_STREAM_WRITE_AFTER_END.name();
    log.assertIs("prefinish", "error " + code, "close", "endcb " + code);
  }

  @Test
  void endAfterErrorWithoutAutoDestroyCallsBackWithTheError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> cb.done(new IllegalStateException("x"))));
    recordEvents(w);
    w.write("a", logged("wcb"));
    loop.runUntilIdle();
    w.end(logged("endcb"));
    log.add("destroyed " + w.destroyed() + " " + w.writable());
    loop.runUntilIdle();
    log.assertIs("wcb x", "error x", "destroyed false false", "endcb x");
  }

  @Test
  void endAfterDestroyNeverCallsBack() {
    // Node 20: destroy() with nothing pending schedules no errorBuffer, so end's callback is
    // queued and never called; only 'close' is emitted.
    Writable<Buffer> w = syncWritable();
    recordEvents(w);
    w.destroy();
    w.end(mustCall.never1()::call);
    loop.runUntilIdle();
    log.assertIs("close");
  }

  @Test
  void emitCloseFalseFinishesWithoutClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().emitClose(false)
        .write((c, e, cb) -> cb.done()));
    recordEvents(w);
    w.end();
    log.add("after end");
    loop.runUntilIdle();
    log.assertIs("prefinish", "after end", "finish");
    assertTrue(w.destroyed());
  }

  @Test
  void autoDestroyFalseKeepsTheStreamAfterFinish() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> cb.done()));
    recordEvents(w);
    w.end(mustCall.once((Throwable e) -> log.add("endcb " + w.destroyed()))::call);
    loop.runUntilIdle();
    log.assertIs("prefinish", "endcb false", "finish");
    assertFalse(w.destroyed());
    assertFalse(w.closed());
  }

  @Test
  void endReturnsTheStreamAndSetsEndedAtOnce() {
    Writable<Buffer> w = syncWritable();
    w.on("finish", mustCall.once(() -> assertTrue(w.writableFinished())));
    assertSame(w, w.end());
    assertTrue(w.writableEnded());
    assertFalse(w.writable());
    assertFalse(w.writableFinished());
  }

  @Test
  void finishNotEmittedWhileAWriteIsPending() {
    Callback[] pending = new Callback[1];
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> pending[0] = cb));
    recordEvents(w);
    w.write("a");
    w.end();
    loop.runUntilIdle();
    log.assertIs();
    setImmediate(() -> pending[0].done());
    loop.runUntilIdle();
    log.assertIs("prefinish", "finish", "close");
  }
}
