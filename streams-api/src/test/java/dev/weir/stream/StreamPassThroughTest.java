package dev.weir.stream;

import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the PassThrough parts of nodejs/node test/parallel/test-stream2-transform.js
 * ("passthrough", "object passthrough", "passthrough event emission") and
 * test-stream-passthrough-drain.js.
 */
@Timeout(10)
class StreamPassThroughTest {
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
  void bytesComeOutConcatenatedAndEventsInNodeOrder() {
    PassThrough<Buffer> p = new PassThrough<>();
    WritableTrace.record(log, p, "finish", "end", "close");
    p.write("ab");
    p.end("cd");
    log.add("read " + p.read());
    loop.runUntilIdle();
    log.assertIs("read abcd", "finish", "end", "close");
  }

  @Test
  void readInPiecesAfterEnd() {
    PassThrough<Buffer> p = new PassThrough<>();
    p.write(Buffer.from("foog"));
    p.write(Buffer.from("bark"));
    p.write(Buffer.from("bazy"));
    p.write(Buffer.from("kuel"));
    p.end();
    assertEquals("foogb", p.read(5).toString());
    assertEquals("arkba", p.read(5).toString());
    assertEquals("zykue", p.read(5).toString());
    assertEquals("l", p.read(5).toString());
  }

  @Test
  void objectModePassesObjectsUnchanged() {
    PassThrough<Object> p = new PassThrough<>(new DuplexOptions<Object, Object>()
        .objectMode(true));
    List<Object> objects = List.of(1, true, "foo", List.of(1, 2), java.util.Map.of("a", "b"));
    for (Object o : objects) {
      p.write(o);
    }
    p.end();
    for (Object o : objects) {
      assertEquals(o, p.read());
    }
    assertNull(p.read());
  }

  @Test
  void dataAndEndFlowWhenResumed() {
    PassThrough<Buffer> p = new PassThrough<>();
    p.on("data", (Buffer c) -> log.add("data " + c));
    p.on("end", mustCall.once(() -> log.add("end")));
    p.write("a");
    p.write("b");
    p.end();
    loop.runUntilIdle();
    log.assertIs("data a", "data b", "end");
  }

  @Test
  void drainFollowsOnceTheReaderCatchesUp() {
    // test-stream-passthrough-drain.js: hwm 1, writes return false; read() releases the held
    // transform callback, so the second chunk is transformed and read at once (as node prints).
    PassThrough<Buffer> p = new PassThrough<>(new DuplexOptions<Buffer, Buffer>()
        .highWaterMark(1));
    p.on("drain", mustCall.once(() -> log.add("drain")));
    assertFalse(p.write("hello"));
    assertFalse(p.write("world"));
    log.add("read " + p.read());
    loop.runUntilIdle();
    log.add("read " + p.read());
    loop.runUntilIdle();
    log.assertIs("read helloworld", "drain", "read null");
  }

  @Test
  void pipeThroughPassThroughPreservesOrder() {
    PassThrough<Buffer> p = new PassThrough<>();
    StringBuilder sink = new StringBuilder();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          sink.append(c);
          setImmediate(cb::done);
        }));
    w.on("finish", mustCall.once(() -> log.add("finish " + sink)));
    p.pipe(w);
    for (int i = 0; i < 5; i++) {
      p.write(String.valueOf(i));
    }
    p.end();
    loop.runUntilIdle();
    log.assertIs("finish 01234");
  }
}
