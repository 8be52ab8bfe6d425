package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;
import static dev.weir.loop.Globals.nextTick;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the writable parts of nodejs/node test/parallel/test-stream-construct.js:
 * {@code _construct} runs on the next tick and delays {@code _write} and {@code _final} until it
 * calls back; an error from it destroys the stream.
 */
@Timeout(10)
class StreamWritableConstructTest {
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
  void constructDelaysWritesAndFinal() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> {
          log.add("construct");
          setImmediate(() -> {
            log.add("constructed");
            cb.done();
          });
        })
        .write((c, e, cb) -> {
          log.add("write " + c);
          cb.done();
        })
        .finalHook(cb -> {
          log.add("final");
          cb.done();
        }));
    WritableTrace.record(log, w, "prefinish", "finish", "close");
    log.add("ret " + w.write("a", logged("cb-a")) + " " + w.writableLength());
    w.end(logged("endcb"));
    log.add("sync end");
    loop.runUntilIdle();
    log.assertIs("ret true 1", "sync end", "construct", "constructed", "write a", "final",
        "prefinish", "cb-a null", "endcb null", "finish", "close");
  }

  @Test
  void synchronousConstructCallbackStillDefersTheWrite() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> {
          log.add("construct");
          cb.done();
        })
        .write((c, e, cb) -> {
          log.add("write");
          cb.done();
        }));
    w.write("a", logged("cb-a"));
    log.add("sync");
    nextTick(() -> log.add("tick"));
    loop.runUntilIdle();
    log.assertIs("sync", "construct", "tick", "write", "cb-a null");
  }

  @Test
  void constructErrorFailsPendingWritesAndDestroys() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> setImmediate(() -> cb.done(new IllegalStateException("cons"))))
        .write((c, e, cb) -> {
          log.add("write");
          cb.done();
        }));
    WritableTrace.record(log, w, "finish", "close");
    w.write("a", logged("cb-a"));
    loop.runUntilIdle();
    log.assertIs("cb-a cons", "error cons", "close");
  }

  @Test
  void constructThrowingIsItsError() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> {
          throw new java.io.IOException("thr");
        })
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, w, "finish", "close");
    loop.runUntilIdle();
    log.assertIs("error thr", "close");
  }

  @Test
  void constructCallbackTwiceIsMultipleCallback() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> {
          cb.done();
          cb.done();
        })
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, w, "finish", "close");
    loop.runUntilIdle();
    log.assertIs("error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void destroyDuringConstructWaitsForItThenRunsDestroy() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .construct(cb -> {
          log.add("construct");
          setImmediate(() -> {
            log.add("constructed");
            cb.done();
          });
        })
        .write((c, e, cb) -> {
          log.add("write");
          cb.done();
        })
        .destroy((err, cb) -> {
          log.add("_destroy " + describe(err));
          cb.done(err);
        }));
    WritableTrace.record(log, w, "finish", "close");
    w.write("a", logged("cb-a"));
    w.destroy();
    log.add("destroyed " + w.destroyed());
    loop.runUntilIdle();
    log.assertIs("destroyed true", "construct", "cb-a " + ERR_STREAM_DESTROYED.name(),
        "constructed", "_destroy null", "close");
  }

  @Test
  void subclassConstructOverrideDelaysWrites() {
    Writable<Buffer> w = new Writable<>() {
      boolean open;

      @Override
      protected void _construct(Callback cb) {
        log.add("open");
        setImmediate(() -> {
          open = true;
          cb.done();
        });
      }

      @Override
      protected void _write(Buffer chunk, String encoding, Callback cb) throws Exception {
        log.add("write " + chunk + " open=" + open);
        cb.done();
      }
    };
    w.end("x", logged("endcb"));
    loop.runUntilIdle();
    log.assertIs("open", "write x open=true", "endcb null");
  }
}
