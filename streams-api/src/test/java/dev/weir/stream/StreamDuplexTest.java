package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_STREAM_WRITE_AFTER_END;
import static dev.weir.loop.Globals.setImmediate;
import static dev.weir.stream.WritableTrace.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports nodejs/node test/parallel/test-stream-duplex.js, test-stream-duplex-props.js,
 * test-stream-duplex-readable-end.js, test-stream-duplex-readable-writable.js,
 * test-stream-duplex-end.js and test-stream-duplex-writable-finished.js: options per side,
 * object modes, {@code allowHalfOpen}, and {@code readable: false} / {@code writable: false}.
 */
@Timeout(10)
class StreamDuplexTest {
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
  void eachSideHasItsOwnObjectModeAndHighWaterMark() {
    Duplex<Buffer, Object> s = new Duplex<>(new DuplexOptions<Buffer, Object>()
        .readableObjectMode(true).writableHighWaterMark(3).readableHighWaterMark(5)
        .read((r, n) -> { })
        .write((c, e, cb) -> cb.done()));
    assertTrue(s.readableObjectMode());
    assertFalse(s.writableObjectMode());
    assertEquals(5, s.readableHighWaterMark());
    assertEquals(3, s.writableHighWaterMark());
    assertTrue(s.isAllowHalfOpen());
  }

  @Test
  void objectModeAppliesToBothSidesWithObjectDefaults() {
    Duplex<Object, Object> t = new Duplex<>(new DuplexOptions<Object, Object>().objectMode(true)
        .read((r, n) -> { })
        .write((c, e, cb) -> cb.done()));
    assertTrue(t.readableObjectMode());
    assertTrue(t.writableObjectMode());
    assertEquals(16, t.readableHighWaterMark());
    assertEquals(16, t.writableHighWaterMark());
  }

  @Test
  void writableObjectModeAcceptsObjectsWhileReadableSideCarriesBytes() {
    Duplex<Object, Buffer> s = new Duplex<>(new DuplexOptions<Object, Buffer>()
        .writableObjectMode(true)
        .read((r, n) -> { })
        .write((c, e, cb) -> {
          log.add("write " + c + " " + c.getClass().getSimpleName());
          cb.done();
        }));
    s.write(42);
    s.push("ab");
    assertEquals(2, s.readableLength());
    assertEquals(16 * 1024, s.readableHighWaterMark());
    loop.runUntilIdle();
    log.assertIs("write 42 Integer");
  }

  @Test
  void sharedHighWaterMarkUnlessASideSetsItsOwn() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .highWaterMark(7).writableHighWaterMark(2)
        .read((r, n) -> { })
        .write((c, e, cb) -> cb.done()));
    assertEquals(7, s.readableHighWaterMark());
    assertEquals(2, s.writableHighWaterMark());
  }

  @Test
  void allowHalfOpenFalseEndsTheWritableSideAfterEnd() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .allowHalfOpen(false)
        .read((r, n) -> { })
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, s, "end", "prefinish", "finish", "close");
    assertFalse(s.isAllowHalfOpen());
    s.resume();
    s.push(null);
    loop.runUntilIdle();
    log.assertIs("end", "prefinish", "finish", "close");
  }

  @Test
  void allowHalfOpenTrueKeepsWritingAfterEnd() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .read((r, n) -> { })
        .write((c, e, cb) -> {
          log.add("write " + c);
          cb.done();
        }));
    WritableTrace.record(log, s, "end", "finish", "close");
    s.resume();
    s.push(null);
    loop.runUntilIdle();
    log.add("writable " + s.writable() + " " + s.destroyed());
    s.end("late");
    loop.runUntilIdle();
    log.assertIs("end", "writable true false", "write late", "finish", "close");
  }

  @Test
  void closeWaitsForBothSides() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .read((r, n) -> { })
        .write((c, e, cb) -> cb.done()));
    WritableTrace.record(log, s, "end", "finish", "close");
    s.end();
    loop.runUntilIdle();
    log.assertIs("finish");
    assertFalse(s.destroyed(), "readable side still open");
    s.resume();
    s.push(null);
    loop.runUntilIdle();
    log.assertIs("finish", "end", "close");
  }

  @Test
  void readableFalseIsAWritableOnlyDuplex() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .readable(false)
        .write((c, e, cb) -> {
          log.add("write " + c);
          cb.done();
        }));
    WritableTrace.record(log, s, "end", "finish", "close");
    log.add(s.readable() + " " + s.writable());
    s.end("x");
    loop.runUntilIdle();
    log.assertIs("false true", "write x", "finish", "close");
  }

  @Test
  void writableFalseIsAReadableOnlyDuplex() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .writable(false)
        .read((r, n) -> { }));
    WritableTrace.record(log, s, "end", "finish", "close");
    log.add(s.readable() + " " + s.writable() + " " + s.writableEnded() + " "
        + s.writableFinished());
    s.resume();
    s.push("a");
    s.push(null);
    s.on("data", (Buffer c) -> log.add("data " + c));
    loop.runUntilIdle();
    log.assertIs("true false true true", "data a", "end", "close");
  }

  @Test
  void writeToWritableFalseIsWriteAfterEnd() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .writable(false)
        .read((r, n) -> { }));
    WritableTrace.record(log, s, "end", "finish", "close");
    s.write("x", mustCall.once((Throwable e) -> log.add("cb " + describe(e)))::call);
    loop.runUntilIdle();
    String code = ERR_STREAM_WRITE_AFTER_END.name();
    log.assertIs("cb " + code, "error " + code, "close");
  }

  @Test
  void writableSideBackpressureIsIndependentOfTheReadableSide() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .writableHighWaterMark(2).readableHighWaterMark(100)
        .read((r, n) -> { })
        .write((c, e, cb) -> setImmediate(cb::done)));
    s.on("drain", mustCall.once(() -> log.add("drain")));
    assertTrue(s.push("0123456789"));
    assertFalse(s.write("ab"));
    loop.runUntilIdle();
    log.assertIs("drain");
    assertEquals(10, s.readableLength());
  }

  @Test
  void destroyFailsPendingWritesAndClosesBothSides() {
    Duplex<Buffer, Buffer> s = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
        .read((r, n) -> { })
        .write((c, e, cb) -> setImmediate(cb::done)));
    WritableTrace.record(log, s, "end", "finish", "close");
    s.write("a", mustCall.once((Throwable e) -> log.add("cb-a " + describe(e)))::call);
    s.write("b", mustCall.once((Throwable e) -> log.add("cb-b " + describe(e)))::call);
    s.destroy(new IllegalStateException("d"));
    loop.runUntilIdle();
    log.assertIs("error d", "close", "cb-a null", "cb-b d");
    assertFalse(s.readable());
    assertFalse(s.writable());
  }
}
