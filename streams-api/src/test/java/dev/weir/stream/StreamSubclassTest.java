package dev.weir.stream;

import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the class-style streams of nodejs/node test/parallel/test-stream-writable-constructor-set-methods.js,
 * test-stream-transform-constructor-set-methods.js and test-stream-writev.js: a Node class that
 * extends {@code Writable}/{@code Duplex}/{@code Transform} and overrides the underscore hooks
 * ports line for line as an (anonymous) subclass overriding the same-named methods.
 */
@Timeout(10)
class StreamSubclassTest {
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

  @Test
  void writableOverridingEveryHook() {
    Writable<Buffer> w = new Writable<>() {
      @Override
      protected void _construct(Callback cb) throws Exception {
        log.add("_construct");
        cb.done();
      }

      @Override
      protected void _write(Buffer chunk, String encoding, Callback cb) throws Exception {
        log.add("_write " + chunk);
        setImmediate(cb::done);
      }

      @Override
      protected void _writev(List<WritableChunk<Buffer>> chunks, Callback cb) throws Exception {
        List<String> parts = new ArrayList<>();
        for (WritableChunk<Buffer> c : chunks) {
          parts.add(c.chunk().toString());
        }
        log.add("_writev " + String.join(",", parts));
        setImmediate(cb::done);
      }

      @Override
      protected void _final(Callback cb) throws Exception {
        log.add("_final");
        cb.done();
      }

      @Override
      protected void _destroy(Throwable err, Callback cb) throws Exception {
        log.add("_destroy " + err);
        cb.done(err);
      }
    };
    WritableTrace.record(log, w, "finish", "close");
    w.write("a");
    w.write("b");
    w.write("c");
    w.end(mustCall.once((Throwable e) -> log.add("endcb " + describe(e)))::call);
    loop.runUntilIdle();
    log.assertIs("_construct", "_writev a,b,c", "_final", "endcb null", "finish",
        "_destroy null", "close");
  }

  @Test
  void writevOverrideWithoutWriteHandlesSingleChunks() {
    Writable<Buffer> w = new Writable<>() {
      @Override
      protected void _writev(List<WritableChunk<Buffer>> chunks, Callback cb) throws Exception {
        log.add("_writev " + chunks.size());
        cb.done();
      }
    };
    w.write("a");
    w.cork();
    w.write("b");
    w.write("c");
    w.uncork();
    loop.runUntilIdle();
    log.assertIs("_writev 1", "_writev 2");
  }

  @Test
  void duplexOverridingReadAndWrite() {
    Duplex<Buffer, Buffer> echo = new Duplex<>() {
      @Override
      protected void _read(int size) {
      }

      @Override
      protected void _write(Buffer chunk, String encoding, Callback cb) throws Exception {
        push(chunk);
        cb.done();
      }

      @Override
      protected void _final(Callback cb) throws Exception {
        push(null);
        cb.done();
      }
    };
    WritableTrace.record(log, echo, "finish", "end", "close");
    echo.on("data", (Buffer c) -> log.add("data " + c));
    echo.write("ping");
    echo.end();
    loop.runUntilIdle();
    log.assertIs("data ping", "finish", "end", "close");
  }

  @Test
  void transformOverridingTransformAndFlush() {
    Transform<Buffer, Buffer> upper = new Transform<>() {
      int chunks;

      @Override
      protected void _transform(Buffer chunk, String encoding, TransformCallback<Buffer> cb)
          throws Exception {
        chunks++;
        cb.done(null, Buffer.from(chunk.toString().toUpperCase()));
      }

      @Override
      protected void _flush(TransformCallback<Buffer> cb) throws Exception {
        push(Buffer.from("[" + chunks + "]"));
        cb.done();
      }
    };
    StringBuilder out = new StringBuilder();
    upper.on("data", (Buffer c) -> out.append(c));
    upper.on("end", mustCall.once(() -> log.add("end " + out)));
    upper.write("ab");
    upper.end("cd");
    loop.runUntilIdle();
    log.assertIs("end ABCD[2]");
  }

  @Test
  void passThroughSubclassCanOverrideTransform() {
    PassThrough<Buffer> tap = new PassThrough<>() {
      @Override
      protected void _transform(Buffer chunk, String encoding, TransformCallback<Buffer> cb)
          throws Exception {
        log.add("saw " + chunk);
        super._transform(chunk, encoding, cb);
      }
    };
    tap.on("data", (Buffer c) -> log.add("data " + c));
    tap.end("x");
    loop.runUntilIdle();
    log.assertIs("saw x", "data x");
  }
}
