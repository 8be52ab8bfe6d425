package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * One source piped into several destinations; ports the behaviours of nodejs/node test/parallel
 * test-stream-pipe-multiple-pipes.js, test-stream-pipe-same-destination-twice.js (the
 * backpressure part) and test-stream-pipe-await-drain.js.
 */
@Timeout(10)
class StreamPipeMultipleDestinationsTest {
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

  /** A writable whose callbacks the test completes by hand. */
  private Writable<Buffer> manual(String name, int hwm, List<Callback> callbacks) {
    return new Writable<>(new WritableOptions<Buffer>().highWaterMark(hwm).write((c, e, cb) -> {
      log.add(name + " " + c);
      callbacks.add(cb);
    }));
  }

  private static void call(List<Callback> callbacks) {
    try {
      callbacks.remove(0).done();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSlowestDestinationGovernsAndUnpipingItKeepsTheOtherFlowing() {
    // The same scenario under Node 20 prints exactly this trace.
    Readable<Buffer> r = readable(4);
    List<Callback> slowCbs = new ArrayList<>();
    Writable<Buffer> slow = manual("slow", 4, slowCbs);
    Writable<Buffer> fast = new Writable<>(new WritableOptions<Buffer>().highWaterMark(4)
        .write((c, e, cb) -> {
          log.add("fast " + c);
          cb.done();
        }));
    r.on("pause", () -> log.add("pause"));
    r.on("resume", () -> log.add("resume"));
    r.pipe(slow);
    r.pipe(fast);
    r.push("aaaa");
    r.push("bbbb");
    r.push("cccc");
    loop.runUntilIdle();
    log.add("len " + r.readableLength() + " " + r.isPaused());
    call(slowCbs);
    loop.runUntilIdle();
    log.add("len " + r.readableLength() + " " + r.isPaused());
    r.unpipe(slow);
    log.add("unpiped " + r.readableFlowing());
    loop.runUntilIdle();
    log.add("len " + r.readableLength());
    fast.on("finish", mustCall.once(() -> log.add("fast finish")));
    slow.on("finish", mustCall.never());
    r.push("dddd");
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("resume", "slow aaaa", "pause", "fast aaaa", "len 8 true", "resume",
        "slow bbbb", "pause", "fast bbbb", "len 4 true", "unpiped true", "resume", "fast cccc",
        "len 0", "fast dddd", "pause", "fast finish");
    assertFalse(slow.writableEnded());
  }

  @Test
  void everyDestinationGetsEveryChunkAndFinishes() {
    // Node: test-stream-pipe-multiple-pipes.js.
    Readable<Buffer> r = readable();
    List<List<String>> outs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<String> out = new ArrayList<>();
      outs.add(out);
      Writable<Buffer> w = sink(out);
      w.on("finish", mustCall.once(() -> out.add("finish")));
      r.pipe(w);
    }
    r.push("a");
    r.push("b");
    r.push(null);
    loop.runUntilIdle();
    for (List<String> out : outs) {
      assertEquals(List.of("a", "b", "finish"), out);
    }
  }

  @Test
  void theSourceResumesOnlyWhenEveryWaitingDestinationDrained() {
    // Node: test-stream-pipe-await-drain.js: awaitDrainWriters holds both writers.
    Readable<Buffer> r = readable();
    List<Callback> aCbs = new ArrayList<>();
    List<Callback> bCbs = new ArrayList<>();
    Writable<Buffer> a = manual("a", 1, aCbs);
    Writable<Buffer> b = manual("b", 1, bCbs);
    r.pipe(a);
    r.pipe(b);
    r.on("resume", () -> log.add("resume"));
    r.push("1");
    r.push("2");
    loop.runUntilIdle();
    log.assertIs("resume", "a 1", "b 1");
    assertTrue(r.isPaused());
    call(aCbs);
    loop.runUntilIdle();
    // a drained but b still waits: the source stays paused.
    log.assertIs("resume", "a 1", "b 1");
    assertEquals(1, r.readableLength());
    call(bCbs);
    loop.runUntilIdle();
    log.assertIs("resume", "a 1", "b 1", "resume", "a 2", "b 2");
  }

  @Test
  void pipingToTheSameDestinationTwiceWritesEachChunkTwice() {
    // Node: test-stream-pipe-same-destination-twice.js.
    Readable<Buffer> r = readable();
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = sink(got);
    r.pipe(w);
    r.pipe(w);
    r.push("x");
    loop.runUntilIdle();
    assertEquals(List.of("x", "x"), got);
    r.unpipe(w);
    assertEquals(1, r.readableState.pipes.size());
    assertEquals(Boolean.TRUE, r.readableFlowing());
    r.push("y");
    loop.runUntilIdle();
    assertEquals(List.of("x", "x", "y"), got);
  }
}
