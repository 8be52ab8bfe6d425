package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of nextTick, microtasks and the loop's phases; mirrors nodejs/node
 * test/parallel/test-next-tick-ordering.js, test-next-tick-ordering2.js and
 * test-timers-immediate-queue.js.
 */
@org.junit.jupiter.api.Timeout(5)
class EventLoopOrderTest {
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
  void mainCodeRunsBeforeTicksAndTicksBeforeMicrotasks() {
    loop.queueMicrotask(() -> log.add("micro"));
    loop.nextTick(() -> log.add("tick"));
    log.add("main");
    loop.runUntilIdle();
    log.assertIs("main", "tick", "micro");
  }

  @Test
  void ticksRunInQueueOrder() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      loop.nextTick(() -> log.add("tick" + n));
    }
    loop.runUntilIdle();
    log.assertIs("tick0", "tick1", "tick2", "tick3", "tick4");
  }

  @Test
  void nextTickInsideNextTickRunsBeforeMicrotasks() {
    loop.nextTick(() -> {
      log.add("tick1");
      loop.nextTick(() -> log.add("tick1.1"));
    });
    loop.nextTick(() -> log.add("tick2"));
    loop.queueMicrotask(() -> log.add("micro"));
    loop.runUntilIdle();
    log.assertIs("tick1", "tick2", "tick1.1", "micro");
  }

  @Test
  void microtaskInsideNextTickRunsAfterTheTickQueue() {
    loop.nextTick(() -> {
      log.add("tick1");
      loop.queueMicrotask(() -> log.add("micro-from-tick"));
    });
    loop.nextTick(() -> log.add("tick2"));
    loop.queueMicrotask(() -> log.add("micro"));
    loop.runUntilIdle();
    log.assertIs("tick1", "tick2", "micro", "micro-from-tick");
  }

  @Test
  void nextTickInsideMicrotaskRunsAfterTheMicrotaskQueue() {
    loop.queueMicrotask(() -> {
      log.add("micro1");
      loop.nextTick(() -> log.add("tick-from-micro"));
      loop.queueMicrotask(() -> log.add("micro3"));
    });
    loop.queueMicrotask(() -> log.add("micro2"));
    loop.runUntilIdle();
    log.assertIs("micro1", "micro2", "micro3", "tick-from-micro");
  }

  @Test
  void queuesAlternateUntilBothAreEmpty() {
    loop.nextTick(() -> {
      log.add("t1");
      loop.queueMicrotask(() -> {
        log.add("m1");
        loop.nextTick(() -> {
          log.add("t2");
          loop.queueMicrotask(() -> log.add("m2"));
        });
      });
    });
    loop.setImmediate(() -> log.add("immediate"));
    loop.runUntilIdle();
    log.assertIs("t1", "m1", "t2", "m2", "immediate");
  }

  @Test
  void queuesDrainAfterEveryTimerCallback() {
    loop.setTimeout(() -> {
      log.add("timer1");
      loop.queueMicrotask(() -> log.add("micro1"));
      loop.nextTick(() -> log.add("tick1"));
    }, 1);
    loop.setTimeout(() -> log.add("timer2"), 1);
    loop.advanceTimeBy(Duration.ofMillis(1));
    log.assertIs("timer1", "tick1", "micro1", "timer2");
  }

  @Test
  void queuesDrainAfterEveryImmediate() {
    loop.setImmediate(() -> {
      log.add("imm1");
      loop.nextTick(() -> log.add("tick1"));
      loop.queueMicrotask(() -> log.add("micro1"));
    });
    loop.setImmediate(() -> log.add("imm2"));
    loop.runUntilIdle();
    log.assertIs("imm1", "tick1", "micro1", "imm2");
  }

  @Test
  void queuesDrainAfterEveryPostedTask() {
    loop.execute(() -> {
      log.add("post1");
      loop.nextTick(() -> log.add("tick1"));
    });
    loop.execute(() -> log.add("post2"));
    loop.runUntilIdle();
    log.assertIs("post1", "tick1", "post2");
  }

  @Test
  void phasesRunTimersThenPollThenImmediatesThenClose() {
    loop.setTimeout(() -> {
      log.add("timer");
      loop.queueCloseCallback(() -> log.add("close"));
      loop.setImmediate(() -> log.add("immediate"));
      loop.execute(() -> log.add("poll"));
    }, 1);
    loop.advanceTimeBy(Duration.ofMillis(1));
    log.assertIs("timer", "poll", "immediate", "close");
  }

  @Test
  void immediateQueuedDuringImmediatesPhaseRunsNextTurn() {
    loop.setImmediate(() -> {
      log.add("imm1");
      loop.setImmediate(() -> log.add("imm3"));
      loop.queueCloseCallback(() -> log.add("close"));
    });
    loop.setImmediate(() -> log.add("imm2"));
    loop.runUntilIdle();
    log.assertIs("imm1", "imm2", "close", "imm3");
  }

  @Test
  void immediateQueuedDuringImmediatesPhaseRunsAfterDueTimers() {
    loop.setImmediate(() -> {
      log.add("imm1");
      loop.setImmediate(() -> log.add("imm2"));
    });
    loop.setTimeout(() -> log.add("timer"), 1);
    loop.runUntilIdle();
    log.assertIs("imm1", "imm2");
    loop.setImmediate(() -> {
      log.add("imm3");
      loop.setImmediate(() -> log.add("imm4"));
      // The clock moves while imm3 runs: the timer is due when the next turn starts.
      loop.elapse(Duration.ofMillis(5));
    });
    loop.runUntilIdle();
    log.assertIs("imm1", "imm2", "imm3", "timer", "imm4");
  }

  @Test
  void insideTimerSetImmediateRunsBeforeSetTimeoutZero() {
    loop.setTimeout(() -> {
      loop.setTimeout(() -> log.add("timeout0"), 0);
      loop.setImmediate(() -> log.add("immediate"));
    }, 1);
    loop.advanceTimeBy(Duration.ofMillis(2));
    log.assertIs("immediate", "timeout0");
  }

  @Test
  void insideImmediateSetTimeoutZeroWaitsForTheClock() {
    loop.setImmediate(() -> {
      loop.setTimeout(mustCall.once(() -> log.add("timeout0"))::call, 0);
      loop.setImmediate(() -> log.add("immediate"));
    });
    loop.runUntilIdle();
    log.assertIs("immediate");
    loop.advanceTimeBy(Duration.ofMillis(1));
    log.assertIs("immediate", "timeout0");
  }

  @Test
  void clearedImmediateDoesNotRunEvenInTheSamePhase() {
    List<Immediate> later = new ArrayList<>();
    loop.setImmediate(() -> {
      log.add("imm1");
      loop.clearImmediate(later.get(0));
    });
    later.add(loop.setImmediate(mustCall.never()::call));
    loop.setImmediate(() -> log.add("imm3"));
    loop.runUntilIdle();
    log.assertIs("imm1", "imm3");
  }

  @Test
  void closeCallbackQueuedInCloseCallbackRunsNextTurn() {
    loop.queueCloseCallback(() -> {
      log.add("close1");
      loop.queueCloseCallback(() -> log.add("close2"));
      loop.setImmediate(() -> log.add("immediate"));
    });
    loop.runUntilIdle();
    log.assertIs("close1", "immediate", "close2");
  }

  @Test
  void postedTaskThatRepostsItselfDoesNotStarveTheLoop() {
    int[] posts = {0};
    Runnable[] self = new Runnable[1];
    self[0] = () -> {
      log.add("post" + posts[0]);
      if (++posts[0] < 3) {
        loop.execute(self[0]);
      }
    };
    loop.setImmediate(() -> log.add("imm1"));
    loop.execute(self[0]);
    loop.runUntilIdle();
    assertEquals(List.of("post0", "imm1", "post1", "post2"), log.entries());
  }
}
