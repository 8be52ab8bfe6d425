package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link TimerQueue} on its own, with explicit times instead of a clock: Node's order (one list
 * per duration, lists by expiry then id), O(1) removal anywhere in a list, empty lists dropped.
 */
class TimerQueueTest {

  private static void withLoop(Consumer<EventLoop> body) {
    EventLoop.run(() -> body.accept(EventLoop.current()));
  }

  private static Timeout timer(EventLoop loop, long delay) {
    return new Timeout(loop, () -> { }, delay, false);
  }

  /** Everything due at {@code now}, in the order the loop would run it. */
  private static List<Timeout> drain(TimerQueue q, long now) {
    List<Timeout> out = new ArrayList<>();
    Timeout t;
    while ((t = q.nextDue(now)) != null) {
      out.add(t);
    }
    return out;
  }

  @Test
  void oneDurationRunsInStartOrderAndOnlyWhenDue() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      Timeout a = timer(loop, 10);
      Timeout b = timer(loop, 10);
      Timeout c = timer(loop, 10);
      q.insert(a, 0);
      q.insert(b, 3);
      q.insert(c, 7);
      assertEquals(10, q.nextExpiry());
      assertEquals(List.of(), drain(q, 9));
      assertEquals(List.of(a, b), drain(q, 13));
      // The list now expires when c is due.
      assertEquals(17, q.nextExpiry());
      assertEquals(List.of(c), drain(q, 17));
      assertEquals(Long.MAX_VALUE, q.nextExpiry());
    });
  }

  @Test
  void theFirstDueListRunsEveryDueTimerOfItsOwnFirst() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      Timeout a1 = timer(loop, 10);
      Timeout a2 = timer(loop, 10);
      Timeout b = timer(loop, 8);
      q.insert(a1, 0);  // due 10
      q.insert(a2, 5);  // due 15
      q.insert(b, 5);   // due 13, its own list
      assertEquals(List.of(a1, a2, b), drain(q, 20));
    });
  }

  @Test
  void listsDueTogetherRunInCreationOrder() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      Timeout x = timer(loop, 5);
      Timeout y = timer(loop, 3);
      q.insert(x, 0);  // due 5, list created first
      q.insert(y, 2);  // due 5
      assertEquals(List.of(x, y), drain(q, 5));
    });
  }

  @Test
  void removingAnywhereKeepsTheRestAndDropsEmptyLists() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      Timeout a = timer(loop, 10);
      Timeout b = timer(loop, 10);
      Timeout c = timer(loop, 10);
      Timeout d = timer(loop, 4);
      q.insert(a, 0);
      q.insert(b, 1);
      q.insert(c, 2);
      q.insert(d, 0);
      q.remove(b);
      q.remove(b); // twice: nothing
      q.remove(d);
      assertNull(d.list);
      assertEquals(10, q.nextExpiry(), "the 4 ms list went with its only timer");
      q.remove(a);
      assertEquals(List.of(c), drain(q, 100));
      assertEquals(Long.MAX_VALUE, q.nextExpiry());
    });
  }

  @Test
  void insertingAgainMovesATimerToTheEndOfItsList() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      Timeout a = timer(loop, 10);
      Timeout b = timer(loop, 10);
      q.insert(a, 0);
      q.insert(b, 1);
      q.insert(a, 2); // refresh
      assertSame(b, q.nextDue(11));
      assertNull(q.nextDue(11), "a is due at 12 now");
      assertSame(a, q.nextDue(12));
    });
  }

  @Test
  void aStormOfManyDurationsComesOutInNodesOrder() {
    withLoop(loop -> {
      TimerQueue q = new TimerQueue();
      List<Timeout> all = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        Timeout t = timer(loop, 1 + (i * 7919L) % 10);
        q.insert(t, i / 1000);
        all.add(t);
      }
      List<Timeout> out = drain(q, 1_000);
      assertEquals(all.size(), out.size());
      java.util.Map<Timeout, Integer> started = new java.util.IdentityHashMap<>();
      for (int i = 0; i < all.size(); i++) {
        started.put(all.get(i), i);
      }
      // Within one duration, start order.
      int[] last = new int[11];
      java.util.Arrays.fill(last, -1);
      for (Timeout t : out) {
        int index = started.get(t);
        assertEquals(true, index > last[(int) t.delay], "start order within " + t.delay + " ms");
        last[(int) t.delay] = index;
      }
    });
  }
}
