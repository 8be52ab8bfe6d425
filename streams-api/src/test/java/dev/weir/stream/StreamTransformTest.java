package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports nodejs/node test/parallel/test-stream-transform-callback-twice.js,
 * test-stream-transform-final.js, test-stream-transform-final-sync.js,
 * test-stream-transform-flush-data.js, test-stream-transform-objectmode-falsey-value.js,
 * test-stream-transform-destroy.js and the transform parts of test-stream2-transform.js:
 * {@code cb(err, data)}, {@code push} inside {@code _transform}, {@code _flush}, backpressure and
 * the order of {@code 'prefinish'}, {@code 'end'}, {@code 'finish'}, {@code 'close'}.
 */
@Timeout(10)
class StreamTransformTest {
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
  void callbackDataIsPushedAndFlushRunsLast() {
    Transform<Buffer, String> t = new Transform<>(new DuplexOptions<Buffer, String>()
        .readableObjectMode(true)
        .transform((c, e, cb) -> {
          log.add("transform " + c);
          cb.done(null, c.toString().toUpperCase());
        })
        .flush(cb -> {
          log.add("flush");
          cb.done(null, "!");
        }));
    WritableTrace.record(log, t, "prefinish", "finish", "end", "close");
    t.on("data", (String c) -> log.add("data " + c));
    t.write("a");
    t.write("b");
    t.end();
    loop.runUntilIdle();
    log.assertIs("transform a", "data A", "transform b", "data B", "flush", "data !",
        "prefinish", "end", "finish", "close");
  }

  @Test
  void pushInsideTransformMayEmitSeveralChunks() {
    Transform<Integer, Integer>[] ref = new Transform[1];
    ref[0] = new Transform<>(new DuplexOptions<Integer, Integer>().objectMode(true)
        .transform((c, e, cb) -> {
          ref[0].push(c);
          ref[0].push(c * 10);
          cb.done();
        }));
    Transform<Integer, Integer> t = ref[0];
    t.on("data", (Integer c) -> log.add("data " + c));
    t.on("end", mustCall.once(() -> log.add("end")));
    t.write(1);
    t.write(2);
    t.end();
    loop.runUntilIdle();
    log.assertIs("data 1", "data 10", "data 2", "data 20", "end");
  }

  @Test
  void transformErrorCallsBackThenErrorThenClose() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.fail(new IllegalStateException("te"))));
    WritableTrace.record(log, t, "finish", "end", "close");
    t.write("a", mustCall.once((Throwable e) -> log.add("cb " + describe(e)))::call);
    loop.runUntilIdle();
    log.assertIs("cb te", "error te", "close");
  }

  @Test
  void transformThrowingIsTheSameAsCallingBackWithTheError() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> {
          throw new java.io.IOException("thr");
        }));
    WritableTrace.record(log, t, "finish", "end", "close");
    t.write("a", mustCall.once((Throwable e) -> log.add("cb " + describe(e)))::call);
    loop.runUntilIdle();
    log.assertIs("cb thr", "error thr", "close");
  }

  @Test
  void flushErrorIsEmittedAndTheEndCallbackGetsIt() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.done(null, c))
        .flush(cb -> cb.fail(new IllegalStateException("fe"))));
    WritableTrace.record(log, t, "prefinish", "finish", "end", "close");
    t.resume();
    t.end("a", mustCall.once((Throwable e) -> log.add("endcb " + describe(e)))::call);
    loop.runUntilIdle();
    log.assertIs("error fe", "close", "endcb fe");
  }

  @Test
  void asyncFlushDelaysPrefinishEndAndFinish() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.done(null, c))
        .flush(cb -> {
          log.add("flush");
          setImmediate(() -> {
            log.add("flush-done");
            cb.done();
          });
        }));
    WritableTrace.record(log, t, "prefinish", "finish", "end", "close");
    t.resume();
    t.end("x");
    loop.runUntilIdle();
    log.assertIs("flush", "flush-done", "prefinish", "end", "finish", "close");
  }

  @Test
  void unreadOutputStopsCallingTransformAtTheReadableHighWaterMark() {
    int[] n = {0};
    Transform<Integer, Integer> t = new Transform<>(new DuplexOptions<Integer, Integer>()
        .objectMode(true).highWaterMark(2)
        .transform((c, e, cb) -> {
          n[0]++;
          cb.done(null, c);
        }));
    for (int i = 0; i < 10; i++) {
      t.write(i);
    }
    loop.runUntilIdle();
    log.add("transformed " + n[0] + " " + t.readableLength() + " " + t.writableLength());
    t.on("data", (Integer c) -> { });
    loop.runUntilIdle();
    log.add("after read " + n[0] + " " + t.readableLength() + " " + t.writableLength());
    log.assertIs("transformed 2 2 9", "after read 10 0 0");
  }

  @Test
  void backpressureReachesTheWriterAsFalseAndDrain() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .highWaterMark(4)
        .transform((c, e, cb) -> cb.done(null, c)));
    t.on("drain", mustCall.once(() -> log.add("drain")));
    boolean ok = true;
    int writes = 0;
    while (ok && writes < 100) {
      ok = t.write("ab");
      writes++;
    }
    log.add("false after " + writes);
    loop.runUntilIdle();
    t.resume();
    loop.runUntilIdle();
    // 2 bytes transformed and held (readable full), 4 bytes buffered: false on the third write.
    log.assertIs("false after 3", "drain");
  }

  @Test
  void callbackTwiceIsMultipleCallback() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> {
          cb.done();
          cb.done();
        }));
    WritableTrace.record(log, t, "close");
    t.write("a");
    loop.runUntilIdle();
    log.assertIs("error " + ERR_MULTIPLE_CALLBACK.name(), "close");
  }

  @Test
  void objectModeFalseyValuesPassThrough() {
    Transform<Object, Object> t = new Transform<>(new DuplexOptions<Object, Object>()
        .objectMode(true)
        .transform((c, e, cb) -> cb.done(null, c)));
    t.on("data", (Object c) -> log.add("data " + c));
    t.write(0);
    t.write(false);
    t.write("");
    t.end();
    loop.runUntilIdle();
    log.assertIs("data 0", "data false", "data ");
  }

  @Test
  void destroyStopsTransformingWithoutEndOrFinish() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> setImmediate(() -> cb.done(null, c))));
    WritableTrace.record(log, t, "finish", "end", "close");
    t.resume();
    t.write("a");
    t.end();
    t.destroy();
    loop.runUntilIdle();
    log.assertIs("close");
  }

  @Test
  void transformSeesStringEncodingWhenNotDecoded() {
    Transform<Object, String> t = new Transform<>(new DuplexOptions<Object, String>()
        .decodeStrings(false).readableObjectMode(true)
        .transform((c, e, cb) -> cb.done(null, c + "/" + e)));
    t.on("data", (String c) -> log.add(c));
    t.write("aGk=", "base64", null);
    t.write("x");
    loop.runUntilIdle();
    log.assertIs("aGk=/base64", "x/utf8");
  }

  @Test
  void writableAndReadableLengthsAcrossTheTransform() {
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.done(null, Buffer.concat(java.util.List.of(c, c)))));
    t.write("abc");
    assertEquals(0, t.writableLength());
    assertEquals(6, t.readableLength());
    assertEquals("abcabc", t.read().toString());
  }
}
