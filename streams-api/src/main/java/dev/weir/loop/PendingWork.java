package dev.weir.loop;

/**
 * Work running off the loop (a blocking file read on a worker thread) that keeps the loop alive
 * until it completes, like a libuv request. Created on the loop with {@link EventLoop#pending()};
 * {@link #complete} may be called from any thread, once.
 */
public final class PendingWork {
  private final EventLoop loop;
  private final Handle handle;
  private final java.util.concurrent.atomic.AtomicBoolean completed =
      new java.util.concurrent.atomic.AtomicBoolean();

  PendingWork(EventLoop loop) {
    this.loop = loop;
    this.handle = new Handle(loop);
    handle.start();
  }

  /**
   * Posts {@code callback} to the loop, which releases this work and then runs it as an I/O
   * callback. Thread-safe; a second call throws {@link IllegalStateException}.
   */
  public void complete(Task callback) {
    if (!completed.compareAndSet(false, true)) {
      throw new IllegalStateException("PendingWork completed twice");
    }
    loop.execute(() -> {
      handle.stop();
      loop.invokeCallback(callback);
    });
  }
}
