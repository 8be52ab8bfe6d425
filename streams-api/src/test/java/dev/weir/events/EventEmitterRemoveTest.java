package dev.weir.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Removing listeners; mirrors nodejs/node test/parallel/test-event-emitter-remove-listeners.js,
 * test-event-emitter-remove-all-listeners.js and test-event-emitter-once.js (removal by the
 * original listener).
 */
@Timeout(5)
class EventEmitterRemoveTest {
  final EventEmitter ee = new EventEmitter();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void verify() {
    mustCall.verify();
  }

  private Listener0 named(String name) {
    return () -> log.add(name);
  }

  /** Records 'removeListener' events as "rl event name" using the names of {@code known}. */
  private void recordRemovals(Object... namedListeners) {
    ee.on("removeListener", (String event, Object listener) -> {
      String name = "?";
      for (int i = 0; i < namedListeners.length; i += 2) {
        if (namedListeners[i + 1] == listener) {
          name = (String) namedListeners[i];
        }
      }
      log.add("rl " + event + " " + name);
    });
  }

  @Test
  void offAndRemoveListenerRemoveAndReturnTheEmitter() {
    Listener0 a = mustCall.never();
    Listener1<Object> b = mustCall.never1();
    ee.on("x", a);
    ee.on("x", b);
    assertSame(ee, ee.off("x", a));
    assertSame(ee, ee.removeListener("x", b));
    assertFalse(ee.emit("x"));
    assertEquals(List.of(), ee.eventNames());
  }

  @Test
  void removeListenerRemovesTheMostRecentInstance() {
    Listener0 a = named("a");
    Listener0 b = named("b");
    ee.on("x", a);
    ee.on("x", b);
    ee.on("x", a);
    ee.removeListener("x", a);
    assertEquals(List.of(a, b), ee.listeners("x"));
    ee.emit("x");
    log.assertIs("a", "b");
  }

  @Test
  void removingAnUnknownListenerOrEventDoesNothing() {
    Listener0 a = named("a");
    recordRemovals();
    ee.on("x", a);
    ee.removeListener("x", named("other"));
    ee.removeListener("y", a);
    ee.removeListener("x", null);
    ee.removeAllListeners("none");
    assertEquals(List.of(a), ee.listeners("x"));
    log.assertIs();
  }

  @Test
  void onceListenerIsRemovableByItsOriginal() {
    Listener0 once = mustCall.never();
    Listener0 other = mustCall.once();
    ee.once("x", once);
    ee.on("x", other);
    recordRemovals("once", once);
    ee.removeListener("x", once);
    assertEquals(List.of(other), ee.listeners("x"));
    log.assertIs("rl x once");
    ee.emit("x");
  }

  @Test
  void singleOnceListenerIsRemovableByItsOriginalAndByItsWrapper() {
    Listener0 first = mustCall.never();
    ee.once("x", first);
    ee.off("x", first);
    assertEquals(0, ee.listenerCount("x"));
    Listener0 second = mustCall.never();
    ee.once("x", second);
    ee.off("x", ee.rawListeners("x").get(0));
    assertEquals(0, ee.listenerCount("x"));
    ee.emit("x");
  }

  @Test
  void removeListenerIsEmittedAfterRemovingWithTheOriginalListener() {
    Listener0 a = named("a");
    ee.on("x", a);
    ee.on("removeListener", mustCall.once((String event, Object listener) -> {
      assertEquals("x", event);
      assertSame(a, listener);
      assertEquals(0, ee.listenerCount("x"), "already removed");
    }));
    ee.removeListener("x", a);
  }

  @Test
  void onceListenerFiringEmitsRemoveListenerWithTheOriginal() {
    Listener0 once = mustCall.once(() -> log.add("once ran"));
    ee.once("x", once);
    recordRemovals("once", once);
    ee.emit("x");
    log.assertIs("rl x once", "once ran");
  }

