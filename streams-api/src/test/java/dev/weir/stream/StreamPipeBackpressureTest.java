package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code pipe()} backpressure; ports the behaviours of nodejs/node test/parallel
 * test-stream-pipe-await-drain.js, test-stream-pipe-await-drain-push-while-write.js,
 * test-stream-pipe-needDrain.js, test-stream-pipe-event.js, test-stream-pipe-manual-resume.js and
 * test-stream-pipe-flow-after-unpipe.js.
 */
@Timeout(10)
class StreamPipeBackpressureTest {
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

  @Test
  void sourcePausesWhenWriteReturnsFalseAndResumesOnDrain() {
    // The same scenario under Node 20 prints exactly this trace.
    int[] n = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(4)
        .read((s, size) -> {
          log.add("_read " + n[0]);
          if (n[0] < 5) {
            s.push("abcd");
            n[0]++;
          } else {
            s.push(null);
          }
        }));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(8)
        .write((c, e, cb) -> {
          log.add("write " + c + " " + 4);
          loop.setImmediate(cb::done);
        }));
    r.on("pause", () -> log.add("pause"));
    r.on("resume", () -> log.add("resume"));
    w.on("drain", () -> log.add("drain"));
    w.on("pipe", mustCall.once((Object s) -> log.add("pipe " + (s == r))));
    w.on("finish", mustCall.once(() -> log.add("finish")));
    r.on("end", mustCall.once(() -> log.add("end")));
    log.add("ret " + (r.pipe(w) == w));
    loop.runUntilIdle();
    log.assertIs("pipe true", "ret true", "_read 0", "resume", "_read 1", "write abcd 4",
        "_read 2", "pause", "write abcd 4", "drain", "resume", "_read 3", "write abcd 4",
        "_read 4", "pause", "write abcd 4", "drain", "resume", "_read 5", "write abcd 4", "end",
        "finish", "pause");
  }

  @Test
  void buffersStayBoundedWithAnEndlessSourceAndASlowDestination() {
    int[] pulled = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(64)
        .read((s, size) -> {
          pulled[0]++;
          s.push(Buffer.alloc(16));
        }));
    int[] written = {0};
    long[] maxWritable = {0};
    long[] maxReadable = {0};
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(32)
        .write((c, e, cb) -> {
          written[0]++;
          loop.setTimeout(cb::done, 10);
        }));
    r.on("data", (Buffer c) -> {
      maxWritable[0] = Math.max(maxWritable[0], w.writableLength());
      maxReadable[0] = Math.max(maxReadable[0], r.readableLength());
    });
    r.pipe(w);
    loop.advanceTimeBy(Duration.ofSeconds(1));
    // 100 writes of 10 ms each; the source was pulled only a little ahead of them.
    assertTrue(written[0] >= 90, "written " + written[0]);
    assertTrue(pulled[0] <= written[0] + 8, "pulled " + pulled[0] + " written " + written[0]);
    assertTrue(maxWritable[0] <= 32, "writable " + maxWritable[0]);
    assertTrue(maxReadable[0] <= 64, "readable " + maxReadable[0]);
    r.unpipe(w);
    r.destroy();
    w.destroy();
  }

  @Test
  void pipeReturnsTheDestinationForChaining() {
    Readable<Buffer> a = readable();
    PassThrough<Buffer> b = new PassThrough<>();
    List<String> got = new ArrayList<>();
    Writable<Buffer> c = sink(got);
    Writable<Buffer> ret = a.pipe(b).pipe(c);
    assertSame(c, ret);
    c.on("finish", mustCall.once(() -> got.add("finish")));
    a.push("x");
    a.push("y");
    a.push(null);
    loop.runUntilIdle();
    assertEquals(List.of("x", "y", "finish"), got);
  }

  @Test
  void theDestinationGetsPipeWithTheSourceSynchronously() {
    // Node: test-stream-pipe-event.js.
    Readable<Buffer> r = readable();
    Writable<Buffer> w = sink(new ArrayList<>());
    w.on("pipe", mustCall.once((Object src) -> {
      assertSame(r, src);
      log.add("pipe");
    }));
    r.pipe(w);
    log.add("after");
    log.assertIs("pipe", "after");
  }

  @Test
  void pipingIntoADestinationThatNeedsDrainWaitsForIt() {
    // Node: test-stream-pipe-needDrain.js.
    List<Callback> pending = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(1)
        .write((c, e, cb) -> pending.add(cb)));
    assertFalse(w.write("a"));
    assertTrue(w.writableNeedDrain());
    Readable<Buffer> r = readable();
    r.push("b");
    r.pipe(w);
    assertEquals(Boolean.FALSE, r.readableFlowing());
    loop.runUntilIdle();
    assertEquals(1, r.readableLength());
    w.on("drain", mustCall.once(() -> log.add("drain")));
    r.on("resume", mustCall.once(() -> log.add("resume")));
    try {
      pending.remove(0).done();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    loop.runUntilIdle();
    log.assertIs("drain", "resume");
    assertEquals(0, r.readableLength());
    assertEquals(1, pending.size());
  }

  @Test
  void theSourceEndingEndsTheDestination() {
    Readable<Buffer> r = readable();
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = sink(got);
    r.pipe(w);
    r.on("end", mustCall.once(() -> log.add("end")));
    w.on("finish", mustCall.once(() -> log.add("finish")));
    w.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    r.push("a");
    r.push(null);
    loop.runUntilIdle();
    // pipe()'s own once('finish') was registered first: it unpipes before the user hears.
    log.assertIs("end", "unpipe", "finish");
    assertEquals(List.of("a"), got);
  }

  @Test
  void pushWhileWriteIsInFlightDoesNotResumeEarly() {
    // Node: test-stream-pipe-await-drain-push-while-write.js.
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(2)
        .write((c, e, cb) -> {
          log.add("write " + c);
          loop.setImmediate(cb::done);
        }));
    Readable<Buffer> r = readable(2);
    // Registered before pipe's own 'drain' listener: the source still awaits this writer.
    w.on("drain", () -> log.add("drain " + (r.readableState.awaitDrainWriters == w)));
    r.pipe(w);
    r.push("ab");
    r.push("cd");
    loop.runUntilIdle();
    log.assertIs("write ab", "drain true", "write cd", "drain true");
  }

  @Test
  void aSlowObjectModeDestinationPausesTheSourceAtItsHighWaterMark() {
    List<Callback> pending = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .highWaterMark(2).write((c, e, cb) -> pending.add(cb)));
    Readable<Object> r = Fixtures.objects();
    r.on("pause", () -> log.add("pause " + w.writableLength()));
    r.pipe(w);
    for (int i = 0; i < 5; i++) {
      r.push(i);
    }
    loop.runUntilIdle();
    log.assertIs("pause 2");
    assertEquals(3, r.readableLength());
    assertTrue(r.isPaused());
  }

  @Test
  void removeAllListenersOfDataDoesNotStopADrainFromResuming() {
    // Node keeps kDataListening through removeAllListeners('data'): the drain resumes the
    // source and the buffered chunk flows to nobody.
    List<Callback> cbs = new ArrayList<>();
    Readable<Buffer> r = readable();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(1)
        .write((c, e, cb) -> {
          log.add("write " + c);
          cbs.add(cb);
        }));
    r.pipe(w);
    r.push("a");
    r.push("b");
    loop.runUntilIdle();
    log.add("paused " + r.isPaused());
    r.removeAllListeners("data");
    try {
      cbs.remove(0).done();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    loop.runUntilIdle();
    log.add("after " + r.readableFlowing() + " " + r.readableLength());
    log.assertIs("write a", "paused true", "after true 0");
  }

  @Test
  void aPipeDoesNotStallWhenReadOrResumeIsCalledBehindItsBack() {
    // Node: test-stream-pipe-manual-resume.js (50 objects instead of 1000).
    for (String mode : List.of("read", "resume", "none")) {
      int[] counter = {50};
      int[] writes = {0};
      int[] reads = {0};
      Readable<Object> rs = new Readable<>(new ReadableOptions<Object>().objectMode(true)
          .read((s, n) -> {
            reads[0]++;
            s.push(--counter[0] >= 0 ? (Object) counter[0] : null);
          }));
      Writable<Object> ws = new Writable<>(new WritableOptions<Object>().objectMode(true)
          .write((d, e, cb) -> {
            writes[0]++;
            loop.setImmediate(cb::done);
          }));
      ws.on("finish", mustCall.once(() -> log.add(mode + " finish " + writes[0] + " "
          + reads[0])));
      loop.setImmediate(() -> {
        if (mode.equals("read")) {
          rs.read();
        } else if (mode.equals("resume")) {
          rs.resume();
        }
      });
      rs.pipe(ws);
      loop.runUntilIdle();
    }
    log.assertIs("read finish 50 51", "resume finish 50 51", "none finish 50 51");
  }

  @Test
  void theSourceKeepsFlowingAfterItsOnlyDestinationWasUnpiped() {
    // Node: test-stream-pipe-flow-after-unpipe.js.
    int[] reads = {0};
    int[] writes = {0};
    int[] chunks = {0};
    Readable<Buffer> rs = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(1)
        .read((s, n) -> {
          reads[0]++;
          s.push("foo");
        }));
    Writable<Buffer> ws = new Writable<>(new WritableOptions<Buffer>().highWaterMark(1)
        .write((c, e, cb) -> {
          writes[0]++;
          loop.setImmediate(() -> rs.unpipe(null));
        }));
    rs.on("data", (Buffer c) -> {
      if (++chunks[0] >= 20) {
        rs.pause();
      }
    });
    rs.pipe(ws);
    loop.runUntilIdle();
    assertEquals(List.of(21, 1, 20), List.of(reads[0], writes[0], chunks[0]));
  }

  @Test
  void aReadableListenerKeepsAPipedSourcePausedUntilItReads() {
    Readable<Buffer> r = readable();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done();
    }));
    r.on("readable", () -> log.add("readable " + r.readableLength()));
    r.pipe(w);
    log.add("flowing " + r.readableFlowing());
    r.push("a");
    r.push("b");
    w.on("finish", mustCall.never());
    loop.runUntilIdle();
    log.add("len " + r.readableLength());
    // 'readable' takes precedence: only an explicit read() feeds the pipe (through 'data').
    r.read();
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("flowing false", "readable 2", "len 2", "write ab", "readable 0");
  }

  @Test
  void destroyingTheSourceLeavesTheDestinationPipedAndOpen() {
    Readable<Buffer> r = readable();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      loop.setImmediate(cb::done);
    }));
    w.on("unpipe", mustCall.never1());
    w.on("finish", mustCall.never());
    r.on("close", mustCall.once(() -> log.add("rclose")));
    r.pipe(w);
    r.push("a");
    r.push("b");
    loop.runUntilIdle();
    r.destroy();
    loop.runUntilIdle();
    log.add("after " + w.writableEnded() + " " + r.readableState.pipes.size() + " "
        + w.writableLength());
    log.assertIs("write a", "write b", "rclose", "after false 1 0");
  }
}
