package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener1;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Paused and flowing modes; ports the behaviours of nodejs/node test/parallel
 * test-stream-readable-pause-and-resume.js, test-stream-readable-data.js,
 * test-stream-readable-resume-hwm.js and test-stream-readable-resumeScheduled.js.
 */
@Timeout(10)
class StreamReadableFlowingTest {
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
  void aNewStreamIsInNeitherMode() {
    Readable<Buffer> r = readable();
    assertNull(r.readableFlowing());
    assertFalse(r.isPaused());
  }

  @Test
  void dataListenerStartsFlowingAtOnceAndResumeFollowsOnTheNextTick() {
    Readable<Buffer> r = readable();
    r.on("resume", mustCall.once(() -> log.add("resume")));
    r.on("data", (Buffer c) -> log.add("data " + c));
    assertEquals(Boolean.TRUE, r.readableFlowing());
    r.push("a");
    log.add("sync");
    loop.runUntilIdle();
    log.assertIs("sync", "resume", "data a");
  }

  @Test
  void bufferedDataIsDeliveredInOrderOnceFlowingAndEndFollows() {
    Readable<Buffer> r = readable();
    r.push("a");
    r.push("b");
    r.push(null);
    r.on("end", mustCall.once(() -> log.add("end")));
    loop.runUntilIdle();
    log.assertIs();
    assertEquals(2, r.readableLength());
    r.on("data", (Buffer c) -> log.add("data " + c));
    loop.runUntilIdle();
    // Flowing mode reads the buffered chunks one at a time.
    log.assertIs("data a", "data b", "end");
  }

  @Test
  void resumeEmitsResumeOnceOnTheNextTick() {
    Readable<Buffer> r = readable();
    r.on("resume", mustCall.once(() -> log.add("resume")));
    r.resume();
    r.resume();
    assertEquals(Boolean.TRUE, r.readableFlowing());
    assertFalse(r.isPaused());
    log.assertIs();
    loop.runUntilIdle();
    log.assertIs("resume");
  }

  @Test
  void pauseEmitsPauseSynchronouslyAndOnlyOnTheTransition() {
    Readable<Buffer> r = readable();
    r.on("pause", mustCall.once(() -> log.add("pause")));
    r.pause();
    log.assertIs("pause");
    r.pause();
    assertEquals(Boolean.FALSE, r.readableFlowing());
    assertTrue(r.isPaused());
    log.assertIs("pause");
  }

  @Test
  void dataListenerAfterExplicitPauseDoesNotStartFlowing() {
    Readable<Buffer> r = readable();
    r.pause();
    r.on("data", mustCall.never1());
    r.push("a");
    loop.runUntilIdle();
    assertEquals(Boolean.FALSE, r.readableFlowing());
    assertEquals(1, r.readableLength());
  }

  @Test
  void pauseInsideDataStopsTheFlowUntilResume() {
    Readable<Buffer> r = readable();
    r.push("a");
    r.push("b");
    r.push("c");
    r.on("data", (Buffer c) -> {
      log.add("data " + c);
      if ("a".equals(c.toString())) {
        r.pause();
      }
    });
    loop.runUntilIdle();
    log.assertIs("data a");
    assertTrue(r.isPaused());
    assertEquals(2, r.readableLength());
    r.resume();
    loop.runUntilIdle();
    log.assertIs("data a", "data b", "data c");
  }

  @Test
  void pipeStartsFlowing() {
    Readable<Buffer> r = readable();
    List<String> got = new ArrayList<>();
    r.pipe(Fixtures.sink(got));
    assertEquals(Boolean.TRUE, r.readableFlowing());
    r.push("x");
    loop.runUntilIdle();
    assertEquals(List.of("x"), got);
  }

  @Test
  void removingTheDataListenerDoesNotPauseAndLaterDataIsLost() {
    Readable<Buffer> r = readable();
    Listener1<Buffer> ondata = mustCall.once((Buffer c) -> log.add("data " + c));
    r.on("data", ondata);
    r.push("a");
    loop.runUntilIdle();
    r.removeListener("data", ondata);
    assertEquals(Boolean.TRUE, r.readableFlowing());
    assertFalse(r.isPaused());
    r.push("b");
    loop.runUntilIdle();
    // As in Node: still flowing, so the chunk is read and emitted to nobody.
    assertEquals(0, r.readableLength());
    log.assertIs("data a");
  }

