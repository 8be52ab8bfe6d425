package dev.weir.fs;

import dev.weir.loop.EventLoop;
import dev.weir.loop.PendingWork;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool that runs blocking file I/O, like libuv's threadpool: {@value #THREADS} daemon
 * threads named {@code weir-fs-N}, shared by every loop, with an unbounded FIFO queue. A job
 * holds a {@link PendingWork} token, so a pending fs call keeps its loop alive, and reports back
 * on the loop that submitted it.
 */
final class FsPool {
  /** libuv's default {@code UV_THREADPOOL_SIZE}. */
  static final int THREADS = 4;

  private static final ExecutorService POOL = new ThreadPoolExecutor(THREADS, THREADS, 0L,
      TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new Factory());

  /** Blocking work run on a pool thread; may throw, the exception becomes the error. */
  @FunctionalInterface
  interface Op<T> {
    T call() throws Exception;
  }

  private static final class Factory implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "weir-fs-" + next.getAndIncrement());
      t.setDaemon(true);
      return t;
    }
  }

  private FsPool() {}

  /**
   * Runs {@code op} on the pool and calls {@code cb} back on the calling thread's loop with its
   * result, or with the exception mapped by {@link FsErrors#map} (syscall {@code syscall},
   * path {@code path}; a null {@code syscall} passes the exception on as it is). Must be called
   * on a loop thread.
   */
  static <T> void submit(String syscall, String path, Op<T> op, FsCallback<? super T> cb) {
    EventLoop loop = EventLoop.current();
    PendingWork work = loop.pending();
    POOL.execute(() -> {
      T value = null;
      Throwable err = null;
      try {
        value = op.call();
      } catch (Throwable e) {
        err = syscall == null ? e : FsErrors.map(e, syscall, path);
      }
      T v = value;
      Throwable er = err;
      work.complete(() -> cb.done(er, v));
    });
  }
}
