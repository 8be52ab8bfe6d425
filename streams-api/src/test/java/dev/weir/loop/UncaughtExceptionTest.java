package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import dev.weir.testing.Errors;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exceptions escaping loop callbacks; mirrors nodejs/node
 * test/parallel/test-timers-uncaught-exception.js, test-next-tick-errors.js and
 * test-process-uncaught-exception-monitor.js (origin argument).
 */
@org.junit.jupiter.api.Timeout(5)
class UncaughtExceptionTest {
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void verify() {
    mustCall.verify();
  }

  @Test
  void errorsFromEveryKindOfCallbackGoToTheListenerAndTheLoopContinues() {
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.on("uncaughtException", mustCall.times(7, (Throwable e) -> log.add(e.getMessage()))
          ::call);
      loop.nextTick(() -> {
        throw new IllegalStateException("tick");
      });
      loop.queueMicrotask(() -> {
        throw new IllegalStateException("micro");
      });
      loop.setTimeout(() -> {
        throw new IllegalStateException("timeout");
      }, 1);
      loop.setImmediate(() -> {
        throw new IllegalStateException("immediate");
      });
      loop.execute(() -> {
        throw new IllegalStateException("posted");
      });
      loop.queueCloseCallback(() -> {
        loop.setTimeout(() -> log.add("still running"), 1);
        throw new IllegalStateException("close");
      });
      throw new IllegalStateException("main");
    });
    // Whether the 1 ms timer is due in the first turn depends on the clock, as in Node.
    assertEquals(List.of("main", "tick", "micro"), log.entries().subList(0, 3));
    assertEquals(Set.of("posted", "immediate", "close", "timeout"),
        Set.copyOf(log.entries().subList(3, 7)));
    assertEquals("still running", log.entries().get(7));
    assertEquals(8, log.entries().size());
  }

  @Test
  void remainingTicksAndTimersRunAfterAHandledError() {
    TestLoop loop = new TestLoop();
    try {
      loop.on("uncaughtException", mustCall.times(2, (Throwable e) -> log.add("caught "
          + e.getMessage()))::call);
      loop.nextTick(() -> {
        log.add("t1");
        throw new IllegalStateException("x");
      });
      loop.nextTick(() -> log.add("t2"));
      loop.setTimeout(() -> {
        log.add("T1");
        throw new IllegalStateException("z");
      }, 1);
      loop.setTimeout(() -> log.add("T2"), 1);
      loop.advanceTimeBy(Duration.ofMillis(1));
      log.assertIs("t1", "caught x", "t2", "T1", "caught z", "T2");
    } finally {
      loop.close();
    }
  }

  @Test
  void listenerGetsTheErrorAndTheOrigin() {
    Exception thrown = new IOException("io");
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.on("uncaughtException", mustCall.once((Throwable e, String origin) -> {
        assertSame(thrown, e);
        assertEquals("uncaughtException", origin);
      })::call);
      loop.setImmediate(() -> {
        throw thrown;
      });
    });
  }

  @Test
  void withoutAListenerRunRethrowsTheSameRuntimeException() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    RuntimeException e = assertThrows(RuntimeException.class, () -> EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.setTimeout(mustCall.never()::call, 1000);
      loop.setImmediate(() -> {
        throw boom;
      });
    }));
    assertSame(boom, e);
  }

  @Test
  void withoutAListenerRunRethrowsAnErrorFromANextTick() {
    WeirException boom = new WeirException("ERR_TEST", "tick failed", null);
    assertSame(boom, assertThrows(WeirException.class, () -> EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.nextTick(() -> {
        throw boom;
      });
      loop.nextTick(mustCall.never()::call);
    })));
  }

  @Test
  void withoutAListenerACheckedExceptionIsWrappedWithItsCause() {
    IOException io = new IOException("disk");
    RuntimeException e = assertThrows(RuntimeException.class, () -> EventLoop.run(() -> {
      EventLoop.current().setTimeout(() -> {
        throw io;
      }, 1);
    }));
    WeirException w = Errors.assertCode("ERR_WEIR_UNCAUGHT_EXCEPTION", e);
    assertSame(io, w.getCause());
  }

  @Test
  void withoutAListenerAnErrorIsRethrownAsIs() {
    AssertionError err = new AssertionError("assert");
    assertSame(err, assertThrows(AssertionError.class, () -> EventLoop.run(() -> {
      throw err;
    })));
  }

  @Test
  void aListenerThatThrowsEndsRunWithItsException() {
    IllegalStateException fromListener = new IllegalStateException("listener");
    assertSame(fromListener, assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.on("uncaughtException", (Throwable e) -> {
        throw fromListener;
      });
      loop.setTimeout(mustCall.never()::call, 1000);
      loop.setImmediate(() -> {
        throw new IllegalStateException("first");
      });
    })));
  }

  @Test
  void removingTheListenerMakesTheNextErrorFatal() {
    IllegalStateException second = new IllegalStateException("second");
    assertSame(second, assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      loop.once("uncaughtException", mustCall.once((Throwable e) -> log.add(e.getMessage()))
          ::call);
      loop.setImmediate(() -> {
        loop.setTimeout(() -> {
          throw second;
        }, 1);
        throw new IllegalStateException("first");
      });
    })));
    log.assertIs("first");
  }

  @Test
  void testLoopRunUntilIdleRethrowsWithoutAListener() {
    TestLoop loop = new TestLoop();
    try {
      IllegalStateException boom = new IllegalStateException("boom");
      loop.setImmediate(() -> {
        throw boom;
      });
      assertSame(boom, assertThrows(IllegalStateException.class, loop::runUntilIdle));
      IOException io = new IOException("io");
      loop.nextTick(() -> {
        throw io;
      });
      assertSame(io, Errors.assertCode("ERR_WEIR_UNCAUGHT_EXCEPTION",
          assertThrows(WeirException.class, loop::runUntilIdle)).getCause());
    } finally {
      loop.close();
    }
  }
}
