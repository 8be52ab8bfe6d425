package dev.weir.stream;

import static dev.weir.loop.Globals.nextTick;
import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the {@code 'drain'} behaviours of nodejs/node test/parallel/test-stream2-writable.js,
 * test-stream-writable-needdrain-state.js, test-stream-writable-write-cb-error.js and
 * test-stream-big-push.js: {@code 'drain'} only after {@code write()} returned false, never
 * synchronously, only once the buffer is empty, and before the callback of the write that
 * emptied it.
 */
@Timeout(10)
class StreamWritableDrainTest {
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

  Writable<Buffer> asyncWritable(int hwm) {
    return new Writable<>(new WritableOptions<Buffer>().highWaterMark(hwm)
        .write((c, e, cb) -> {
          log.add("write " + c);
          setImmediate(cb::done);
        }));
  }

  Callback logged(String name) {
    return err -> log.add(name + (err == null ? "" : " " + err.getMessage()));
  }

  @Test
  void noDrainWhenWriteNeverReturnedFalse() {
    Writable<Buffer> w = asyncWritable(100);
    w.on("drain", mustCall.never());
    assertTrue(w.write("a"));
    assertTrue(w.write("b"));
    loop.runUntilIdle();
    assertEquals(0, w.writableLength());
  }

  @Test
  void drainWaitsUntilTheBufferIsEmptyAndPrecedesTheEmptyingCallback() {
    Writable<Buffer> w = asyncWritable(10);
    w.on("drain", mustCall.once(() -> log.add("drain " + w.writableLength() + " "
        + w.writableNeedDrain())));
    log.add(w.write("11111", err -> log.add("cb1 " + w.writableLength())) + " "
        + w.write("22222", err -> log.add("cb2 " + w.writableLength())) + " "
        + w.write("33333", err -> log.add("cb3 " + w.writableLength())));
    loop.runUntilIdle();
    // As node 20 prints it: no low-water mark, 'drain' only at 0, before cb3.
    log.assertIs("write 11111", "true false false", "write 22222", "cb1 10", "write 33333",
        "cb2 5", "drain 0 false", "cb3 0");
  }

  @Test
  void drainIsNeverEmittedInsideWrite() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(2)
        .write((c, e, cb) -> {
          log.add("write " + c);
          cb.done();
        }));
    w.on("drain", mustCall.once(() -> log.add("drain " + w.writableLength())));
    w.cork();
    log.add(w.write("a", logged("cb-a")) + " " + w.write("b", logged("cb-b")) + " "
        + w.write("c", logged("cb-c")));
    w.uncork();
    log.add("uncorked " + w.writableLength());
    nextTick(() -> log.add("tick"));
    loop.runUntilIdle();
    log.assertIs("true false false", "write a", "write b", "write c", "uncorked 0", "drain 0",
        "cb-a", "cb-b", "cb-c", "tick");
  }

  @Test
  void needDrainIsSetByFalseAndClearedByDrain() {
    Writable<Buffer> w = asyncWritable(1);
    assertFalse(w.writableNeedDrain());
    assertFalse(w.write("ab"));
    assertTrue(w.writableNeedDrain());
    w.on("drain", mustCall.once(() -> log.add("drain " + w.writableNeedDrain())));
    loop.runUntilIdle();
    log.assertIs("write ab", "drain false");
    assertFalse(w.writableNeedDrain());
  }

  @Test
  void noDrainOnceEnded() {
    Writable<Buffer> w = asyncWritable(1);
    w.on("drain", mustCall.never());
    w.on("finish", mustCall.once(() -> log.add("finish")));
    assertFalse(w.write("ab"));
    w.end();
    assertFalse(w.writableNeedDrain(), "an ending stream needs no drain");
    loop.runUntilIdle();
    log.assertIs("write ab", "finish");
  }

  @Test
  void noDrainOnceDestroyed() {
    Writable<Buffer> w = asyncWritable(1);
    w.on("drain", mustCall.never());
    w.on("close", mustCall.once(() -> log.add("close")));
    assertFalse(w.write("ab", mustCall.once((Throwable e) -> log.add("cb " + e))::call));
    w.destroy();
    assertFalse(w.writableNeedDrain());
    loop.runUntilIdle();
    log.assertIs("write ab", "close", "cb null");
  }

  @Test
  void writevDrainsAfterTheBatchCompletes() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(3)
        .writev((chunks, cb) -> {
          log.add("writev " + chunks.size());
          setImmediate(cb::done);
        }));
    w.on("drain", mustCall.once(() -> log.add("drain " + w.writableLength())));
    log.add(w.write("aa", logged("cb1")) + " " + w.write("bb", logged("cb2")) + " "
        + w.write("cc", logged("cb3")));
    loop.runUntilIdle();
    log.assertIs("writev 1", "true false false", "writev 2", "cb1", "drain 0", "cb2", "cb3");
  }

  @Test
  void writingInsideDrainStartsAnotherCycle() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(2)
        .write((c, e, cb) -> setImmediate(cb::done)));
    int[] n = {0};
    w.on("drain", mustCall.times(3, () -> {
      log.add("drain " + n[0]);
      if (n[0]++ < 2) {
        String name = "cb-in-" + n[0];
        log.add("w " + w.write("abc", logged(name)));
      }
    }));
    log.add(String.valueOf(w.write("abc", logged("cb0"))));
    loop.runUntilIdle();
    log.assertIs("false", "drain 0", "w false", "cb0", "drain 1", "w false", "cb-in-1",
        "drain 2", "cb-in-2");
  }

  @Test
  void manualBackpressureLoopWritesEverythingInOrder() {
    // DESIGN.md snippet 1: while (i < n && ok) ok = ws.write(...); once('drain', write).
    StringBuilder sink = new StringBuilder();
    Writable<Buffer> ws = new Writable<>(new WritableOptions<Buffer>().highWaterMark(16)
        .write((c, e, cb) -> {
          sink.append(c);
          setImmediate(cb::done);
        }));
    int n = 50;
    int[] i = {0};
    int[] drains = {0};
    Runnable[] write = new Runnable[1];
    write[0] = () -> {
      boolean ok = true;
      while (i[0] < n && ok) {
        ok = ws.write("line " + i[0]++ + "\n");
      }
      if (i[0] < n) {
        ws.once("drain", () -> {
          drains[0]++;
          write[0].run();
        });
      } else {
        ws.end(mustCall.once((Throwable e) -> log.add("done " + e))::call);
      }
    };
    write[0].run();
    loop.runUntilIdle();
    StringBuilder expected = new StringBuilder();
    for (int k = 0; k < n; k++) {
      expected.append("line ").append(k).append('\n');
    }
    assertEquals(expected.toString(), sink.toString());
    assertTrue(drains[0] > 10, "waited for drain " + drains[0] + " times");
    log.assertIs("done null");
  }

  @Test
  void oneDrainForManyFalseReturns() {
    Writable<Buffer> w = asyncWritable(1);
    w.on("drain", mustCall.once());
    for (int k = 0; k < 5; k++) {
      assertFalse(w.write("x"));
    }
    loop.runUntilIdle();
  }

  @Test
  void objectModeDrainsAfterSixteenObjects() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .write((c, e, cb) -> setImmediate(cb::done)));
    w.on("drain", mustCall.once(() -> log.add("drain " + w.writableLength())));
    boolean ok = true;
    int written = 0;
    while (ok) {
      ok = w.write(written++);
    }
    assertEquals(16, written);
    loop.runUntilIdle();
    log.assertIs("drain 0");
  }
}
