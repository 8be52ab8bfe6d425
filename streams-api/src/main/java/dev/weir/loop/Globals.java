package dev.weir.loop;

/**
 * Node's global scheduling functions on the calling thread's loop, for static import:
 * {@code import static dev.weir.loop.Globals.*;} then {@code nextTick(() -> ...)},
 * {@code setTimeout(() -> ..., 10)} as in Node. Each throws {@link LoopThreadException} when the
 * calling thread runs no loop; the same methods exist on {@link EventLoop} for an explicit loop.
 */
public final class Globals {
  private Globals() {}

  /** Node's {@code process.nextTick(task)}. */
  public static void nextTick(Task task) {
    EventLoop.current().nextTick(task);
  }

  /** Node's {@code queueMicrotask(task)}. */
  public static void queueMicrotask(Task task) {
    EventLoop.current().queueMicrotask(task);
  }

  /** Node's {@code setImmediate(task)}. */
  public static Immediate setImmediate(Task task) {
    return EventLoop.current().setImmediate(task);
  }

  /** Node's {@code clearImmediate(immediate)}. */
  public static void clearImmediate(Immediate immediate) {
    EventLoop.current().clearImmediate(immediate);
  }

  /** Node's {@code setTimeout(task, ms)}. */
  public static Timeout setTimeout(Task task, long ms) {
    return EventLoop.current().setTimeout(task, ms);
  }

  /** Node's {@code setInterval(task, ms)}. */
  public static Timeout setInterval(Task task, long ms) {
    return EventLoop.current().setInterval(task, ms);
  }

  /** Node's {@code clearTimeout(timeout)}. */
  public static void clearTimeout(Timeout timeout) {
    EventLoop.current().clearTimeout(timeout);
  }

  /** Node's {@code clearInterval(timeout)}. */
  public static void clearInterval(Timeout timeout) {
    EventLoop.current().clearInterval(timeout);
  }
}
