package dev.weir.loop;

/**
 * A callback queued with {@code setImmediate}; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/timers.html#class-immediate">Immediate</a>.
 * Loop-confined.
 */
public final class Immediate {
  final EventLoop loop;
  final Task task;
  boolean cleared;
  boolean ref = true;

  Immediate(EventLoop loop, Task task) {
    this.loop = loop;
    this.task = task;
  }

  /** Node's {@code immediate.ref()}. */
  public Immediate ref() {
    loop.checkInLoop();
    if (!ref && !cleared) {
      loop.refImmediates++;
    }
    ref = true;
    return this;
  }

  /** Node's {@code immediate.unref()}: the immediate no longer keeps the loop alive. */
  public Immediate unref() {
    loop.checkInLoop();
    if (ref && !cleared) {
      loop.refImmediates--;
    }
    ref = false;
    return this;
  }

  /** Node's {@code immediate.hasRef()}: false once the immediate has run or was cleared. */
  public boolean hasRef() {
    return ref && !cleared;
  }
}
