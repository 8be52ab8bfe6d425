package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * setTimeout, setInterval, setImmediate and their clear functions on a manual clock; mirrors
 * nodejs/node test/parallel/test-timers.js, test-timers-zero-timeout.js,
 * test-timers-clearImmediate.js, test-timers-interval-throw.js and
 * test-timers-same-timeout-wrong-list-deleted.js.
 */
@org.junit.jupiter.api.Timeout(5)
class TimersTest {
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

  private void advance(long ms) {
    loop.advanceTimeBy(Duration.ofMillis(ms));
  }

  @Test
  void timeoutFiresWhenItsDelayHasPassed() {
    loop.setTimeout(mustCall.once(() -> log.add("t"))::call, 10);
    advance(9);
    log.assertIs();
    advance(1);
    log.assertIs("t");
    assertFalse(loop.isAlive());
  }

  @Test
  void timersFireInOrderOfDueTime() {
    loop.setTimeout(() -> log.add("t30"), 30);
    loop.setTimeout(() -> log.add("t10"), 10);
    loop.setTimeout(() -> log.add("t20"), 20);
    advance(30);
    log.assertIs("t10", "t20", "t30");
  }

  @Test
  void timersDueAtTheSameTimeRunInCreationOrder() {
    for (int i = 0; i < 20; i++) {
      int n = i;
      loop.setTimeout(() -> log.add("t" + n), 5);
    }
    advance(5);
    assertEquals(20, log.entries().size());
    for (int i = 0; i < 20; i++) {
      assertEquals("t" + i, log.entries().get(i));
    }
  }

  @Test
  void timersOfDifferentDelaysDueAtTheSameTimeRunInCreationOrder() {
    loop.setTimeout(() -> log.add("a"), 5);
    advance(2);
    loop.setTimeout(() -> log.add("b"), 3);
    loop.setTimeout(() -> log.add("c"), 3);
    advance(3);
    log.assertIs("a", "b", "c");
  }

  @Test
  void zeroDelayIsOneMillisecond() {
    loop.setTimeout(mustCall.once(() -> log.add("zero"))::call, 0);
    loop.runUntilIdle();
    log.assertIs();
    advance(1);
    log.assertIs("zero");
  }

  @Test
  void negativeDelayIsOneMillisecond() {
    loop.setTimeout(mustCall.once(() -> log.add("negative"))::call, -100);
    loop.runUntilIdle();
    log.assertIs();
    advance(1);
    log.assertIs("negative");
  }

  @Test
  void delayAboveTimeoutMaxIsOneMillisecond() {
    loop.setTimeout(mustCall.once(() -> log.add("huge"))::call, EventLoop.TIMEOUT_MAX + 1);
    loop.setTimeout(mustCall.once(() -> log.add("max-long"))::call, Long.MAX_VALUE);
    advance(1);
    log.assertIs("huge", "max-long");
  }

  @Test
  void delayOfTimeoutMaxIsKept() {
    Timeout t = loop.setTimeout(mustCall.never()::call, EventLoop.TIMEOUT_MAX);
    advance(5);
    log.assertIs();
    assertTrue(loop.isAlive());
    loop.clearTimeout(t);
    assertFalse(loop.isAlive());
  }

  @Test
  void timerCreatedInATimerCallbackWithADueTimeNowWaitsForTheNextTurn() {
    loop.setTimeout(() -> {
      log.add("outer");
      loop.setTimeout(() -> log.add("inner"), 1);
      loop.setImmediate(() -> log.add("immediate"));
    }, 1);
    advance(1);
    log.assertIs("outer", "immediate");
    advance(1);
    log.assertIs("outer", "immediate", "inner");
  }

  @Test
  void timerDelayCountsFromWhenItWasCreatedNotFromTheTurnStart() {
    // Node reads a fresh clock in setTimeout (getLibuvNow updates the loop time): a busy
    // callback does not make the timers it creates afterwards fire early.
    loop.setTimeout(() -> log.add("a10"), 10);
    loop.elapse(Duration.ofMillis(30));
    loop.setTimeout(() -> log.add("b5"), 5);
    advance(4);
    log.assertIs("a10");
    advance(1);
    log.assertIs("a10", "b5");
  }

  @Test
  void timerCreatedInABusyTimerCallbackCountsFromItsCreation() {
    loop.setTimeout(() -> {
      log.add("outer");
      loop.elapse(Duration.ofMillis(10));
      loop.setTimeout(() -> log.add("inner"), 5);
    }, 1);
    loop.setTimeout(() -> log.add("sibling"), 12);
    advance(1); // outer runs and takes 10 ms: the clock is now at +11
    log.assertIs("outer");
    advance(1);
    log.assertIs("outer", "sibling");
    advance(3);
    log.assertIs("outer", "sibling");
    advance(1);
    log.assertIs("outer", "sibling", "inner");
  }

