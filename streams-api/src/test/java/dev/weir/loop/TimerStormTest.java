package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many timers at once must stay O(log n) each; mirrors the spirit of nodejs/node
 * test/sequential/test-timers-block-eventloop.js and test/parallel/test-timers-ordering.js.
 * No timing is asserted: a quadratic timer queue would not finish 100k+ timers within the class
 * timeout, while the heap does it in well under a second.
 */
@org.junit.jupiter.api.Timeout(10)
class TimerStormTest {
  static final int N = 200_000;

  @Test
  void manyTimersWithDistinctDelaysFireInDueOrder() {
    try (TestLoop loop = new TestLoop()) {
      int[] fired = {0};
      long[] last = {0};
      boolean[] ordered = {true};
      // A scrambled permutation of delays 1..N/100, 100 timers per millisecond.
      for (int i = 0; i < N; i++) {
        long delay = 1 + (i * 7919L) % (N / 100);
        loop.setTimeout(() -> {
          fired[0]++;
          if (loop.now() < last[0]) {
            ordered[0] = false;
          }
          last[0] = loop.now();
        }, delay);
      }
      loop.advanceTimeBy(Duration.ofMillis(N / 100));
      assertEquals(N, fired[0]);
      assertEquals(true, ordered[0]);
      assertFalse(loop.isAlive());
    }
  }

  @Test
  void manyTimersDueAtOnceRunInCreationOrder() {
    try (TestLoop loop = new TestLoop()) {
      int[] next = {0};
      int[] outOfOrder = {0};
      for (int i = 0; i < N; i++) {
        int n = i;
        loop.setTimeout(() -> {
          if (next[0]++ != n) {
            outOfOrder[0]++;
          }
        }, 10);
      }
      loop.advanceTimeBy(Duration.ofMillis(10));
      assertEquals(N, next[0]);
      assertEquals(0, outOfOrder[0]);
    }
  }

  @Test
  void clearingAndRefreshingManyTimersIsCheap() {
    try (TestLoop loop = new TestLoop()) {
      int[] fired = {0};
      List<Timeout> timers = new ArrayList<>(N);
      for (int i = 0; i < N; i++) {
        timers.add(loop.setTimeout(() -> fired[0]++, 1 + i % 1000));
      }
      // Clear every other one from the middle of the heap, refresh the rest.
      for (int i = 0; i < N; i += 2) {
        loop.clearTimeout(timers.get(i));
      }
      for (int i = 1; i < N; i += 2) {
        timers.get(i).refresh();
      }
      loop.advanceTimeBy(Duration.ofMillis(1000));
      assertEquals(N / 2, fired[0]);
      assertFalse(loop.isAlive());
    }
  }

  @Test
  void chainOfTimersEachStartingTheNextCompletes() {
    try (TestLoop loop = new TestLoop()) {
      int[] fired = {0};
      Task[] step = new Task[1];
      step[0] = () -> {
        if (++fired[0] < N) {
          loop.setTimeout(step[0], 0);
        }
      };
      // Also keep a crowd of long timers in the heap while the chain runs.
      for (int i = 0; i < N; i++) {
        loop.setTimeout(() -> {}, 1_000_000).unref();
      }
      loop.setTimeout(step[0], 0);
      loop.advanceTimeBy(Duration.ofMillis(N));
      assertEquals(N, fired[0]);
    }
  }

  @Test
  void stormOnARealLoopCompletes() {
    int[] fired = {0};
    int[] immediates = {0};
    int[] ticks = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      for (int i = 0; i < N; i++) {
        loop.setTimeout(() -> fired[0]++, 1 + i % 5);
        loop.setImmediate(() -> immediates[0]++);
        loop.nextTick(() -> ticks[0]++);
      }
    });
    assertEquals(N, fired[0]);
    assertEquals(N, immediates[0]);
    assertEquals(N, ticks[0]);
  }
}
