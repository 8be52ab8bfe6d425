package dev.weir.loop;

/**
 * A timer made by {@code setTimeout} or {@code setInterval}; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/timers.html#class-timeout">Timeout</a>.
 * Loop-confined.
 *
 * <h2>Differences from Node</h2>
 * <ul><li>No {@code [Symbol.toPrimitive]}: pass the object itself to {@code clearTimeout}.</li>
 * </ul>
 */
public final class Timeout implements AutoCloseable {
  final EventLoop loop;
  final Task task;
  /** Delay in ms (at least 1, as Node). */
  final long delay;
  /** Repeat interval in ms, or 0 for a one-shot timer. */
  final long repeat;
  final Handle handle;
  /** When it was started (or refreshed), in loop milliseconds: Node's {@code _idleStart}. */
  long start;
  /** The list of its duration while scheduled, else null; see {@link TimerQueue}. */
  TimerQueue.TimerList list;
  /** Its neighbours in that list. */
  Timeout prev;
  Timeout next;
  boolean cleared;

  Timeout(EventLoop loop, Task task, long delay, boolean repeating) {
    this.loop = loop;
    this.task = task;
    this.delay = delay;
    this.repeat = repeating ? delay : 0;
    this.handle = new Handle(loop);
  }

  /** Node's {@code timeout.ref()}. */
  public Timeout ref() {
    loop.checkInLoop();
    handle.ref();
    return this;
  }

  /** Node's {@code timeout.unref()}: the timer no longer keeps the loop alive. */
  public Timeout unref() {
    loop.checkInLoop();
    handle.unref();
    return this;
  }

  /** Node's {@code timeout.hasRef()}. */
  public boolean hasRef() {
    return handle.hasRef();
  }

  /**
   * Node's {@code timeout.refresh()}: restarts the timer from now with the same delay; a timer
   * that already fired (one-shot) is scheduled again, as in Node.
   */
  public Timeout refresh() {
    loop.checkInLoop();
    if (!cleared) {
      loop.schedule(this, loop.freshNow());
    }
    return this;
  }

  /** Node's {@code timeout.close()}: the same as {@code clearTimeout(this)}. */
  @Override
  public void close() {
    loop.clearTimeout(this);
  }
}
