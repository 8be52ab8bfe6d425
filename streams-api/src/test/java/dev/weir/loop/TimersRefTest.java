package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timeout and Immediate ref/unref/hasRef/refresh on a manual clock; mirrors nodejs/node
 * test/parallel/test-timers-unref.js, test-timers-refresh.js and test-timers-immediate-unref.js.
 * What {@link EventLoop#run} does with unref'd handles is in {@link EventLoopRunTest}.
 */
@org.junit.jupiter.api.Timeout(5)
class TimersRefTest {
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
  void timeoutIsRefdByDefaultAndUnrefReleasesTheLoop() {
    Timeout t = loop.setTimeout(mustCall.once()::call, 10);
    assertTrue(t.hasRef());
    assertTrue(loop.isAlive());
    assertSame(t, t.unref());
    assertFalse(t.hasRef());
    assertFalse(loop.isAlive());
    assertSame(t, t.ref());
    assertTrue(t.hasRef());
    assertTrue(loop.isAlive());
    advance(10);
    assertFalse(loop.isAlive());
  }

  @Test
  void refAndUnrefAreIdempotent() {
    Timeout t = loop.setTimeout(mustCall.once()::call, 10);
    t.unref().unref();
    assertFalse(loop.isAlive());
    t.ref().ref();
    assertTrue(loop.isAlive());
    t.unref();
    assertFalse(loop.isAlive(), "two refs must not count twice");
    t.ref();
    advance(10);
  }

  @Test
  void unrefdTimerStillFiresWhileTheLoopIsAliveAnyway() {
    loop.setTimeout(mustCall.once(() -> log.add("unrefd"))::call, 5).unref();
    loop.setTimeout(mustCall.once(() -> log.add("refd"))::call, 10);
    advance(10);
    log.assertIs("unrefd", "refd");
  }

  @Test
  void refAndUnrefOfAFiredOrClearedTimerDoNotChangeLiveness() {
    Timeout fired = loop.setTimeout(mustCall.once()::call, 1);
    advance(1);
    fired.unref().ref();
    assertFalse(loop.isAlive());
    Timeout cleared = loop.setTimeout(mustCall.never()::call, 1);
    loop.clearTimeout(cleared);
    cleared.unref().ref();
    assertFalse(loop.isAlive());
  }

  @Test
  void unrefdIntervalStaysUnrefdAcrossRepeats() {
    Timeout interval = loop.setInterval(mustCall.times(3, () -> log.add("i"))::call, 2).unref();
    assertFalse(loop.isAlive());
    advance(6);
    log.assertIs("i", "i", "i");
    assertFalse(loop.isAlive());
    interval.ref();
    assertTrue(loop.isAlive());
    loop.clearInterval(interval);
    assertFalse(loop.isAlive());
  }

  @Test
  void refreshRestartsAPendingTimerFromNow() {
    Timeout t = loop.setTimeout(mustCall.once(() -> log.add("t"))::call, 10);
    advance(8);
    assertSame(t, t.refresh());
    advance(9);
    log.assertIs();
    advance(1);
    log.assertIs("t");
  }

  @Test
  void refreshOfAFiredTimerSchedulesItAgain() {
    Timeout t = loop.setTimeout(mustCall.times(2, () -> log.add("t"))::call, 5);
    advance(5);
    log.assertIs("t");
    assertFalse(loop.isAlive());
    t.refresh();
    assertTrue(loop.isAlive());
    advance(4);
    log.assertIs("t");
    advance(1);
    log.assertIs("t", "t");
  }

  @Test
  void refreshInsideItsOwnCallbackRepeatsIt() {
    int[] count = {0};
    Timeout[] self = new Timeout[1];
    self[0] = loop.setTimeout(mustCall.times(3, () -> {
      if (++count[0] < 3) {
        self[0].refresh();
      }
    })::call, 4);
    advance(12);
    assertFalse(loop.isAlive());
  }

  @Test
  void refreshOfAClearedTimerDoesNothing() {
    Timeout t = loop.setTimeout(mustCall.never()::call, 5);
    loop.clearTimeout(t);
    t.refresh();
    assertFalse(loop.isAlive());
    advance(10);
  }

  @Test
  void refreshOfAnUnrefdTimerKeepsItUnrefd() {
    Timeout t = loop.setTimeout(mustCall.times(2, () -> log.add("t"))::call, 5).unref();
    advance(5);
    t.refresh();
    assertFalse(t.hasRef());
    assertFalse(loop.isAlive());
    advance(5);
    log.assertIs("t", "t");
  }

  @Test
  void refreshOfAnIntervalInItsCallbackDoesNotScheduleItTwice() {
    Timeout[] self = new Timeout[1];
    self[0] = loop.setInterval(mustCall.times(2, () -> {
      log.add("i" + loop.now());
      self[0].refresh();
    })::call, 3);
    long start = loop.now();
    advance(6);
    log.assertIs("i" + (start + 3), "i" + (start + 6));
    loop.clearInterval(self[0]);
  }

  @Test
  void immediateUnrefReleasesTheLoopButStillRunsWhileAlive() {
    Immediate i = loop.setImmediate(mustCall.once(() -> log.add("imm"))::call);
    assertTrue(i.hasRef());
    assertTrue(loop.isAlive());
    assertSame(i, i.unref());
    assertFalse(i.hasRef());
    assertFalse(loop.isAlive());
    i.unref();
    i.ref();
    assertTrue(loop.isAlive());
    i.unref();
    loop.setTimeout(mustCall.once()::call, 1);
    advance(1);
    log.assertIs("imm");
    assertFalse(loop.isAlive());
  }

  @Test
  void clearingAnUnrefdImmediateKeepsTheCountRight() {
    Immediate unrefd = loop.setImmediate(mustCall.never()::call).unref();
    Immediate refd = loop.setImmediate(mustCall.once()::call);
    loop.clearImmediate(unrefd);
    assertTrue(loop.isAlive());
    assertTrue(refd.hasRef());
    loop.runUntilIdle();
    assertFalse(loop.isAlive());
  }

  @Test
  void runOrClearedImmediateHasNoRefAndIgnoresRef() {
    Immediate run = loop.setImmediate(mustCall.once()::call);
    loop.runUntilIdle();
    assertFalse(run.hasRef());
    run.ref();
    assertFalse(run.hasRef());
    assertFalse(loop.isAlive());
    Immediate cleared = loop.setImmediate(mustCall.never()::call);
    loop.clearImmediate(cleared);
    assertFalse(cleared.hasRef());
    cleared.unref().ref();
    assertFalse(loop.isAlive());
  }
}