  @Test
  void onDataPauseWaitResumeLoopDeliversEveryChunkOnceAndEnds() {
    // Node: test-stream-readable-pause-and-resume.js, first block.
    int[] ticks = {18};
    Readable<Object> rs = new Readable<>(new ReadableOptions<Object>().objectMode(true)
        .read((s, n) -> {
          if (ticks[0]-- > 0) {
            loop.nextTick(() -> s.push(new Object()));
            return;
          }
          s.push(new Object());
          s.push(null);
        }));
    rs.on("end", mustCall.once());
    int[] received = {0};
    new Object() {
      void readAndPause() {
        Listener1<Object>[] ondata = new Listener1[1];
        ondata[0] = mustCall.once((Object data) -> {
          rs.pause();
          received[0]++;
          if (received[0] >= 19) {
            return;
          }
          loop.setImmediate(() -> {
            rs.removeListener("data", ondata[0]);
            readAndPause();
            rs.resume();
          });
        });
        rs.on("data", ondata[0]);
      }
    }.readAndPause();
    loop.runUntilIdle();
    assertEquals(19, received[0]);
  }

  @Test
  void removingAReadableListenerThenPauseStaysPaused() {
    // Node: test-stream-readable-pause-and-resume.js, second block.
    Readable<Buffer> r = readable();
    dev.weir.events.Listener0 read = () -> {};
    r.setEncoding("utf8");
    r.on("readable", read);
    r.removeListener("readable", read);
    r.pause();
    loop.nextTick(mustCall.once(() -> assertTrue(r.isPaused()))::call);
    loop.runUntilIdle();
    // As in Node: the removal's deferred update resets flowing to null; kPaused stays true.
    assertNull(r.readableFlowing());
    assertTrue(r.isPaused());
  }

  @Test
  void dataListenerAddedAfterAReadableListenerWasRemovedGetsData() {
    // Node: test-stream-readable-data.js.
    Readable<Buffer> r = readable();
    dev.weir.events.Listener0 read = () -> {};
    Readable<String> s = r.setEncoding("utf8");
    s.on("readable", read);
    s.removeListener("readable", read);
    loop.nextTick(() -> {
      s.on("data", mustCall.once((String c) -> assertEquals("hello", c)));
      s.push("hello");
    });
  }

  @Test
  void resumeDoesNotCallReadWhenTheBufferIsAboveTheHighWaterMark() {
    // Node: test-stream-readable-resume-hwm.js.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(100)
        .read(mustCall.times(0, (Readable<Buffer> s, Integer n) -> {})::call));
    for (int i = 0; i < 10; i++) {
      r.push("a".repeat(200));
    }
    r.resume();
    r.once("data", mustCall.once((Buffer c) -> r.pause()));
    loop.runUntilIdle();
    assertEquals(1800, r.readableLength());
  }

  @Test
  void resumeScheduledIsObservableThroughTheResumeEventOrder() {
    // Node: test-stream-readable-resumeScheduled.js: pipe() schedules a resume; 'resume'
    // and the first 'data' follow on the next tick.
    Readable<Buffer> r = readable();
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = Fixtures.sink(got);
    r.on("resume", () -> log.add("resume " + got.size()));
    r.push("q");
    r.pipe(w);
    log.add("piped " + got.size());
    loop.runUntilIdle();
    log.assertIs("piped 0", "resume 0");
    assertEquals(List.of("q"), got);
  }

  @Test
  void flowingModeEmitsEachPushedChunkDirectlyWhenTheBufferIsEmpty() {
    Readable<Buffer> r = readable();
    List<String> chunks = new ArrayList<>();
    r.on("data", (Buffer c) -> chunks.add(str(c)));
    loop.runUntilIdle();
    r.push("one");
    // Already flowing, nothing buffered, not inside _read: emitted synchronously.
    assertEquals(List.of("one"), chunks);
    assertEquals(0, r.readableLength());
    assertSame(Boolean.TRUE, r.readableFlowing());
  }

  @Test
  void pauseAfterResumeInTheSameTickWins() {
    Readable<Buffer> r = readable();
    r.on("pause", () -> log.add("pause"));
    r.on("resume", () -> log.add("resume"));
    r.on("data", (Buffer c) -> log.add("data " + c));
    r.pause();
    r.push("a");
    r.resume();
    r.pause();
    loop.runUntilIdle();
    log.add("flowing " + r.readableFlowing() + " " + r.readableLength());
    r.resume();
    loop.runUntilIdle();
    // The scheduled resume still emits 'resume', but does not flow: pause() came last.
    log.assertIs("pause", "pause", "resume", "flowing false 1", "resume", "data a");
  }
}
