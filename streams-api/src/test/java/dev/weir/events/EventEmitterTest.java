package dev.weir.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testing.Errors;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adding listeners and emitting; mirrors nodejs/node test/parallel/test-event-emitter-add-listeners.js,
 * test-event-emitter-once.js, test-event-emitter-prepend.js, test-event-emitter-listener-count.js,
 * test-event-emitter-listeners.js, test-event-emitter-get-max-listeners.js,
 * test-event-emitter-max-listeners.js, test-event-emitter-check-listener-leaks.js and
 * test-event-emitter-modify-in-emit.js.
 */
@Timeout(5)
class EventEmitterTest {
  final EventEmitter ee = new EventEmitter();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void verify() {
    mustCall.verify();
  }

  @Test
  void onAndAddListenerAppendAndReturnTheEmitter() {
    assertSame(ee, ee.on("x", () -> log.add("on0")));
    assertSame(ee, ee.addListener("x", (Object a) -> log.add("add1 " + a)));
    assertSame(ee, ee.on("x", (Object a, Object b) -> log.add("on2 " + a + " " + b)));
    assertSame(ee, ee.addListener("x", () -> log.add("add0")));
    assertTrue(ee.emit("x", "a", "b"));
    log.assertIs("on0", "add1 a", "on2 a b", "add0");
  }

  @Test
  void emitReturnsWhetherThereWereListeners() {
    assertFalse(ee.emit("none"));
    assertFalse(ee.emit("none", 1));
    assertFalse(ee.emit("none", 1, 2));
    assertFalse(ee.emit("none", 1, 2, 3));
    ee.on("x", mustCall.times(4, () -> {}));
    assertTrue(ee.emit("x"));
    assertTrue(ee.emit("x", 1));
    assertTrue(ee.emit("x", 1, 2));
    assertTrue(ee.emit("x", 1, 2, 3));
  }

  @Test
  void listenersOfEachArityGetTheFirstArgumentsAndNullForMissingOnes() {
    List<List<Object>> seen = new ArrayList<>();
    ee.on("x", () -> seen.add(List.of("arity0")));
    ee.on("x", (Object a) -> seen.add(java.util.Arrays.asList("arity1", a)));
    ee.on("x", (Object a, Object b) -> seen.add(java.util.Arrays.asList("arity2", a, b)));
    ee.emit("x");
    ee.emit("x", "a");
    ee.emit("x", "a", "b");
    ee.emit("x", "a", "b", "c");
    ee.emit("x", new Object[0]);
    List<List<Object>> expected = List.of(
        List.of("arity0"), java.util.Arrays.asList("arity1", (Object) null),
        java.util.Arrays.asList("arity2", null, null),
        List.of("arity0"), List.of("arity1", "a"), java.util.Arrays.asList("arity2", "a", null),
        List.of("arity0"), List.of("arity1", "a"), List.of("arity2", "a", "b"),
        List.of("arity0"), List.of("arity1", "a"), List.of("arity2", "a", "b"),
        List.of("arity0"), java.util.Arrays.asList("arity1", (Object) null),
        java.util.Arrays.asList("arity2", null, null));
    assertEquals(expected, seen);
  }

  @Test
  void typedListenersReceiveTheirTypes() {
    ee.on("data", mustCall.once((String s) -> assertEquals("chunk", s)));
    ee.on("pair", mustCall.once((Integer a, Long b) -> assertEquals(3L, a + b)));
    ee.emit("data", "chunk");
    ee.emit("pair", 1, 2L);
  }

  @Test
  void sameListenerAddedTwiceRunsTwice() {
    Listener0 l = mustCall.times(2, () -> {});
    ee.on("x", l);
    ee.on("x", l);
    assertEquals(2, ee.listenerCount("x"));
    ee.emit("x");
  }

  @Test
  void onceRunsOnceAndIsRemovedBeforeItRuns() {
    ee.once("x", mustCall.once(() -> assertEquals(0, ee.listenerCount("x"))));
    assertEquals(1, ee.listenerCount("x"));
    assertTrue(ee.emit("x"));
    assertFalse(ee.emit("x"));
  }

