package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_STREAM_UNSHIFT_AFTER_END_EVENT;
import static dev.weir.stream.Fixtures.objects;
import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.str;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * {@code unshift()}; ports the behaviours of nodejs/node test/parallel
 * test-stream-unshift-empty-chunk.js, test-stream-unshift-read-race.js (the parse-header
 * pattern) and test-stream-readable-unshift.js.
 */
@Timeout(10)
class StreamReadableUnshiftTest {
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
  void unshiftPutsDataBackAtTheFront() {
    Readable<Buffer> r = readable();
    r.push("world");
    r.unshift("hello ");
    assertEquals(11, r.readableLength());
    assertEquals("hello world", str(r.read()));
  }

  @Test
  void unshiftOfWhatWasJustReadRestoresTheStream() {
    // The parse-header pattern: read a prefix, put back what belongs to the body.
    Readable<Buffer> r = readable();
    r.push("HEAD\nbody");
    Buffer chunk = r.read();
    int nl = chunk.toString().indexOf('\n');
    r.unshift(chunk.subarray(nl + 1));
    assertEquals("HEAD", chunk.subarray(0, nl).toString());
    r.on("data", mustCall.once((Buffer c) -> assertEquals("body", c.toString())));
  }

  @Test
  void unshiftOfAnEmptyChunkChangesNothing() {
    // Node: test-stream-unshift-empty-chunk.js.
    Readable<Buffer> r = readable();
    r.push("abc");
    r.unshift("");
    r.unshift(Buffer.alloc(0));
    assertEquals(3, r.readableLength());
    assertEquals("abc", str(r.read()));
  }

  @Test
  void unshiftAfterPushNullButBeforeEndIsAllowed() {
    Readable<Buffer> r = readable();
    r.push(null);
    r.unshift("x");
    r.on("end", mustCall.once(() -> log.add("end")));
    assertEquals("x", str(r.read()));
    loop.runUntilIdle();
    log.assertIs("end");
  }

  @Test
  void unshiftAfterTheEndEventIsAnError() {
    Readable<Buffer> r = readable();
    r.on("end", mustCall.once(() -> {
      log.add("end");
      r.unshift("late");
    }));
    r.on("error", mustCall.once((Throwable e) -> {
      assertCode(ERR_STREAM_UNSHIFT_AFTER_END_EVENT, e);
      log.add("error");
    }));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.push(null);
    r.resume();
    loop.runUntilIdle();
    log.assertIs("end", "error", "close");
  }

  @Test
  void unshiftInObjectModePutsOneItemBack() {
    Readable<Object> r = objects();
    r.push("b");
    r.unshift("a");
    assertEquals(2, r.readableLength());
    assertEquals("a", r.read());
    assertEquals("b", r.read());
  }

  @Test
  void unshiftOfAStringAfterSetEncodingKeepsTheStreamEncoding() {
    // Node: test-stream-readable-unshift.js: unshifted strings are stored decoded.
    Readable<Buffer> r = readable();
    Readable<String> s = r.setEncoding("utf8");
    s.push("def");
    s.unshift("616263", "hex");
    assertEquals(6, s.readableLength());
    assertEquals("abcdef", s.read());
  }

  @Test
  void unshiftInsideDataDeliversTheChunkAgainNext() {
    Readable<Buffer> r = readable();
    List<String> got = new ArrayList<>();
    boolean[] once = {false};
    r.on("data", (Buffer c) -> {
      got.add(str(c));
      if (!once[0]) {
        once[0] = true;
        r.pause();
        r.unshift(c.subarray(1));
        loop.nextTick(r::resume);
      }
    });
    r.push("xyz");
    r.push(null);
    r.on("end", mustCall.once(() -> got.add("end")));
    loop.runUntilIdle();
    assertEquals(List.of("xyz", "yz", "end"), got);
  }

  @Test
  void unshiftAfterDestroyIsIgnored() {
    Readable<Buffer> r = readable();
    r.destroy();
    r.unshift("x");
    assertEquals(0, r.readableLength());
    assertNull(r.read());
  }

  @Test
  void unshiftInsideReadableAfterEofWaitsForAnotherRead() {
    // Node prints only "read abc": the unshifted rest gets no new 'readable' and no 'end'.
    Readable<Buffer> r = readable();
    boolean[] first = {true};
    r.on("readable", () -> {
      Buffer c = r.read();
      log.add("read " + str(c));
      if (first[0] && c != null) {
        first[0] = false;
        r.unshift(c.subarray(1));
      }
    });
    r.on("end", mustCall.once(() -> log.add("end")));
    r.push("abc");
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("read abc");
    assertEquals(2, r.readableLength());
    assertEquals("bc", str(r.read()));
    loop.runUntilIdle();
    log.assertIs("read abc", "end");
  }
}
