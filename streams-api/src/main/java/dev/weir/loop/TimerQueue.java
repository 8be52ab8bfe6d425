package dev.weir.loop;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The loop's timers, kept as Node keeps them (lib/internal/timers.js): one list per duration,
 * in start order, so that starting or clearing a timer is O(1); and a binary min-heap of the
 * lists on (expiry, id), where a list's expiry is when its first timer is due. A storm of timers
 * with few distinct delays costs a list append each instead of a heap insertion each.
 *
 * <p>The order matches Node's: the list that expires first runs every timer of its own that is
 * due before another list gets a turn, and lists due at the same time run in the order they were
 * created or last moved (their {@code id}).
 */
final class TimerQueue {
  /** The timers of one duration, in start order: each is due no earlier than the one before. */
  static final class TimerList {
    final long msecs;
    /** When the first timer is due, or (while running) when the list should be looked at. */
    long expiry;
    /** Node's {@code timerListId}: the tie-break between lists expiring together. */
    long id;
    int heapIndex = -1;
    Timeout head;
    Timeout tail;

    TimerList(long msecs) {
      this.msecs = msecs;
    }
  }

  private final HashMap<Long, TimerList> byDuration = new HashMap<>();
  /** The list found last: a burst of timers with one delay skips the map lookup. */
  private TimerList lastList;
  private TimerList[] heap = new TimerList[8];
  private int heapSize;
  private long nextListId;

  /** Appends {@code timer}, started at {@code start}, to its duration's list (moving it there). */
  void insert(Timeout timer, long start) {
    remove(timer);
    timer.start = start;
    TimerList list = lastList;
    if (list == null || list.msecs != timer.delay) {
      list = byDuration.get(timer.delay);
      if (list == null) {
        list = new TimerList(timer.delay);
        list.expiry = start + timer.delay;
        list.id = nextListId++;
        byDuration.put(timer.delay, list);
        heapAdd(list);
      }
      lastList = list;
    }
    timer.list = list;
    timer.prev = list.tail;
    timer.next = null;
    if (list.tail == null) {
      list.head = timer;
    } else {
      list.tail.next = timer;
    }
    list.tail = timer;
  }

  /** Unlinks {@code timer} if it is scheduled; a list left empty goes too (Node's unenroll). */
  void remove(Timeout timer) {
    TimerList list = timer.list;
    if (list == null) {
      return;
    }
    if (timer.prev == null) {
      list.head = timer.next;
    } else {
      timer.prev.next = timer.next;
    }
    if (timer.next == null) {
      list.tail = timer.prev;
    } else {
      timer.next.prev = timer.prev;
    }
    timer.list = null;
    timer.prev = null;
    timer.next = null;
    if (list.head == null) {
      dropList(list);
    }
  }

  /** When the earliest list is due, or {@link Long#MAX_VALUE} when no timer is scheduled. */
  long nextExpiry() {
    return heapSize == 0 ? Long.MAX_VALUE : heap[0].expiry;
  }

  /**
   * Unlinks and returns the next timer due at {@code now}, or null when none is; Node's
   * {@code processTimers}/{@code listOnTimeout} walk, one timer per call. A list whose first
   * timer is not due yet gets its new expiry (at least {@code now + 1}) and a new id.
   */
  Timeout nextDue(long now) {
    while (heapSize > 0) {
      TimerList list = heap[0];
      if (list.expiry > now) {
        return null;
      }
      Timeout timer = list.head;
      if (now - timer.start < list.msecs) {
        list.expiry = Math.max(timer.start + list.msecs, now + 1);
        list.id = nextListId++;
        siftDown(0);
        continue;
      }
      remove(timer);
      return timer;
    }
    return null;
  }

  private void dropList(TimerList list) {
    byDuration.remove(list.msecs);
    if (lastList == list) {
      lastList = null;
    }
    heapRemove(list);
  }

  // ---- the heap of lists: a binary min-heap on (expiry, id) with O(log n) removal -----------

  private void heapAdd(TimerList list) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    heap[heapSize] = list;
    list.heapIndex = heapSize;
    heapSize++;
    siftUp(list.heapIndex);
  }

  private void heapRemove(TimerList list) {
    int i = list.heapIndex;
    if (i < 0) {
      return;
    }
    list.heapIndex = -1;
    heapSize--;
    if (i == heapSize) {
      heap[i] = null;
      return;
    }
    TimerList last = heap[heapSize];
    heap[heapSize] = null;
    heap[i] = last;
    last.heapIndex = i;
    siftDown(i);
    if (last.heapIndex == i) {
      siftUp(i);
    }
  }

  private static boolean before(TimerList a, TimerList b) {
    return a.expiry < b.expiry || (a.expiry == b.expiry && a.id < b.id);
  }

  private void siftUp(int i) {
    TimerList t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerList p = heap[parent];
      if (!before(t, p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private void siftDown(int i) {
    TimerList t = heap[i];
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < heapSize && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], t)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = t;
    t.heapIndex = i;
  }
}