  @Test
  void onceOfEachArity() {
    ee.once("x", mustCall.once((Object a) -> assertEquals(1, a)));
    ee.once("x", mustCall.once((Object a, Object b) -> assertEquals(List.of(1, 2), List.of(a, b))));
    ee.once("x", mustCall.once());
    ee.emit("x", 1, 2, 3);
    ee.emit("x", 4, 5, 6);
  }

  @Test
  void onceListenerThatEmitsTheSameEventRecursivelyRunsOnce() {
    ee.once("x", mustCall.once(() -> {
      log.add("once");
      ee.emit("x");
    }));
    ee.on("x", mustCall.times(2, () -> log.add("on")));
    ee.emit("x");
    log.assertIs("once", "on", "on");
  }

  @Test
  void prependListenerGoesFirst() {
    ee.on("x", () -> log.add("b"));
    assertSame(ee, ee.prependListener("x", () -> log.add("a")));
    ee.prependListener("x", (Object v) -> log.add("first " + v));
    ee.prependListener("x", (Object v, Object w) -> log.add("zero " + v + w));
    ee.emit("x", 1, 2);
    log.assertIs("zero 12", "first 1", "a", "b");
  }

  @Test
  void prependOnceListenerGoesFirstAndRunsOnce() {
    ee.on("x", () -> log.add("on"));
    assertSame(ee, ee.prependOnceListener("x", mustCall.once(() -> log.add("once"))));
    ee.prependOnceListener("x", mustCall.once((Object a) -> log.add("once1 " + a)));
    ee.prependOnceListener("x", mustCall.once((Object a, Object b) -> log.add("once2")));
    ee.emit("x", "v");
    ee.emit("x", "v");
    log.assertIs("once2", "once1 v", "once", "on", "on");
  }

  @Test
  void listenerCountCountsEachEvent() {
    assertEquals(0, ee.listenerCount("x"));
    ee.on("x", () -> {});
    ee.once("x", () -> {});
    ee.on("y", () -> {});
    assertEquals(2, ee.listenerCount("x"));
    assertEquals(1, ee.listenerCount("y"));
    assertEquals(0, ee.listenerCount("z"));
  }

  @Test
  void listenersAreUnwrappedCopiesAndRawListenersKeepOnceWrappers() {
    Listener0 a = () -> {};
    Listener1<Object> b = v -> {};
    ee.on("x", a);
    ee.once("x", b);
    assertEquals(List.of(a, b), ee.listeners("x"));
    List<Object> raw = ee.rawListeners("x");
    assertSame(a, raw.get(0));
    EventEmitter.OnceWrapper wrapper = assertInstanceOf(EventEmitter.OnceWrapper.class, raw.get(1));
    assertSame(b, wrapper.listener());
    assertEquals(List.of(), ee.listeners("none"));
    assertEquals(List.of(), ee.rawListeners("none"));
    List<Object> copy = ee.listeners("x");
    ee.on("x", () -> {});
    assertEquals(2, copy.size(), "listeners() returns a copy");
    assertThrows(UnsupportedOperationException.class, () -> copy.add(a));
  }

  @Test
  void callingARawOnceWrapperRunsItOnceAndRemovesIt() {
    ee.once("x", mustCall.once((Object v) -> log.add("once " + v)));
    ee.on("x", () -> log.add("on"));
    EventEmitter.OnceWrapper wrapper = (EventEmitter.OnceWrapper) ee.rawListeners("x").get(0);
    wrapper.call("direct");
    assertEquals(1, ee.listenerCount("x"));
    wrapper.call("again");
    ee.emit("x", "emitted");
    log.assertIs("once direct", "on");
  }

  @Test
  void eventNamesListsEventsWithListenersInInsertionOrder() {
    assertEquals(List.of(), ee.eventNames());
    Listener0 l = () -> {};
    ee.on("b", l);
    ee.on("a", () -> {});
    ee.on("c", () -> {});
    ee.on("b", () -> {});
    assertEquals(List.of("b", "a", "c"), ee.eventNames());
    ee.removeListener("a", ee.listeners("a").get(0));
    ee.on("a", () -> {});
    assertEquals(List.of("b", "c", "a"), ee.eventNames());
    ee.removeAllListeners();
    assertEquals(List.of(), ee.eventNames());
  }