  @Test
  void removeAllListenersOfOneEventIsLifo() {
    Listener0 a = named("a");
    Listener0 b = named("b");
    Listener0 c = named("c");
    ee.on("x", a);
    ee.once("x", b);
    ee.on("x", c);
    ee.on("y", named("y"));
    recordRemovals("a", a, "b", b, "c", c);
    assertSame(ee, ee.removeAllListeners("x"));
    log.assertIs("rl x c", "rl x b", "rl x a");
    assertEquals(0, ee.listenerCount("x"));
    assertEquals(1, ee.listenerCount("y"));
  }

  @Test
  void removeAllListenersGoesThroughEventsInInsertionOrderAndRemoveListenerLast() {
    // Node: test-event-emitter-remove-all-listeners.js, checked against node v20.
    Listener0 b1 = named("b1");
    Listener0 a1 = named("a1");
    Listener0 b2 = named("b2");
    Listener0 c1 = named("c1");
    Listener0 c2 = named("c2");
    ee.on("b", b1);
    ee.on("a", a1);
    ee.once("b", b2);
    ee.on("c", c1);
    Listener2<String, Object> rl = (event, listener) -> {
      String name = listener == b1 ? "b1" : listener == a1 ? "a1" : listener == b2 ? "b2"
          : listener == c1 ? "c1" : listener == c2 ? "c2" : "rl";
      log.add("rl " + event + " " + name);
    };
    ee.on("removeListener", rl);
    ee.removeListener("c", c1);
    ee.on("c", c2);
    assertEquals(List.of("b", "a", "removeListener", "c"), ee.eventNames());
    assertSame(ee, ee.removeAllListeners());
    log.assertIs("rl c c1", "rl b b2", "rl b b1", "rl a a1", "rl c c2");
    assertEquals(List.of(), ee.eventNames());
  }

  @Test
  void removeAllListenersOfRemoveListenerTellsTheRemainingOnes() {
    ee.on("removeListener", (String event, Object l) -> log.add("first " + event));
    ee.on("removeListener", (String event, Object l) -> log.add("second " + event));
    ee.removeAllListeners("removeListener");
    log.assertIs("first removeListener");
    assertEquals(0, ee.listenerCount("removeListener"));
  }

  @Test
  void removeAllListenersWithoutRemoveListenerListenersJustClears() {
    ee.on("x", mustCall.never());
    ee.on("y", mustCall.never());
    ee.removeAllListeners("x");
    assertEquals(List.of("y"), ee.eventNames());
    ee.removeAllListeners();
    assertEquals(List.of(), ee.eventNames());
    assertFalse(ee.emit("x"));
    assertFalse(ee.emit("y"));
    new EventEmitter().removeAllListeners().removeAllListeners("x").removeListener("x", "y");
  }

  @Test
  void removeListenerDuringRemoveAllListenersIsSafe() {
    Listener0 a = named("a");
    Listener0 b = named("b");
    ee.on("x", a);
    ee.on("x", b);
    ee.on("removeListener", (String event, Object l) -> {
      log.add("removed");
      ee.removeListener("x", a);
    });
    ee.removeAllListeners("x");
    assertEquals(0, ee.listenerCount("x"));
    log.assertIs("removed", "removed");
  }

  @Test
  void removingAListenerDuringEmitOfAnotherEventIsImmediate() {
    Listener0 y = mustCall.never();
    ee.on("y", y);
    ee.on("x", () -> ee.off("y", y));
    ee.emit("x");
    assertFalse(ee.emit("y"));
  }

  @Test
  void listenerRemovingItselfStillLetsTheRestRun() {
    Listener0[] self = new Listener0[1];
    self[0] = mustCall.once(() -> {
      log.add("self");
      ee.off("x", self[0]);
    });
    ee.on("x", self[0]);
    ee.on("x", named("next"));
    ee.emit("x");
    ee.emit("x");
    log.assertIs("self", "next", "next");
  }
}
