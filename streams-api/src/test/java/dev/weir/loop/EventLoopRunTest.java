package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLoop#run}: main first on the calling thread, then the loop until nothing ref'd is
 * left; {@link EventLoop#current()}; one loop per thread. Mirrors the exit rules of nodejs/node
 * test/parallel/test-timers-unref.js and test-timers-immediate-unref.js on a real loop.
 */
@org.junit.jupiter.api.Timeout(5)
class EventLoopRunTest {
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void verify() {
    mustCall.verify();
    assertFalse(EventLoop.inLoop(), "run() must unbind the thread");
  }

  @Test
  void mainRunsFirstOnTheCallingThreadThenTheLoopUntilIdle() {
    Thread caller = Thread.currentThread();
    EventLoop.run(mustCall.once(() -> {
      assertSame(caller, Thread.currentThread());
      assertSame(caller, EventLoop.current().thread());
      assertTrue(EventLoop.inLoop());
      log.add("main-start");
      EventLoop loop = EventLoop.current();
      loop.setImmediate(() -> {
        log.add("immediate");
        loop.setTimeout(() -> log.add("timeout"), 2);
      });
      loop.nextTick(() -> log.add("tick"));
      log.add("main-end");
    })::call);
    log.assertIs("main-start", "main-end", "tick", "immediate", "timeout");
  }

  @Test
  void runReturnsAtOnceWhenMainLeavesNothing() {
    EventLoop.run(mustCall.once()::call);
  }

  @Test
  void currentIsTheRunningLoopAndGlobalsUseIt() {
    EventLoop[] seen = new EventLoop[2];
    EventLoop.run(() -> {
      seen[0] = EventLoop.current();
      Globals.setTimeout(() -> seen[1] = EventLoop.current(), 1);
    });
    assertSame(seen[0], seen[1]);
  }

  @Test
  void currentWithoutALoopIsNoLoop() {
    LoopThreadException e = assertThrows(LoopThreadException.class, EventLoop::current);
    assertEquals("ERR_WEIR_NO_LOOP", e.code());
    assertInstanceOf(IllegalStateException.class, e);
    assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
    assertFalse(EventLoop.inLoop());
  }

  @Test
  void globalsWithoutALoopAreNoLoop() {
    List<Runnable> calls = List.of(
        () -> Globals.nextTick(() -> {}),
        () -> Globals.queueMicrotask(() -> {}),
        () -> Globals.setTimeout(() -> {}, 1),
        () -> Globals.setInterval(() -> {}, 1),
        () -> Globals.setImmediate(() -> {}),
        () -> Globals.clearTimeout(null),
        () -> Globals.clearInterval(null),
        () -> Globals.clearImmediate(null));
    for (Runnable call : calls) {
      LoopThreadException e = assertThrows(LoopThreadException.class, call::run);
      assertEquals("ERR_WEIR_NO_LOOP", e.code());
    }
  }

  @Test
  void nestedRunOnALoopThreadFails() {
    EventLoop.run(mustCall.once(() -> {
      EventLoop outer = EventLoop.current();
      LoopThreadException e = assertThrows(LoopThreadException.class,
          () -> EventLoop.run(mustCall.never()::call));
      assertEquals("ERR_WEIR_NOT_IN_LOOP", e.code());
      assertThrows(LoopThreadException.class, TestLoop::new);
      assertSame(outer, EventLoop.current(), "the failed nested run must not unbind the loop");
      outer.setTimeout(mustCall.once()::call, 1);
    })::call);
  }

  @Test
  void threadCanRunAnotherLoopAfterRunReturns() {
    EventLoop[] loops = new EventLoop[2];
    EventLoop.run(() -> loops[0] = EventLoop.current());
    EventLoop.run(() -> loops[1] = EventLoop.current());
    assertFalse(loops[0] == loops[1]);
    try (TestLoop loop = new TestLoop()) {
      assertSame(loop, EventLoop.current());
    }
  }

  @Test
  void threadIsUnboundAfterRunThrows() {
    RuntimeException boom = new RuntimeException("boom");
    assertSame(boom, assertThrows(RuntimeException.class, () -> EventLoop.run(() -> {
      throw boom;
    })));
    assertFalse(EventLoop.inLoop());
  }

  @Test
  void unrefdTimerDoesNotKeepTheLoopAlive() {
    // Would hold run() for TIMEOUT_MAX ms (beyond the class timeout) if it kept the loop alive.
    EventLoop.run(() -> EventLoop.current().setTimeout(mustCall.never()::call, EventLoop.TIMEOUT_MAX)
        .unref());
  }

  @Test
  void unrefdIntervalDoesNotKeepTheLoopAlive() {
    EventLoop.run(() -> EventLoop.current().setInterval(mustCall.never()::call, 1_000_000).unref());
  }

  @Test
  void unrefdTimerFiresWhileARefdOneKeepsTheLoopAlive() {
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.setTimeout(mustCall.once(() -> log.add("unrefd"))::call, 1).unref();
      loop.setTimeout(mustCall.once(() -> log.add("refd"))::call, 20);
    });
    log.assertIs("unrefd", "refd");
  }

  @Test
  void reRefdTimerKeepsTheLoopAlive() {
    EventLoop.run(() -> EventLoop.current().setTimeout(mustCall.once()::call, 5).unref().ref());
  }

  @Test
  void unrefdImmediateDoesNotKeepTheLoopAlive() {
    EventLoop.run(() -> EventLoop.current().setImmediate(mustCall.never()::call).unref());
  }

  @Test
  void unrefdImmediateRunsWhileSomethingElseKeepsTheLoopAlive() {
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.setImmediate(mustCall.once(() -> log.add("unrefd-immediate"))::call).unref();
      loop.setImmediate(mustCall.once(() -> log.add("refd-immediate"))::call);
    });
    log.assertIs("unrefd-immediate", "refd-immediate");
  }

  @Test
  void taskPostedOnTheLoopThreadKeepsTheLoopAliveUntilItRuns() {
    EventLoop.run(() -> EventLoop.current().execute(
        () -> EventLoop.current().execute(() -> log.add("posted twice"))));
    log.assertIs("posted twice");
  }

  @Test
  void workThatWillBePostedWithoutAPendingHandleDoesNotKeepTheLoopAlive() throws Exception {
    CountDownLatch runReturned = new CountDownLatch(1);
    List<Throwable> problems = new ArrayList<>();
    Thread[] worker = new Thread[1];
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      worker[0] = new Thread(() -> {
        try {
          runReturned.await();
          loop.execute(() -> log.add("late post"));
        } catch (Throwable e) {
          problems.add(e);
        }
      }, "late-poster");
      worker[0].start();
    });
    // run() returned while the worker was still going to post: it held no pending() token.
    runReturned.countDown();
    worker[0].join();
    assertEquals(List.of(), problems);
    log.assertIs();
  }

  @Test
  void nullTasksAreInvalidArgTypes() {
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      List<Runnable> calls = List.of(
          () -> loop.nextTick(null),
          () -> loop.queueMicrotask(null),
          () -> loop.setTimeout(null, 1),
          () -> loop.setInterval(null, 1),
          () -> loop.setImmediate(null),
          () -> loop.queueCloseCallback(null),
          () -> loop.execute(null));
      for (Runnable call : calls) {
        dev.weir.testing.Errors.assertCode("ERR_INVALID_ARG_TYPE",
            assertThrows(RuntimeException.class, call::run));
      }
    });
  }
}
