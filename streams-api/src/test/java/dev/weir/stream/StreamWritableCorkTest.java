package dev.weir.stream;

import static dev.weir.loop.Globals.nextTick;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Ports nodejs/node test/parallel/test-stream-writable-writev.js (as test-stream-writev.js),
 * test-stream-writableState-uncorked-bufferedRequestCount.js, test-stream-writable-end-cork.js
 * and test-stream-cork-end.js / test-stream-cork-uncork.js: nested {@code cork()}, batching
 * into {@code _writev}, {@code end()} uncorking fully, and {@code writableCorked}.
 */
@Timeout(10)
class StreamWritableCorkTest {
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

  /** A writable with both hooks, logging which one ran with what. */
  Writable<Object> both(boolean decodeStrings) {
    return new Writable<>(new WritableOptions<Object>().decodeStrings(decodeStrings)
        .write((c, e, cb) -> {
          log.add("write " + c);
          cb.done();
        })
        .writev((chunks, cb) -> {
          List<String> parts = new ArrayList<>();
          for (WritableChunk<Object> ch : chunks) {
            parts.add(ch.chunk() + "/" + ch.encoding());
          }
          log.add("writev " + String.join(",", parts));
          cb.done();
        }));
  }

  @Test
  void nestedCorkNeedsAsManyUncorks() {
    Writable<Object> w = both(true);
    w.cork();
    w.cork();
    w.write("a");
    w.write("b");
    log.add("c " + w.writableCorked() + " " + w.writableLength());
    w.uncork();
    log.add("c " + w.writableCorked() + " " + w.writableLength());
    w.uncork();
    log.add("c " + w.writableCorked() + " " + w.writableLength());
    w.uncork();
    log.add("c " + w.writableCorked());
    log.assertIs("c 2 2", "c 1 2", "writev a/buffer,b/buffer", "c 0 0", "c 0");
  }

  @Test
  void endUncorksFullyAndFlushesThroughWritev() {
    Writable<Object> w = both(true);
    WritableTrace.record(log, w, "prefinish", "finish", "close");
    w.cork();
    w.cork();
    w.cork();
    w.write("a");
    w.write("b");
    w.end("c");
    log.add("c " + w.writableCorked());
    loop.runUntilIdle();
    log.assertIs("writev a/buffer,b/buffer,c/buffer", "prefinish", "c 0", "finish", "close");
  }

  @Test
  void aSingleBufferedChunkGoesToWrite() {
    Writable<Object> w = both(true);
    w.cork();
    w.write("a");
    w.uncork();
    log.assertIs("write a");
  }

  @Test
  void withoutWritevBufferedChunksGoOneByOne() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done();
    }));
    w.cork();
    w.write("a");
    w.write("b");
    log.assertIs();
    w.uncork();
    log.assertIs("write a", "write b");
  }

  @Test
  void writevCallbackCompletesEveryBatchedWrite() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().writev((chunks, cb) -> {
      log.add("writev " + chunks.size());
      setImmediate(cb::done);
    }));
    w.cork();
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.uncork();
    log.add("len " + w.writableLength());
    loop.runUntilIdle();
    log.assertIs("writev 2", "len 2", "cb-a null", "cb-b null");
    assertEquals(0, w.writableLength());
  }

  @Test
  void writevErrorFailsEveryBatchedWriteThenErrorThenClose() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .writev((chunks, cb) -> cb.done(new IllegalStateException("v"))));
    WritableTrace.record(log, w, "close");
    w.cork();
    w.write("a", logged("cb-a"));
    w.write("b", logged("cb-b"));
    w.uncork();
    loop.runUntilIdle();
    log.assertIs("cb-a v", "cb-b v", "error v", "close");
  }

  @Test
  void writevSeesEachChunksEncodingWhenStringsAreNotDecoded() {
    Writable<Object> w = both(false);
    w.cork();
    w.write("a");
    w.write("aGk=", "base64");
    w.write(Buffer.from("x"));
    w.uncork();
    log.assertIs("writev a/utf8,aGk=/base64,x/buffer");
  }

  @Test
  void uncorkOnNextTickBatchesTheWholeTick() {
    Writable<Object> w = both(true);
    w.cork();
    w.write("a");
    w.write("b");
    nextTick(w::uncork);
    w.write("c");
    log.add("sync done");
    loop.runUntilIdle();
    log.assertIs("sync done", "writev a/buffer,b/buffer,c/buffer");
  }

  @Test
  void writesQueuedBehindAnInFlightWriteAreBatched() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          log.add("write " + c);
          setImmediate(cb::done);
        })
        .writev((chunks, cb) -> {
          List<String> parts = new ArrayList<>();
          for (WritableChunk<Buffer> ch : chunks) {
            parts.add(ch.chunk().toString());
          }
          log.add("writev " + String.join(",", parts));
          setImmediate(cb::done);
        }));
    w.write("a");
    w.cork();
    w.write("b");
    w.write("c");
    w.uncork();
    w.write("d");
    w.write("e");
    loop.runUntilIdle();
    log.assertIs("write a", "writev b,c,d,e");
  }

  @Test
  void uncorkWithoutCorkIsHarmless() {
    Writable<Object> w = both(true);
    w.uncork();
    assertEquals(0, w.writableCorked());
    w.write("a");
    log.assertIs("write a");
  }

  @Test
  void corkedWritesCountTowardsHighWaterMark() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().highWaterMark(3)
        .write((c, e, cb) -> cb.done()));
    w.on("drain", mustCall.once(() -> log.add("drain")));
    w.cork();
    log.add(w.write("ab") + " " + w.write("cd") + " " + w.writableLength());
    w.uncork();
    loop.runUntilIdle();
    log.assertIs("true false 4", "drain");
  }
}
