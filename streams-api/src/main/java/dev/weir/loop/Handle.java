package dev.weir.loop;

/**
 * Something that keeps its loop alive while it is active and ref'd, like a libuv handle: a
 * server, a socket, a timer. The loop returns from {@link EventLoop#run} when no active ref'd
 * handle is left. Loop-confined.
 */
public final class Handle {
  private final EventLoop loop;
  private boolean active;
  private boolean ref = true;

  Handle(EventLoop loop) {
    this.loop = loop;
  }

  /** Marks the handle active (idempotent): if ref'd, it now keeps the loop alive. */
  public void start() {
    if (!active) {
      active = true;
      if (ref) {
        loop.refHandles++;
      }
    }
  }

  /** Marks the handle inactive (idempotent). */
  public void stop() {
    if (active) {
      active = false;
      if (ref) {
        loop.refHandles--;
      }
    }
  }

  /** Node's {@code ref()}: an active handle keeps the loop alive again. */
  public void ref() {
    if (!ref) {
      ref = true;
      if (active) {
        loop.refHandles++;
      }
    }
  }

  /** Node's {@code unref()}: the handle no longer keeps the loop alive. */
  public void unref() {
    if (ref) {
      ref = false;
      if (active) {
        loop.refHandles--;
      }
    }
  }

  /** Node's {@code hasRef()}. */
  public boolean hasRef() {
    return ref;
  }

  /** Whether the handle was started and not stopped. */
  public boolean isActive() {
    return active;
  }
}
