package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener0;
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
 * The {@code 'readable'} event; ports the behaviours of nodejs/node test/parallel
 * test-stream-readable-event.js, test-stream-readable-needReadable.js,
 * test-stream-readable-emittedReadable.js, test-stream-readable-readable-then-resume.js,
 * test-stream-readable-hwm-0.js, test-stream-readable-no-unneeded-readable.js and
 * test-stream-readable-emit-readable-short-stream.js.
 */
@Timeout(10)
class StreamReadableEventTest {
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
  void addingAReadableListenerAfterDataWasBufferedEmitsReadable() {
    // Node: test-stream-readable-event.js, first block: not reading when the listener is added.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(3)
        .read((s, n) -> log.add("_read")));
    r.push(Buffer.from("blerg"));
    loop.advanceTimeBy(Duration.ofMillis(1));
    r.on("readable", mustCall.once(() -> log.add("readable")));
    loop.runUntilIdle();
    // Above the high-water mark: 'readable' without another _read.
    log.assertIs("readable");
  }

  @Test
  void addingAReadableListenerWhileReadingEmitsReadable() {
    // Node: test-stream-readable-event.js, second block: 'bl' is below the high-water mark.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(3)
        .read(mustCall.once((Readable<Buffer> s, Integer n) -> log.add("_read"))::call));
    r.push(Buffer.from("bl"));
    loop.advanceTimeBy(Duration.ofMillis(1));
    log.assertIs("_read");
    r.on("readable", mustCall.once(() -> log.add("readable")));
    loop.runUntilIdle();
    log.assertIs("_read", "readable");
  }

  @Test
  void readableIsEmittedForDataAndEndPushedBeforeTheListener() {
    // Node: test-stream-readable-event.js, third block.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(30)
        .read((s, n) -> log.add("_read")));
    r.push(Buffer.from("blerg"));
    r.push(null);
    loop.advanceTimeBy(Duration.ofMillis(1));
    r.on("readable", mustCall.once(() -> log.add("readable " + str(r.read()))));
    r.on("end", mustCall.once(() -> log.add("end")));
    loop.runUntilIdle();
    log.assertIs("readable blerg", "end");
  }

  @Test
  void readableTakesPrecedenceOverData() {
    Readable<Buffer> r = readable();
    r.on("readable", () -> {
      log.add("readable " + r.readableFlowing());
      Buffer c;
      while ((c = r.read()) != null) {
        log.add("read " + c);
      }
    });
    r.on("data", (Buffer c) -> log.add("data " + c));
    assertEquals(Boolean.FALSE, r.readableFlowing());
    r.push("a");
    r.push("b");
    loop.runUntilIdle();
    // 'data' is emitted by read() itself, before read() returns.
    log.assertIs("readable false", "data ab", "read ab");
  }

  @Test
  void removingTheReadableListenerResumesFlowingOnTheNextTickWhenDataListenersRemain() {
    Readable<Buffer> r = readable();
    Listener0 onReadable = mustCall.once(() -> log.add("readable"));
    r.on("readable", onReadable);
    r.on("data", (Buffer c) -> log.add("data " + c));
    r.push("x");
    loop.runUntilIdle();
    assertEquals(1, r.readableLength());
    r.removeListener("readable", onReadable);
    assertEquals(Boolean.FALSE, r.readableFlowing());
    loop.nextTick(() -> log.add("flowing " + r.readableFlowing()));
    r.push("y");
    loop.runUntilIdle();
    log.assertIs("readable", "flowing true", "data x", "data y");
  }

  @Test
  void readableListenerSetsNeedReadableAndClearsItOnceEmitted() {
    // Node: test-stream-readable-needReadable.js, first block.
    Readable<Buffer> r = readable();
    assertFalse(r.readableState.needReadable);
    r.on("readable", () -> {
      log.add("readable needReadable=" + r.readableState.needReadable);
      r.read();
    });
    assertEquals(true, r.readableState.needReadable);
    r.push("a");
    r.push(null);
    r.on("end", mustCall.once(() -> log.add("end")));
    loop.runUntilIdle();
    log.assertIs("readable needReadable=false", "end");
  }

  @Test
  void readableIsEmittedOncePerTickForManyPushes() {
    // Node: test-stream-readable-emittedReadable.js.
    Readable<Buffer> r = readable();
    r.on("readable", mustCall.times(2, () -> log.add("readable " + r.readableLength())));
    r.push("a");
    r.push("b");
    r.push("c");
    loop.runUntilIdle();
    // Nobody read: a new push after the event emits it again.
    r.read();
    r.push("d");
    loop.runUntilIdle();
    log.assertIs("readable 3", "readable 1");
  }

  @Test
  void readableBeforeEndWhenTheStreamEndsEmpty() {
    Readable<Buffer> r = readable();
    r.on("readable", mustCall.once(() -> log.add("readable " + r.read())));
    r.on("end", mustCall.once(() -> log.add("end")));
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("readable null", "end");
  }

  @Test
  void pushingInsideAReadableListenerEmitsReadableAgain() {
    // Node: test-stream-readable-event.js, pushes from the listener are seen in order.
    Readable<Buffer> r = readable();
    List<String> result = new ArrayList<>();
    String[] data = {"a", "b", "c"};
    int[] i = {0};
    r.on("readable", () -> {
      Buffer c = r.read();
      if (c != null) {
        result.add(str(c));
      }
      if (i[0] < data.length) {
        r.push(data[i[0]++]);
      } else if (i[0]++ == data.length) {
        r.push(null);
      }
    });
    r.on("end", mustCall.once(() -> result.add("end")));
    r.push("start");
    loop.runUntilIdle();
    assertEquals(List.of("start", "a", "b", "c", "end"), result);
  }

  @Test
  void resumeAfterAReadableListenerDoesNotFlowWhileItIsAttached() {
    // Node: test-stream-readable-readable-then-resume.js: flowing stays false.
    Readable<Buffer> r = readable();
    r.on("readable", () -> log.add("readable"));
    r.resume();
    assertEquals(Boolean.FALSE, r.readableFlowing());
    r.push("z");
    loop.runUntilIdle();
    log.assertIs("readable");
    assertEquals(1, r.readableLength());
    assertNull(r.readableState.awaitDrainWriters);
  }

  @Test
  void onceReadableCyclesThenADataListenerFlows() {
    Readable<Buffer> r = readable();
    r.once("readable", () -> {
      log.add("readable " + str(r.read()));
      r.once("readable", () -> log.add("readable2 " + str(r.read())));
    });
    r.push("a");
    loop.runUntilIdle();
    r.push("b");
    loop.runUntilIdle();
    r.on("data", (Buffer c) -> log.add("data " + c));
    r.push("c");
    log.add("flowing " + r.readableFlowing());
    loop.runUntilIdle();
    // Node: the removal of the last once('readable') listener is settled on the next tick, so
    // the 'data' listener added later turns the stream to flowing.
    log.assertIs("readable a", "readable2 b", "data c", "flowing true");
  }

  @Test
  void highWaterMarkZeroStillEmitsReadableForEachPush() {
    // Node: test-stream-readable-hwm-0.js.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(0)
        .read((s, n) -> log.add("_read")));
    r.on("readable", () -> log.add("readable " + str(r.read())));
    r.on("end", mustCall.once(() -> log.add("end")));
    loop.runUntilIdle();
    log.add("push " + r.push("a"));
    loop.runUntilIdle();
    log.add("push " + r.push(null));
    loop.runUntilIdle();
    log.assertIs("_read", "push false", "readable a", "readable null", "push false", "end");
  }

  @Test
  void aPipedPassThroughEmitsNoUnneededReadable() {
    // Node: test-stream-readable-no-unneeded-readable.js.
    Readable<Buffer> r = readable();
    PassThrough<Buffer> p = new PassThrough<>();
    p.on("readable", () -> {
      log.add("readable");
      Buffer c;
      while ((c = p.read()) != null) {
        log.add("read " + c);
      }
    });
    p.on("end", mustCall.once(() -> log.add("end")));
    r.pipe(p);
    r.push("a");
    r.push("b");
    loop.runUntilIdle();
    r.push("c");
    r.push(null);
    loop.runUntilIdle();
    log.assertIs("readable", "read ab", "readable", "read c", "readable", "end");
  }

  @Test
  void aShortStreamThroughATransformEmitsReadableThenEnd() {
    // Node: test-stream-readable-emit-readable-short-stream.js.
    Readable<Buffer> input = readable();
    Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
        .transform((c, e, cb) -> cb.done(null, c)));
    t.on("readable", () -> {
      log.add("readable");
      Buffer c;
      while ((c = t.read()) != null) {
        log.add("read " + c);
      }
    });
    t.on("end", mustCall.once(() -> log.add("end")));
    input.pipe(t);
    input.push("asd");
    input.push(null);
    loop.runUntilIdle();
    log.assertIs("readable", "read asd", "readable", "end");
  }
}
