package dev.weir.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring of buffered writes behind Writable's {@code state.buffered}. */
class WriteQueueTest {
  private final WriteQueue queue = new WriteQueue();
  private final List<Callback> callbacks = new ArrayList<>();
  private int added;
  private int taken;

  private void add(int n) {
    for (int i = 0; i < n; i++) {
      Callback cb = err -> { };
      callbacks.add(cb);
      queue.add(added, added % 2 == 0 ? "buffer" : "utf8", cb);
      added++;
    }
  }

  private void take(int n) {
    for (int i = 0; i < n; i++) {
      assertEquals(taken, queue.firstChunk());
      assertEquals(taken % 2 == 0 ? "buffer" : "utf8", queue.firstEncoding());
      assertSame(callbacks.get(taken), queue.firstCallback());
      queue.removeFirst();
      taken++;
    }
    assertEquals(added - taken, queue.size());
  }

  @Test
  void keepsOrderAcrossWrapAroundAndGrowth() {
    add(10);
    take(7);
    add(12); // wraps: the ring of 16 now holds 15 from index 7
    take(5);
    add(40); // grows twice with the head in the middle
    take(added - taken);
    assertTrue(queue.isEmpty());
    add(3);
    take(3);
  }

  @Test
  void drainHandsEveryWriteInOrderAndEmptiesTheQueue() {
    add(14);
    take(9);
    add(30);
    List<WritableState.WriteReq> all = queue.drain();
    assertTrue(queue.isEmpty());
    assertEquals(35, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(9 + i, all.get(i).chunk());
      assertSame(callbacks.get(9 + i), all.get(i).callback);
    }
    taken = added;
    add(20);
    take(20);
  }
}
