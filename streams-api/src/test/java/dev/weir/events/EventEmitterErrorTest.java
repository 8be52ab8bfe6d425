package dev.weir.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.WeirException;
import dev.weir.testing.Errors;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 'error' events, listeners that throw, and {@code events.once}; mirrors nodejs/node
 * test/parallel/test-event-emitter-errors.js, test-event-emitter-no-error-provided-to-error-event.js,
 * test-event-emitter-error-monitor.js (minus errorMonitor) and test-events-once.js.
 */
@Timeout(5)
class EventEmitterErrorTest {
  final EventEmitter ee = new EventEmitter();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void verify() {
    mustCall.verify();
  }

  @Test
  void errorWithoutListenerThrowsTheRuntimeExceptionItself() {
    IllegalStateException err = new IllegalStateException("bad");
    assertSame(err, assertThrows(IllegalStateException.class, () -> ee.emit("error", err)));
    WeirException weir = new WeirException("ERR_STREAM_DESTROYED", "destroyed", null);
    assertSame(weir, assertThrows(WeirException.class, () -> ee.emit("error", weir)));
  }

  @Test
  void errorWithoutListenerRethrowsAnError() {
    AssertionError err = new AssertionError("x");
    assertSame(err, assertThrows(AssertionError.class, () -> ee.emit("error", err)));
  }

  @Test
  void errorWithoutListenerWrapsACheckedException() {
    IOException io = new IOException("io");
    WeirException e = Errors.assertCode("ERR_UNHANDLED_ERROR",
        assertThrows(WeirException.class, () -> ee.emit("error", io)));
    assertSame(io, e.getCause());
  }

  @Test
  void errorWithoutListenerWrapsANonExceptionValue() {
    Errors.assertCode("ERR_UNHANDLED_ERROR",
        assertThrows(WeirException.class, () -> ee.emit("error", "just a string")));
    Errors.assertCode("ERR_UNHANDLED_ERROR",
        assertThrows(WeirException.class, () -> ee.emit("error", 42, "extra")));
    Errors.assertCode("ERR_UNHANDLED_ERROR",
        assertThrows(WeirException.class, () -> ee.emit("error")));
    Errors.assertCode("ERR_UNHANDLED_ERROR",
        assertThrows(WeirException.class, () -> ee.emit("error", (Object) null)));
  }

  @Test
  void errorWithAListenerGoesToItAndEmitReturnsTrue() {
    IOException io = new IOException("io");
    ee.on("error", mustCall.once((Throwable e) -> assertSame(io, e)));
    assertTrue(ee.emit("error", io));
  }

  @Test
  void errorAfterTheOnceErrorListenerFiredThrowsAgain() {
    IllegalStateException err = new IllegalStateException("second");
    ee.once("error", mustCall.once((Throwable e) -> {}));
    ee.emit("error", new IllegalStateException("first"));
    assertSame(err, assertThrows(IllegalStateException.class, () -> ee.emit("error", err)));
  }

  @Test
  void otherEventsWithoutListenersNeverThrow() {
    assertFalse(ee.emit("err"));
    assertFalse(ee.emit("Error", new IllegalStateException()));
  }

  @Test
  void listenerThrowingARuntimeExceptionPropagatesAndStopsTheEmit() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    ee.on("x", () -> {
      throw boom;
    });
    ee.on("x", mustCall.never());
    assertSame(boom, assertThrows(IllegalArgumentException.class, () -> ee.emit("x")));
  }

  @Test
  void listenerThrowingACheckedExceptionIsWrappedAsListenerThrew() {
    IOException io = new IOException("disk");
    ee.on("data", (Object chunk) -> {
      throw io;
    });
    WeirException e = Errors.assertCode("ERR_WEIR_LISTENER_THREW",
        assertThrows(WeirException.class, () -> ee.emit("data", "chunk")));
    assertSame(io, e.getCause());
  }

  @Test
  void checkedExceptionFromEachArityIsWrapped() {
    EventEmitter e0 = new EventEmitter().on("x", () -> {
      throw new Exception("0");
    });
    EventEmitter e2 = new EventEmitter().on("x", (Object a, Object b) -> {
      throw new Exception("2");
    });
    EventEmitter once = new EventEmitter().once("x", () -> {
      throw new Exception("once");
    });
    for (EventEmitter e : new EventEmitter[] {e0, e2, once}) {
      WeirException w = Errors.assertCode("ERR_WEIR_LISTENER_THREW",
          assertThrows(WeirException.class, () -> e.emit("x", 1, 2)));
      assertInstanceOf(Exception.class, w.getCause());
    }
    assertEquals(0, once.listenerCount("x"), "a throwing once listener is still removed");
  }

  @Test
  void errorListenerThatThrowsPropagates() {
    IllegalStateException fromListener = new IllegalStateException("listener");
    ee.on("error", (Throwable e) -> {
      throw fromListener;
    });
    assertSame(fromListener, assertThrows(IllegalStateException.class,
        () -> ee.emit("error", new IllegalStateException("original"))));
  }

  @Test
  void staticOnceCompletesWithTheFirstArgumentAndCleansUp() throws Exception {
    CompletableFuture<Object> f = EventEmitter.once(ee, "ready");
    assertFalse(f.isDone());
    assertEquals(1, ee.listenerCount("ready"));
    assertEquals(1, ee.listenerCount("error"));
    ee.emit("ready", "value", "ignored");
    assertTrue(f.isDone());
    assertEquals("value", f.get());
    assertEquals(0, ee.listenerCount("ready"));
    assertEquals(0, ee.listenerCount("error"));
  }

  @Test
  void staticOnceCompletesExceptionallyOnErrorAndCleansUp() {
    CompletableFuture<Object> f = EventEmitter.once(ee, "ready");
    IOException io = new IOException("io");
    assertTrue(ee.emit("error", io));
    assertTrue(f.isCompletedExceptionally());
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertSame(io, e.getCause());
    assertEquals(0, ee.listenerCount("ready"));
    assertEquals(0, ee.listenerCount("error"));
  }

  @Test
  void staticOnceOnANonExceptionErrorValueIsUnhandledError() {
    CompletableFuture<Object> f = EventEmitter.once(ee, "ready");
    ee.emit("error", "oops");
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    Errors.assertCode("ERR_UNHANDLED_ERROR", e.getCause());
  }

  @Test
  void staticOnceForErrorResolvesWithTheError() throws Exception {
    CompletableFuture<Object> f = EventEmitter.once(ee, "error");
    IllegalStateException err = new IllegalStateException("as value");
    assertTrue(ee.emit("error", err));
    assertSame(err, f.get());
    assertEquals(0, ee.listenerCount("error"));
  }

  @Test
  void staticOnceWithNoArgumentsCompletesWithNull() throws Exception {
    CompletableFuture<Object> f = EventEmitter.once(ee, "end");
    ee.emit("end");
    assertEquals(null, f.get());
    ee.emit("end");
  }
}
