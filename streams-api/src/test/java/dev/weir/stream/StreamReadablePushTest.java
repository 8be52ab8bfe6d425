package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_STREAM_PUSH_AFTER_EOF;
import static dev.weir.stream.Fixtures.code;
import static dev.weir.stream.Fixtures.objects;
import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.str;
import static dev.weir.testing.Errors.assertCode;
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
 * {@code push()}; ports the behaviours of nodejs/node test/parallel
 * test-stream-readable-invalid-chunk.js, test-stream2-readable-empty-buffer-no-eof.js,
 * test-stream-push-strings.js, test-stream-readable-object-multi-push-async.js and
 * test-stream-push-order.js.
 */
@Timeout(10)
class StreamReadablePushTest {
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
  void pushReturnsTrueBelowTheHighWaterMarkAndFalseAtIt() {
    Readable<Buffer> r = readable(3);
    assertTrue(r.push("ab"));
    assertFalse(r.push("c"));
    // Still buffered: false is advice, not refusal.
    assertFalse(r.push("d"));
    assertEquals(4, r.readableLength());
  }

  @Test
  void objectModeCountsOneItemPerPush() {
    Readable<Object> r = new Readable<>(new ReadableOptions<Object>().objectMode(true)
        .highWaterMark(2).read((s, n) -> {}));
    assertTrue(r.push("a very long string that counts as one"));
    assertFalse(r.push(0));
    assertEquals(2, r.readableLength());
    // Falsy JavaScript values are ordinary items in object mode.
    Readable<Object> o = objects();
    assertTrue(o.push(""));
    assertTrue(o.push(false));
    assertTrue(o.push(0));
    assertEquals(3, o.readableLength());
  }

  @Test
  void pushNullReturnsFalseAndEndsAfterTheData() {
    Readable<Buffer> r = readable();
    r.on("data", (Buffer c) -> log.add("data " + c));
    r.on("end", mustCall.once(() -> log.add("end")));
    r.on("close", mustCall.once(() -> log.add("close")));
    r.push("a");
    assertFalse(r.push(null));
    loop.runUntilIdle();
    log.assertIs("data a", "end", "close");
  }

  @Test
  void pushAfterEofIsAnErrorThenClose() {
    Readable<Buffer> r = readable();
    r.push("a");
    r.push(null);
    r.on("error", mustCall.once((Throwable e) -> {
      assertCode(ERR_STREAM_PUSH_AFTER_EOF, e);
      log.add("error");
    }));
    r.on("close", mustCall.once(() -> log.add("close " + r.destroyed())));
    r.on("end", mustCall.never());
    assertFalse(r.push("x"));
    loop.runUntilIdle();
    log.assertIs("error", "close true");
  }

  @Test
  void aWrongChunkTypeIsReportedThroughErrorAndPushReturnsFalse() {
    // Node: test-stream-readable-invalid-chunk.js.
    for (Object bad : List.of(42, new Object(), List.of(1))) {
      Readable<Buffer> r = readable();
      r.on("error", mustCall.once((Throwable e) -> log.add("error " + code(e))));
      r.on("close", mustCall.once(() -> log.add("close")));
      assertFalse(r.push(bad));
      assertTrue(r.destroyed());
      loop.runUntilIdle();
    }
    log.assertIs("error ERR_INVALID_ARG_TYPE", "close", "error ERR_INVALID_ARG_TYPE", "close",
        "error ERR_INVALID_ARG_TYPE", "close");
  }

  @Test
  void aWrongChunkTypeWithoutAutoDestroyEmitsErrorButKeepsTheStream() {
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().autoDestroy(false)
        .read((s, n) -> {}));
    r.on("error", mustCall.once((Throwable e) -> assertCode(ERR_INVALID_ARG_TYPE, e)));
    r.on("close", mustCall.never());
    assertFalse(r.push(3.5));
    assertFalse(r.destroyed());
    assertCode(ERR_INVALID_ARG_TYPE, r.errored());
  }

  @Test
  void emptyChunksNeitherEndTheStreamNorProduceData() {
    // Node: test-stream2-readable-empty-buffer-no-eof.js: empty buffers are not EOF.
    List<Object> script = new ArrayList<>(List.of(Buffer.alloc(0), "", Buffer.from("x"),
        Buffer.alloc(0)));
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {
      log.add("_read");
      loop.setImmediate(() -> s.push(script.isEmpty() ? null : script.remove(0)));
    }));
    List<String> data = new ArrayList<>();
    r.on("data", (Buffer c) -> data.add(str(c)));
    r.on("end", mustCall.once(() -> data.add("end")));
    loop.runUntilIdle();
    assertEquals(List.of("x", "end"), data);
    // One _read per pushed value: an empty push asks for more.
    assertEquals(5, log.entries().size());
  }

  @Test
  void pushOfAnEmptyStringReturnsTrueAndBuffersNothing() {
    Readable<Buffer> r = readable();
    assertTrue(r.push(""));
    assertTrue(r.push(Buffer.alloc(0)));
    assertEquals(0, r.readableLength());
    assertFalse(r.readableEnded());
  }

  @Test
  void stringsAreEncodedWithTheirEncodingIntoBytes() {
    Readable<Buffer> r = readable();
    r.push("68656c6c6f", "hex");
    r.push("aGk=", "base64");
    r.push(new byte[] {'!'});
    r.push("é");
    assertEquals(10, r.readableLength());
    Buffer all = r.read();
    assertEquals("hellohi!é", all.toString());
  }

  @Test
  void pushOrderIsPreservedWhenReadPushesTwice() {
    // Node: test-stream-push-order.js.
    List<String> list = new ArrayList<>(List.of("1", "2", "3", "4", "5", "6"));
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(20)
        .encoding("ascii").read((st, n) -> {
          if (list.isEmpty()) {
            st.push(null);
          } else {
            st.push(list.remove(0));
            st.push(list.remove(0));
          }
        }));
    r.read(0);
    loop.runUntilIdle();
    assertEquals(6, r.readableLength());
    assertEquals("123456", String.valueOf((Object) r.read()));
  }

  @Test
  void objectModeAsyncPushesAreReadOneByOne() {
    // Node: test-stream-readable-object-multi-push-async.js (the read() variant).
    int max = 42;
    int[] i = {0};
    Readable<Object> r = new Readable<>(new ReadableOptions<Object>().objectMode(true)
        .read((s, n) -> {
          loop.setImmediate(() -> {
            if (i[0] >= max) {
              s.push(null);
              return;
            }
            for (int k = 0; k < 5 && i[0] < max; k++) {
              s.push(i[0]++);
            }
          });
        }));
    List<Object> data = new ArrayList<>();
    r.on("readable", () -> {
      Object o;
      while ((o = r.read()) != null) {
        data.add(o);
      }
    });
    r.on("end", mustCall.once(() -> assertEquals(max, data.size())));
    loop.runUntilIdle();
    for (int k = 0; k < max; k++) {
      assertEquals(k, data.get(k));
    }
  }
}
