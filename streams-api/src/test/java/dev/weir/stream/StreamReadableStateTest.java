package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The readable state accessors through a stream's life; ports the behaviours of nodejs/node
 * test/parallel test-stream-readable-ended.js, test-stream-readable-didRead.js,
 * test-stream-readable-aborted.js and test-stream-readableListening-state.js.
 */
@Timeout(10)
class StreamReadableStateTest {
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

  /** readable, readableEnded, length, flowing, aborted, didRead, destroyed, closed, errored. */
  private static String state(Readable<?> r) {
    return r.readable() + "," + r.readableEnded() + "," + r.readableLength() + ","
        + (r.readableFlowing() == null ? "" : r.readableFlowing()) + "," + r.readableAborted()
        + "," + r.readableDidRead() + "," + r.destroyed() + "," + r.closed() + ","
        + (r.errored() == null ? "" : r.errored().getMessage());
  }

  @Test
  void defaultsOfAByteStream() {
    Readable<Buffer> r = readable();
    assertEquals("true,false,0,,false,false,false,false,", state(r));
    assertEquals(16 * 1024, r.readableHighWaterMark());
    assertFalse(r.readableObjectMode());
    assertNull(r.readableEncoding());
  }

  @Test
  void defaultsOfAnObjectStream() {
    Readable<Object> r = Fixtures.objects();
    assertEquals(16, r.readableHighWaterMark());
    assertTrue(r.readableObjectMode());
    Readable<Buffer> h = readable(0);
    assertEquals(0, h.readableHighWaterMark());
  }

  @Test
  void stateThroughPushReadEndAndClose() {
    // Matches the trace Node 20 prints for the same steps.
    Readable<Buffer> r = readable();
    r.push("ab");
    log.add("push " + state(r));
    r.push(null);
    log.add("eof " + state(r));
    r.read();
    log.add("read " + state(r));
    r.on("end", mustCall.once(() -> log.add("end " + state(r))));
    r.on("close", mustCall.once(() -> log.add("close " + state(r))));
    loop.runUntilIdle();
    log.assertIs(
        "push true,false,2,,false,false,false,false,",
        "eof true,false,2,,false,false,false,false,",
        "read true,false,0,,false,true,false,false,",
        "end false,true,0,,false,true,false,false,",
        "close false,true,0,,false,true,true,true,");
  }

  @Test
  void stateAfterDestroyWithAnError() {
    Readable<Buffer> r = readable();
    r.on("error", mustCall.once((Throwable e) -> log.add("error " + state(r))));
    r.on("close", mustCall.once(() -> log.add("close " + state(r))));
    r.destroy(new RuntimeException("x"));
    log.add("destroyed " + state(r));
    loop.runUntilIdle();
    log.assertIs(
        "destroyed false,false,0,,true,false,true,true,x",
        "error false,false,0,,true,false,true,true,x",
        "close false,false,0,,true,false,true,true,x");
  }

  @Test
  void readableEndedBecomesTrueOnlyWithTheEndEvent() {
    // Node: test-stream-readable-ended.js.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {
      assertFalse(s.readableEnded());
      s.push("asd");
      assertFalse(s.readableEnded());
      s.push(null);
      assertFalse(s.readableEnded());
    }));
    r.on("end", mustCall.once(() -> assertTrue(r.readableEnded())));
    r.on("data", mustCall.once((Buffer c) -> assertFalse(r.readableEnded())));
    assertFalse(r.readableEnded());
  }

  @Test
  void readableDidReadIsSetByTheFirstDataNotByResume() {
    // Node: test-stream-readable-didRead.js.
    Readable<Buffer> empty = readable();
    empty.resume();
    empty.push(null);
    empty.on("end", mustCall.once(() -> assertFalse(empty.readableDidRead())));

    Readable<Buffer> r = readable();
    assertNull(r.read());
    assertFalse(r.readableDidRead());
    r.push("a");
    r.read();
    assertTrue(r.readableDidRead());

    Readable<Buffer> d = readable();
    d.on("data", mustCall.once((Buffer c) -> assertTrue(d.readableDidRead())));
    d.push("x");
  }

  @Test
  void readableFlowingFollowsTheMode() {
    Readable<Buffer> r = readable();
    assertNull(r.readableFlowing());
    r.pause();
    assertEquals(Boolean.FALSE, r.readableFlowing());
    r.resume();
    assertEquals(Boolean.TRUE, r.readableFlowing());
    r.on("readable", () -> {});
    assertEquals(Boolean.FALSE, r.readableFlowing());
  }

  @Test
  void readableListeningIsSetByAReadableListener() {
    // Node: test-stream-readableListening-state.js.
    Readable<Buffer> r = readable();
    assertFalse(r.readableState.readableListening);
    r.on("readable", mustCall.once(() -> assertTrue(r.readableState.readableListening)));
    r.push("c");

    Readable<Buffer> r2 = readable();
    r2.on("data", mustCall.once((Buffer c) -> assertFalse(r2.readableState.readableListening)));
    r2.push("c");
  }

  @Test
  void readableIsFalseOnceErroredEvenWithoutAutoDestroy() {
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().autoDestroy(false)
        .read((s, n) -> {}));
    r.on("error", mustCall.once((Throwable e) -> log.add("error")));
    r.push(1);
    assertFalse(r.readable());
    assertFalse(r.destroyed());
    assertTrue(r.readableAborted());
    assertSame(r.errored(), r.errored());
  }

  @Test
  void readableLengthCountsObjectsBytesOrCharacters() {
    Readable<Object> o = Fixtures.objects();
    o.push("long string");
    o.push(new Object());
    assertEquals(2, o.readableLength());
    Readable<Buffer> b = readable();
    b.push("€");
    assertEquals(3, b.readableLength());
    Readable<String> s = readable().setEncoding("utf8");
    s.push("€");
    assertEquals(1, s.readableLength());
  }

  @Test
  void aDuplexWithoutAReadableSideIsNeitherReadableNorAborted() {
    Duplex<Buffer, Buffer> d = new Duplex<>(new DuplexOptions<Buffer, Buffer>().readable(false)
        .read((s, n) -> {}).write((c, e, cb) -> cb.done()));
    assertFalse(d.readable());
    d.destroy();
    assertFalse(d.readableAborted());
    assertTrue(d.destroyed());
  }
}