  @Test
  void maxListenersDefaultsToTenAndIsAWarningNotALimit() {
    assertEquals(EventEmitter.DEFAULT_MAX_LISTENERS, ee.getMaxListeners());
    assertEquals(10, ee.getMaxListeners());
    Listener0 l = mustCall.times(25, () -> {});
    for (int i = 0; i < 25; i++) {
      ee.on("x", l);
    }
    assertEquals(25, ee.listenerCount("x"));
    ee.emit("x");
  }

  @Test
  void setMaxListenersChangesTheWarningThreshold() {
    assertSame(ee, ee.setMaxListeners(1));
    assertEquals(1, ee.getMaxListeners());
    ee.on("x", mustCall.once());
    ee.on("x", mustCall.once());
    ee.setMaxListeners(0);
    assertEquals(0, ee.getMaxListeners());
    for (int i = 0; i < 100; i++) {
      ee.on("y", () -> {});
    }
    assertEquals(100, ee.listenerCount("y"));
    ee.emit("x");
    Errors.assertCode("ERR_OUT_OF_RANGE", assertThrows(RuntimeException.class,
        () -> ee.setMaxListeners(-1)));
    assertEquals(0, ee.getMaxListeners());
  }

  @Test
  void newListenerIsEmittedBeforeAdding() {
    Listener1<Object> l = v -> {};
    ee.on("newListener", mustCall.once((String name, Object listener) -> {
      assertEquals("x", name);
      assertSame(l, listener);
      assertEquals(0, ee.listenerCount("x"), "not added yet");
      log.add("newListener");
    }));
    ee.on("x", l);
    assertEquals(1, ee.listenerCount("x"));
    log.assertIs("newListener");
  }

  @Test
  void newListenerReceivesTheOriginalOfAOnceListener() {
    Listener0 l = () -> {};
    ee.on("newListener", mustCall.once((String name, Object listener) -> assertSame(l, listener)));
    ee.once("x", l);
  }

  @Test
  void listenerAddedInsideNewListenerForTheSameEventGoesBefore() {
    boolean[] added = {false};
    ee.on("newListener", (String name, Object listener) -> {
      if (name.equals("x") && !added[0]) {
        added[0] = true;
        ee.on("x", () -> log.add("inner"));
      }
    });
    ee.on("x", () -> log.add("outer"));
    ee.emit("x");
    log.assertIs("inner", "outer");
  }

  @Test
  void addingANewListenerListenerEmitsNewListenerForIt() {
    ee.on("newListener", mustCall.once((String name, Object l) -> assertEquals("newListener",
        name)));
    ee.on("newListener", (String name, Object l) -> {});
  }

  @Test
  void listenersAddedDuringAnEmitDoNotRunInThatEmit() {
    ee.on("x", () -> {
      log.add("first");
      ee.on("x", () -> log.add("late"));
      ee.prependListener("x", () -> log.add("prepended"));
    });
    ee.on("x", () -> log.add("second"));
    ee.emit("x");
    log.assertIs("first", "second");
    log.clear();
    ee.removeAllListeners("x");
    ee.emit("x");
    log.assertIs();
  }

  @Test
  void listenerRemovedDuringAnEmitStillRunsInThatEmit() {
    Listener0 second = mustCall.times(1, () -> log.add("second"));
    ee.on("x", () -> {
      log.add("first");
      ee.removeListener("x", second);
    });
    ee.on("x", second);
    ee.emit("x");
    ee.emit("x");
    log.assertIs("first", "second", "first");
  }

  @Test
  void removeAllDuringAnEmitDoesNotStopThatEmit() {
    ee.on("x", () -> {
      log.add("a");
      ee.removeAllListeners("x");
    });
    ee.on("x", () -> log.add("b"));
    ee.on("x", () -> log.add("c"));
    ee.emit("x");
    log.assertIs("a", "b", "c");
    assertFalse(ee.emit("x"));
  }

