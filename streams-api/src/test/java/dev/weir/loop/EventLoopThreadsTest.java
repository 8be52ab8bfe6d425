package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads around a real {@link EventLoop}: {@code execute} wakes a blocked loop,
 * {@link PendingWork} keeps it alive, loop-confined calls from other threads fail. Node has no
 * threads here, so no Node test file corresponds. No test sleeps: threads meet on latches.
 */
@org.junit.jupiter.api.Timeout(5)
class EventLoopThreadsTest {
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();
  final List<Throwable> threadProblems = new ArrayList<>();

  @AfterEach
  void verify() {
    assertEquals(List.of(), threadProblems);
    mustCall.verify();
  }

  /** A plain thread that records what it throws. */
  private Thread start(String name, Task body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        synchronized (threadProblems) {
          threadProblems.add(e);
        }
      }
    }, name);
    t.start();
    return t;
  }

  @Test
  void pendingWorkCompletedFromAnotherThreadWakesTheBlockedLoop() throws Exception {
    Thread[] worker = new Thread[1];
    Thread[] loopThread = new Thread[1];
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loopThread[0] = Thread.currentThread();
      PendingWork work = loop.pending();
      CountDownLatch go = new CountDownLatch(1);
      worker[0] = start("worker", () -> {
        go.await();
        work.complete(mustCall.once(() -> {
          assertSame(loopThread[0], Thread.currentThread());
          log.add("completed");
        })::call);
      });
      // Released by the loop; the worker completes while the loop is parked or about to park.
      loop.setImmediate(go::countDown);
    });
    worker[0].join();
    log.assertIs("completed");
  }

  @Test
  void executeFromAnotherThreadRunsTasksInOrderOnTheLoop() throws Exception {
    Thread[] worker = new Thread[1];
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      PendingWork work = loop.pending();
      CountDownLatch go = new CountDownLatch(1);
      worker[0] = start("poster", () -> {
        go.await();
        for (int i = 0; i < 100; i++) {
          int n = i;
          loop.execute(() -> log.add("post" + n));
        }
        work.complete(() -> {
          ranOn.set(Thread.currentThread());
          log.add("done");
        });
      });
      go.countDown();
    });
    worker[0].join();
    List<String> entries = log.entries();
    assertEquals(101, entries.size());
    for (int i = 0; i < 100; i++) {
      assertEquals("post" + i, entries.get(i));
    }
    assertEquals("done", entries.get(100));
    assertNotNull(ranOn.get());
    assertTrue(ranOn.get() != worker[0]);
  }

  @Test
  void pendingWorkKeepsTheLoopAliveUntilItCompletes() throws Exception {
    List<CountDownLatch> latches = new ArrayList<>();
    Thread[] workers = new Thread[3];
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      for (int i = 0; i < workers.length; i++) {
        int n = i;
        PendingWork work = loop.pending();
        CountDownLatch go = new CountDownLatch(1);
        latches.add(go);
        workers[i] = start("worker" + i, () -> {
          go.await();
          work.complete(() -> {
            log.add("done" + n);
            // Release the next worker only now: the loop must stay alive for it.
            if (n + 1 < latches.size()) {
              latches.get(n + 1).countDown();
            }
          });
        });
      }
      latches.get(0).countDown();
    });
    for (Thread w : workers) {
      w.join();
    }
    log.assertIs("done0", "done1", "done2");
  }

  @Test
  void pendingWorkCompleteTwiceThrows() {
    EventLoop.run(() -> {
      PendingWork work = EventLoop.current().pending();
      work.complete(mustCall.once()::call);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> work.complete(mustCall.never()::call));
      assertNotNull(e.getMessage());
    });
  }

  @Test
  void pendingWorkCompleteTwiceFromTwoThreadsRunsOnce() throws Exception {
    Thread[] racers = new Thread[2];
    int[] failures = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      PendingWork work = loop.pending();
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < 2; i++) {
        racers[i] = new Thread(() -> {
          try {
            go.await();
            work.complete(() -> log.add("completed"));
          } catch (IllegalStateException e) {
            synchronized (failures) {
              failures[0]++;
            }
          } catch (InterruptedException e) {
            threadProblems.add(e);
          }
        });
        racers[i].start();
      }
      go.countDown();
    });
    for (Thread r : racers) {
      r.join();
    }
    log.assertIs("completed");
    assertEquals(1, failures[0]);
  }

  @Test
  void completionCallbackErrorsGoToUncaughtException() throws Exception {
    Thread[] worker = new Thread[1];
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.on("uncaughtException", mustCall.once((Throwable e) -> log.add(e.getMessage()))::call);
      PendingWork work = loop.pending();
      worker[0] = start("worker", () -> work.complete(() -> {
        loop.nextTick(() -> log.add("tick after"));
        throw new IllegalStateException("from completion");
      }));
    });
    worker[0].join();
    log.assertIs("from completion", "tick after");
  }

  @Test
  void loopConfinedCallsFromAnotherThreadThrowNotInLoop() throws Exception {
    List<LoopThreadException> errors = new ArrayList<>();
    int[] calls = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      Timeout timeout = loop.setTimeout(mustCall.once()::call, 1);
      Immediate immediate = loop.setImmediate(mustCall.once()::call);
      List<Runnable> confined = List.of(
          () -> loop.nextTick(() -> {}),
          () -> loop.queueMicrotask(() -> {}),
          () -> loop.setTimeout(() -> {}, 1),
          () -> loop.setInterval(() -> {}, 1),
          () -> loop.setImmediate(() -> {}),
          () -> loop.clearTimeout(timeout),
          () -> loop.clearImmediate(immediate),
          () -> loop.queueCloseCallback(() -> {}),
          () -> loop.pending(),
          () -> loop.newHandle(),
          () -> loop.checkInLoop(),
          timeout::ref,
          timeout::unref,
          timeout::refresh,
          timeout::close,
          immediate::ref,
          immediate::unref);
      calls[0] = confined.size();
      // Blocking the loop thread on join() is fine here: nothing else is waiting.
      Thread other = start("not-the-loop", () -> {
        for (Runnable call : confined) {
          errors.add(assertThrows(LoopThreadException.class, call::run));
        }
      });
      other.join();
    });
    assertEquals(calls[0], errors.size());
    String loopThread = Thread.currentThread().getName();
    for (LoopThreadException e : errors) {
      assertEquals("ERR_WEIR_NOT_IN_LOOP", e.code());
      assertInstanceOf(IllegalStateException.class, e);
      assertTrue(e.getMessage().contains("'not-the-loop'"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + loopThread + "'"), e.getMessage());
    }
  }

  @Test
  void testLoopIsBoundToItsCreatingThread() throws Exception {
    try (TestLoop loop = new TestLoop()) {
      List<LoopThreadException> errors = new ArrayList<>();
      Thread other = start("other", () -> {
        errors.add(assertThrows(LoopThreadException.class, loop::runUntilIdle));
        errors.add(assertThrows(LoopThreadException.class, () -> loop.nextTick(() -> {})));
        errors.add(assertThrows(LoopThreadException.class, EventLoop::current));
      });
      other.join();
      assertEquals("ERR_WEIR_NOT_IN_LOOP", errors.get(0).code());
      assertEquals("ERR_WEIR_NOT_IN_LOOP", errors.get(1).code());
      assertEquals("ERR_WEIR_NO_LOOP", errors.get(2).code());
    }
  }

  @Test
  void twoLoopsOnTwoThreadsRunIndependently() throws Exception {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    Thread ta = start("loop-a", () -> EventLoop.run(() -> {
      Globals.setTimeout(() -> a.add("a-timeout"), 2);
      Globals.nextTick(() -> a.add("a-tick"));
    }));
    Thread tb = start("loop-b", () -> EventLoop.run(() -> {
      Globals.setImmediate(() -> b.add("b-immediate"));
    }));
    ta.join();
    tb.join();
    assertEquals(List.of("a-tick", "a-timeout"), a);
    assertEquals(List.of("b-immediate"), b);
  }
}
