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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code unpipe()}, {@code 'unpipe'}, {@code {end: false}} and piping an ended source; ports
 * the behaviours of nodejs/node test/parallel test-stream-unpipe-event.js,
 * test-stream-pipe-unpipe-streams.js, test-stream2-unpipe-leak.js,
 * test-stream-pipe-after-end.js, test-stream-pipe-cleanup.js and
 * test-stream-pipe-same-destination-twice.js.
 */
@Timeout(10)
class StreamUnpipeTest {
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

  /** Node's QuickEndReadable: ends on the first read. */
  private static Readable<Buffer> quickEnd() {
    return new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> s.push(null)));
  }

  private static String listeners(Stream s, String... events) {
    StringBuilder sb = new StringBuilder();
    for (String e : events) {
      sb.append(e).append('=').append(s.listenerCount(e)).append(' ');
    }
    return sb.toString().trim();
  }

  @Test
  void aSourceThatEndsUnpipesItself() {
    Readable<Buffer> src = quickEnd();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("pipe", mustCall.once((Object s) -> log.add("pipe")));
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe " + (s == src))));
    src.pipe(dest);
    loop.runUntilIdle();
    log.assertIs("pipe", "unpipe true");
    assertEquals(0, src.readableState.pipes.size());
    assertTrue(dest.writableFinished());
  }

  @Test
  void aSourceThatNeverEndsStaysPiped() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("unpipe", mustCall.never1());
    src.pipe(dest);
    loop.runUntilIdle();
    assertEquals(1, src.readableState.pipes.size());
  }

  @Test
  void unpipeDestEmitsUnpipeOnceAndPausesTheSource() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("unpipe", mustCall.once((Object s, Object info) -> log.add("unpipe " + (s == src))));
    src.on("pause", mustCall.once(() -> log.add("pause")));
    src.pipe(dest);
    src.unpipe(dest);
    src.unpipe(dest);
    log.assertIs("pause", "unpipe true");
    assertEquals(0, src.readableState.pipes.size());
    assertEquals(Boolean.FALSE, src.readableFlowing());
  }

  @Test
  void endFalseStillUnpipesOnEndButDoesNotEndTheDestination() {
    Readable<Buffer> src = quickEnd();
    List<String> got = new ArrayList<>();
    Writable<Buffer> dest = sink(got);
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    dest.on("finish", mustCall.never());
    src.pipe(dest, PipeOptions.end(false));
    loop.runUntilIdle();
    log.assertIs("unpipe");
    assertFalse(dest.writableEnded());
    assertTrue(dest.write("more"));
    assertEquals(List.of("more"), got);
  }

  @Test
  void endFalseWithANeverEndingSourceNeverUnpipes() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("unpipe", mustCall.never1());
    src.pipe(dest, PipeOptions.end(false));
    loop.runUntilIdle();
    assertEquals(1, src.readableState.pipes.size());
  }

  @Test
  void unpipeWithoutArgumentDetachesEveryDestination() {
    // Node: test-stream-pipe-unpipe-streams.js.
    Readable<Buffer> src = readable();
    Writable<Buffer> d1 = sink(new ArrayList<>());
    Writable<Buffer> d2 = sink(new ArrayList<>());
    d1.on("unpipe", mustCall.once((Object s) -> log.add("unpipe d1")));
    d2.on("unpipe", mustCall.once((Object s) -> log.add("unpipe d2")));
    src.pipe(d1);
    src.pipe(d2);
    assertEquals(2, src.readableState.pipes.size());
    src.unpipe();
    log.assertIs("unpipe d1", "unpipe d2");
    assertEquals(0, src.readableState.pipes.size());
    // Every listener pipe() added is gone, on both sides.
    assertEquals("data=0 end=0", listeners(src, "data", "end"));
    for (Writable<Buffer> d : List.of(d1, d2)) {
      assertEquals("unpipe=1 error=0 close=0 finish=0 drain=0",
          listeners(d, "unpipe", "error", "close", "finish", "drain"));
    }
    src.push("lost?");
    loop.runUntilIdle();
    assertEquals(5, src.readableLength());
  }

  @Test
  void unpipeOfADestinationThatIsNotPipedDoesNothing() {
    Readable<Buffer> src = readable();
    Writable<Buffer> piped = sink(new ArrayList<>());
    Writable<Buffer> other = sink(new ArrayList<>());
    other.on("unpipe", mustCall.never1());
    src.pipe(piped);
    assertSame(src, src.unpipe(other));
    assertEquals(1, src.readableState.pipes.size());
    assertEquals(Boolean.TRUE, src.readableFlowing());
  }

  @Test
  void repeatedPipeAndUnpipeLeavesNoListeners() {
    // Node: test-stream2-unpipe-leak.js.
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    for (int i = 0; i < 10; i++) {
      src.pipe(dest);
      src.unpipe(dest);
    }
    assertEquals("data=0 end=0 readable=0", listeners(src, "data", "end", "readable"));
    assertEquals("unpipe=0 error=0 close=0 finish=0 drain=0",
        listeners(dest, "unpipe", "error", "close", "finish", "drain"));
    assertEquals(0, src.readableState.pipes.size());
  }

  @Test
  void pipingASourceThatAlreadyEndedEndsTheDestinationOnTheNextTick() {
    // Node: test-stream-pipe-after-end.js.
    Readable<Buffer> src = quickEnd();
    src.on("end", mustCall.once());
    src.resume();
    loop.runUntilIdle();
    assertTrue(src.readableEnded());
    List<String> got = new ArrayList<>();
    Writable<Buffer> dest = sink(got);
    dest.on("finish", mustCall.once(() -> log.add("finish")));
    src.pipe(dest);
    log.add("piped");
    loop.runUntilIdle();
    log.assertIs("piped", "finish");
    assertEquals(List.of(), got);
  }

  @Test
  void unpipingOneOfTwoPipesToTheSameDestinationKeepsTheOther() {
    // Node: test-stream-pipe-same-destination-twice.js, second block.
    Readable<Buffer> src = readable();
    List<String> got = new ArrayList<>();
    Writable<Buffer> dest = sink(got);
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    src.pipe(dest);
    src.pipe(dest);
    src.unpipe(dest);
    assertEquals(1, src.readableState.pipes.size());
    src.push("once");
    loop.runUntilIdle();
    assertEquals(List.of("once"), got);
    log.assertIs("unpipe");
  }
}
