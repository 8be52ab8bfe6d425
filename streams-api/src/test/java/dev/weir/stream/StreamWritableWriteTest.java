package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_STREAM_NULL_VALUES;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * Ports the {@code write()} behaviours of nodejs/node test/parallel/test-stream2-writable.js,
 * test-stream-writable-write-writev-finish.js, test-stream-writable-null.js,
 * test-stream-writable-invalid-chunk.js, test-stream-writable-decoded-encoding.js,
 * test-stream-writable-change-default-encoding.js and test-stream-big-packet.js: return values
 * against {@code highWaterMark}, accepted chunk types, and encodings.
 */
@Timeout(10)
class StreamWritableWriteTest {
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

  /** A byte writable whose callbacks complete on the next setImmediate. */
  static Writable<Buffer> asyncWritable(int hwm) {
    return new Writable<>(new WritableOptions<Buffer>().highWaterMark(hwm)
        .write((c, e, cb) -> setImmediate(cb::done)));
  }

  @Test
  void returnsFalseOnceBufferedLengthReachesHighWaterMark() {
    Writable<Buffer> w = asyncWritable(10);
    assertTrue(w.write("12345"));
    assertEquals(5, w.writableLength());
    assertFalse(w.writableNeedDrain());
    assertFalse(w.write("12345"));
    assertEquals(10, w.writableLength());
    assertTrue(w.writableNeedDrain());
    assertFalse(w.write("1"), "stays false while above the mark");
    w.on("drain", mustCall.once(() -> assertEquals(0, w.writableLength())));
  }