  @Test
  void intervalRepeats() {
    Timeout interval = loop.setInterval(mustCall.times(3, () -> log.add("tick"))::call, 10);
    advance(9);
    log.assertIs();
    advance(1);
    log.assertIs("tick");
    advance(20);
    log.assertIs("tick", "tick", "tick");
    loop.clearInterval(interval);
    advance(100);
    assertFalse(loop.isAlive());
  }

  @Test
  void clearIntervalInsideItsOwnCallbackStopsIt() {
    int[] count = {0};
    Timeout[] self = new Timeout[1];
    self[0] = loop.setInterval(mustCall.times(3, () -> {
      if (++count[0] == 3) {
        loop.clearInterval(self[0]);
      }
    })::call, 1);
    advance(10);
    assertEquals(3, count[0]);
    assertFalse(loop.isAlive());
  }

  @Test
  void intervalThatThrowsKeepsRepeating() {
    loop.on("uncaughtException", mustCall.times(2, (Throwable e) -> log.add(e.getMessage())));
    Timeout interval = loop.setInterval(() -> {
      throw new IllegalStateException("boom");
    }, 5);
    advance(10);
    log.assertIs("boom", "boom");
    loop.clearInterval(interval);
  }

  @Test
  void intervalWithZeroDelayRunsEveryMillisecond() {
    Timeout interval = loop.setInterval(mustCall.times(3, () -> log.add("i"))::call, 0);
    advance(3);
    log.assertIs("i", "i", "i");
    loop.clearInterval(interval);
  }

  @Test
  void clearTimeoutCancelsAPendingTimer() {
    Timeout t = loop.setTimeout(mustCall.never()::call, 5);
    loop.clearTimeout(t);
    assertFalse(loop.isAlive());
    advance(10);
  }

  @Test
  void clearTimeoutFromAnEarlierTimerCancelsALaterOneDueInTheSamePhase() {
    Timeout[] second = new Timeout[1];
    loop.setTimeout(mustCall.once(() -> loop.clearTimeout(second[0]))::call, 5);
    second[0] = loop.setTimeout(mustCall.never()::call, 5);
    advance(5);
  }

  @Test
  void clearTimeoutOfNullAndOfAFiredTimerIsIgnored() {
    loop.clearTimeout(null);
    loop.clearInterval(null);
    Timeout t = loop.setTimeout(mustCall.once()::call, 1);
    advance(1);
    loop.clearTimeout(t);
    loop.clearTimeout(t);
    assertFalse(loop.isAlive());
  }

  @Test
  void closeIsClearTimeout() {
    Timeout t = loop.setTimeout(mustCall.never()::call, 1);
    t.close();
    advance(2);
    assertFalse(loop.isAlive());
  }

  @Test
  void clearImmediateCancelsAQueuedImmediate() {
    Immediate i = loop.setImmediate(mustCall.never()::call);
    assertTrue(loop.isAlive());
    loop.clearImmediate(i);
    assertFalse(loop.isAlive());
  }

  @Test
  void clearImmediateOfNullAndOfARunImmediateIsIgnored() {
    loop.clearImmediate(null);
    Immediate i = loop.setImmediate(mustCall.once()::call);
    loop.runUntilIdle();
    loop.clearImmediate(i);
    loop.clearImmediate(i);
    assertFalse(loop.isAlive());
    Immediate other = loop.setImmediate(mustCall.once()::call);
    loop.clearImmediate(i);
    assertTrue(loop.isAlive(), "clearing a stale immediate must not unref another");
    assertTrue(other.hasRef());
  }

  @Test
  void immediatesRunInOrder() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      loop.setImmediate(() -> log.add("imm" + n));
    }
    loop.runUntilIdle();
    log.assertIs("imm0", "imm1", "imm2", "imm3", "imm4");
  }

  @Test
  void globalsUseTheCurrentLoop() {
    Timeout t = Globals.setTimeout(mustCall.once(() -> log.add("timeout"))::call, 1);
    Immediate i = Globals.setImmediate(mustCall.once(() -> log.add("immediate"))::call);
    Globals.nextTick(mustCall.once(() -> log.add("tick"))::call);
    Globals.queueMicrotask(mustCall.once(() -> log.add("micro"))::call);
    Timeout interval = Globals.setInterval(mustCall.never()::call, 5);
    Globals.clearInterval(interval);
    Globals.clearImmediate(Globals.setImmediate(mustCall.never()::call));
    Globals.clearTimeout(Globals.setTimeout(mustCall.never()::call, 1));
    assertSame(loop, EventLoop.current());
    advance(1);
    log.assertIs("tick", "micro", "immediate", "timeout");
    assertTrue(t.hasRef(), "a fired timer keeps its ref flag, as in Node");
    assertFalse(i.hasRef(), "a run immediate has no ref, as in Node");
    assertFalse(loop.isAlive());
  }

  @Test
  void nowFollowsTheLoopClock() {
    long start = loop.now();
    advance(25);
    assertEquals(start + 25, loop.now());
  }
}