  @Test
  void onceListenerRemovedDuringAnEmitStillRunsInThatEmitAsNodeDoes() {
    Listener0 once = mustCall.once(() -> log.add("once"));
    ee.on("x", () -> ee.off("x", once));
    ee.once("x", once);
    ee.emit("x");
    ee.emit("x");
    log.assertIs("once");
  }

  @Test
  void nullArgumentsAreRejected() {
    Errors.assertCode("ERR_INVALID_ARG_TYPE", assertThrows(RuntimeException.class,
        () -> ee.on(null, () -> {})));
    Errors.assertCode("ERR_INVALID_ARG_TYPE", assertThrows(RuntimeException.class,
        () -> ee.on("x", (Listener0) null)));
    Errors.assertCode("ERR_INVALID_ARG_TYPE", assertThrows(RuntimeException.class,
        () -> ee.once("x", (Listener1<Object>) null)));
    assertEquals(0, ee.listenerCount("x"));
  }

  @Test
  void emitPassesNullArgumentsThrough() {
    ee.on("x", mustCall.once((Object a, Object b) -> {
      assertNull(a);
      assertEquals("b", b);
    }));
    ee.emit("x", null, "b");
  }

  @Test
  void repeatedEmitsSeeEveryChangeToTheListeners() {
    // emit caches the listeners of the event it emitted last; every change must reach it.
    Listener1<Object> first = a -> log.add("first " + a);
    assertFalse(ee.emit("data", 0));
    ee.on("data", first);
    assertTrue(ee.emit("data", 1));
    ee.once("data", (Object a) -> log.add("once " + a));
    ee.emit("data", 2);
    ee.emit("data", 3);
    ee.prependListener("data", (Object a) -> log.add("pre " + a));
    ee.emit("data", 4);
    ee.off("data", first);
    ee.emit("data", 5);
    ee.removeAllListeners("data");
    assertFalse(ee.emit("data", 6));
    ee.on("data", first);
    ee.emit("data", 7);
    ee.removeAllListeners();
    assertFalse(ee.emit("data", 8));
    log.assertIs("first 1", "first 2", "once 2", "first 3", "pre 4", "first 4", "pre 5",
        "first 7");
  }

  @Test
  void anEqualButNotIdenticalNameReachesTheSameListeners() {
    ee.on("data", (Object a) -> log.add("data " + a));
    ee.emit("data", 1);
    String built = new StringBuilder("da").append("ta").toString();
    assertTrue(ee.emit(built, 2));
    ee.emit("data", 3);
    ee.removeAllListeners(built);
    assertFalse(ee.emit("data", 4));
    assertFalse(ee.emit(built, 5));
    log.assertIs("data 1", "data 2", "data 3");
  }

  @Test
  void alternatingEventsKeepTheirOwnListeners() {
    ee.on("a", () -> log.add("a"));
    ee.on("b", () -> log.add("b"));
    ee.emit("a");
    ee.emit("b");
    ee.emit("a");
    ee.on("a", () -> ee.removeAllListeners("b"));
    ee.emit("b");
    ee.emit("a");
    assertFalse(ee.emit("b"));
    log.assertIs("a", "b", "a", "b", "a");
  }

  @Test
  void aChangeToOneEventLeavesTheOthersCorrect() {
    // Changing one event's listeners drops only that event from emit's caches.
    for (String e : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
      ee.on(e, () -> log.add(e));
      ee.emit(e);
    }
    ee.on("b", () -> log.add("b2"));
    ee.emit("a");
    ee.emit("b");
    ee.emit("j");
    ee.on("removeListener", (Object name) -> log.add("removed " + name));
    ee.removeAllListeners(new StringBuilder("j").toString());
    assertFalse(ee.emit("j"));
    ee.emit("b");
    ee.emit("i");
    log.assertIs("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "a", "b", "b2", "j",
        "removed j", "b", "b2", "i");
  }
}