  @Test
  void synchronousCallbackLeavesNothingBufferedSoWriteReturnsTrue() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(10)
        .write((c, e, cb) -> cb.done()));
    w.on("drain", mustCall.never());
    assertTrue(w.write(Buffer.alloc(20)), "Node 20 measures after _write returned");
    assertEquals(0, w.writableLength());
    assertFalse(w.writableNeedDrain());
  }

  @Test
  void highWaterMarkZeroWithSynchronousCallbackReturnsTrue() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(0)
        .write((c, e, cb) -> cb.done()));
    w.on("drain", mustCall.never());
    assertTrue(w.write("a"), "an empty buffer is below any mark, even 0");
    assertEquals(0, w.writableLength());
  }

  @Test
  void highWaterMarkZeroWithAsynchronousCallbackReturnsFalseThenDrains() {
    Writable<Buffer> w = asyncWritable(0);
    w.on("drain", mustCall.once(() -> log.add("drain")));
    assertFalse(w.write("a"));
    assertEquals(1, w.writableLength());
    assertTrue(w.writableNeedDrain());
    loop.runUntilIdle();
    log.assertIs("drain");
  }

  @Test
  void objectModeCountsObjectsAgainstSixteen() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .write((c, e, cb) -> setImmediate(cb::done)));
    assertEquals(16, w.writableHighWaterMark());
    assertTrue(w.writableObjectMode());
    List<Boolean> returns = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      returns.add(w.write(List.of(i)));
    }
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      expected.add(i < 15);
    }
    assertEquals(expected, returns);
    assertEquals(17, w.writableLength());
    w.on("drain", mustCall.once());
  }

  @Test
  void objectModeHighWaterMarkCountsObjectsNotSizes() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .highWaterMark(2).write((c, e, cb) -> setImmediate(cb::done)));
    assertTrue(w.write("a very long string that is just one object"));
    assertFalse(w.write(Buffer.alloc(100_000)));
    assertEquals(2, w.writableLength());
  }

  @Test
  void defaultHighWaterMarkIsSixteenKibibytes() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> setImmediate(cb::done)));
    assertEquals(16 * 1024, w.writableHighWaterMark());
    assertTrue(w.write(Buffer.alloc(16 * 1024 - 1)));
    assertFalse(w.write(Buffer.alloc(1)));
  }

  @Test
  void bigPacketIsWrittenWholeAndReturnsFalse() {
    // test-stream-big-packet: one chunk larger than the mark goes to _write as is.
    List<Integer> sizes = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          sizes.add(c.length());
          setImmediate(cb::done);
        }));
    assertFalse(w.write(Buffer.alloc(64 * 1024)));
    w.on("drain", mustCall.once());
    loop.runUntilIdle();
    assertEquals(List.of(64 * 1024), sizes);
  }

  @Test
  void stringsByteArraysAndBuffersArriveAsBuffers() {
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          got.add(c.toString("hex") + "/" + e);
          cb.done();
        }));
    w.write("hi");
    w.write(Buffer.from("ok"));
    w.write(new StringBuilder("sb"));
    w.end();
    loop.runUntilIdle();
    assertEquals(List.of("6869/buffer", "6f6b/buffer", "7362/buffer"), got);
  }

  @Test
  void byteArrayIsAcceptedLikeUint8Array() {
    List<String> got = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>()
        .write((c, e, cb) -> {
          got.add(Buffer.isBuffer(c) + " " + ((Buffer) c).toString("hex") + " " + e);
          cb.done();
        }));
    w.write(new byte[] {1, 2});
    loop.runUntilIdle();
    assertEquals(List.of("true 0102 buffer"), got);
  }

  @Test
  void nullChunkThrowsNullValues() {
    Writable<Buffer> w = asyncWritable(10);
    w.on("error", mustCall.never1());
    assertCode(ERR_STREAM_NULL_VALUES, assertThrows(RuntimeException.class,
        () -> w.write((Buffer) null)));
    assertEquals(0, w.writableLength());
  }

  @Test
  void nullChunkThrowsNullValuesInObjectMode() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .write((c, e, cb) -> cb.done()));
    w.on("error", mustCall.never1());
    assertCode(ERR_STREAM_NULL_VALUES, assertThrows(RuntimeException.class,
        () -> w.write((Object) null)));
  }

  @Test
  void nonByteChunkThrowsInvalidArgType() {
    Writable<Object> w = new Writable<>(new WritableOptions<Object>()
        .write((c, e, cb) -> cb.done()));
    w.on("error", mustCall.never1());
    w.on("close", mustCall.never());
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(RuntimeException.class, () -> w.write(42)));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(RuntimeException.class,
        () -> w.write(List.of())));
    assertFalse(w.destroyed(), "a bad argument is thrown, not reported");
  }

  @Test
  void objectModeAcceptsAnyObject() {
    List<Object> got = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
        .write((c, e, cb) -> {
          got.add(c);
          cb.done();
        }));
    w.write(42);
    w.write("str");
    w.write(List.of(1));
    loop.runUntilIdle();
    assertEquals(List.of(42, "str", List.of(1)), got);
  }

  @Test
  void decodeStringsFalsePassesStringAndItsEncoding() {
    List<String> got = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().decodeStrings(false)
        .write((c, e, cb) -> {
          got.add((c instanceof String ? "string " : "buffer ") + c + " " + e);
          cb.done();
        }));
    w.write("héllo");
    w.write("aGk=", "base64");
    w.write(Buffer.from("x"));
    loop.runUntilIdle();
    assertEquals(List.of("string héllo utf8", "string aGk= base64", "buffer x buffer"), got);
  }

  @Test
  void decodeStringsFalseCountsStringLength() {
    List<Long> lengths = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().decodeStrings(false)
        .defaultEncoding("latin1").write((c, e, cb) -> {
          lengths.add(0L + lengths.size());
          setImmediate(cb::done);
        }));
    w.write("ab");
    assertEquals(2, w.writableLength());
  }

  @Test
  void stringLengthIsCountedInEncodedBytes() {
    Writable<Buffer> w = asyncWritable(100);
    w.write("héllo");
    assertEquals(6, w.writableLength());
    w.write("aGk=", "base64");
    assertEquals(8, w.writableLength());
  }

  @Test
  void encodingArgumentDecodesTheString() {
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          got.add(c.toString("hex") + " " + e);
          cb.done();
        }));
    w.write("aGk=", "base64");
    w.write("ff00", "hex");
    w.write("é", "latin1");
    loop.runUntilIdle();
    assertEquals(List.of("6869 buffer", "ff00 buffer", "e9 buffer"), got);
  }

  @Test
  void setDefaultEncodingAppliesToLaterWrites() {
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> {
          got.add(c.toString("hex"));
          cb.done();
        }));
    w.write("ff");
    w.setDefaultEncoding("hex");
    w.write("ff");
    w.setDefaultEncoding("base64");
    w.write("/w==");
    loop.runUntilIdle();
    assertEquals(List.of("6666", "ff", "ff"), got);
  }

  @Test
  void defaultEncodingOptionWithDecodeStringsFalseReachesWrite() {
    List<String> got = new ArrayList<>();
    Writable<Object> w = new Writable<>(new WritableOptions<Object>().decodeStrings(false)
        .defaultEncoding("latin1").write((c, e, cb) -> {
          got.add(c + " " + e);
          cb.done();
        }));
    w.write("ab");
    w.setDefaultEncoding("ucs2");
    w.write("cd");
    loop.runUntilIdle();
    assertEquals(List.of("ab latin1", "cd ucs2"), got);
  }

  @Test
  void unknownEncodingThrowsUnknownEncoding() {
    Writable<Buffer> w = asyncWritable(10);
    w.on("error", mustCall.never1());
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(RuntimeException.class,
        () -> w.setDefaultEncoding("nope")));
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(RuntimeException.class,
        () -> w.write("a", "nope")));
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(RuntimeException.class,
        () -> new WritableOptions<Buffer>().defaultEncoding("nope")));
    assertEquals(0, w.writableLength());
    assertFalse(w.destroyed());
  }

  @Test
  void writeReturnsFalseOnceErroredEvenBelowTheMark() {
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
        .write((c, e, cb) -> cb.done(new IllegalStateException("no"))));
    w.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    w.on("close", mustCall.once(() -> log.add("close")));
    assertFalse(w.write("a", mustCall.once((Throwable e) -> log.add("cb " + e.getMessage()))
        ::call));
    loop.runUntilIdle();
    log.assertIs("cb no", "error no", "close");
  }

  @Test
  void writableIsFalseAfterEnd() {
    Writable<Buffer> w = asyncWritable(10);
    assertTrue(w.writable());
    w.end();
    assertFalse(w.writable());
    assertTrue(w.writableEnded());
    assertFalse(w.writableFinished());
    loop.runUntilIdle();
    assertTrue(w.writableFinished());
  }

  @Test
  void chunksReachWriteInOrderAcrossTheBuffer() {
    List<String> got = new ArrayList<>();
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(3)
        .write((c, e, cb) -> {
          got.add(c.toString());
          setImmediate(cb::done);
        }));
    for (int i = 0; i < 10; i++) {
      w.write(String.valueOf(i));
    }
    w.end(mustCall.once((Throwable e) -> log.add("end " + e))::call);
    loop.runUntilIdle();
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), got);
    log.assertIs("end null");
  }
}
