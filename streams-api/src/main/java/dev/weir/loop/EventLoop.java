package dev.weir.loop;

import dev.weir.errors.ErrorCode;
import dev.weir.events.EventEmitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded event loop with Node's phases and queues; mirrors the Node
 * <a href="https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick">event
 * loop</a>, {@code process.nextTick}, {@code queueMicrotask} and the
 * <a href="https://nodejs.org/docs/latest-v20.x/api/timers.html">timers</a> module.
 *
 * <p>{@link #run(Task)} runs a main task on the calling thread, then loops until no ref'd handle
 * (timer, immediate, server, socket, pending fs call) is left, like a Node process. After every
 * callback the nextTick queue and then the microtask queue are drained, repeatedly until both are
 * empty. Each turn runs the phases timers → I/O poll → immediates → close callbacks.
 *
 * <p>Every object created on a loop belongs to it and must be used on its thread; entry points
 * call {@link #checkInLoop()}. {@link #execute(Runnable)} is the only thread-safe method.
 *
 * <p>An exception escaping a callback is emitted as {@code 'uncaughtException'} on the loop
 * (which is an {@link EventEmitter}) with Node's arguments {@code (err, "uncaughtException")};
 * with no listener it is logged and ends {@link #run} by
 * being rethrown, as Node would end the process.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>One loop per thread, any number of threads: a server may spread connections over loops.
 *   </li>
 *   <li>Checked exceptions that escape to {@link #run} are wrapped as
 *       {@code ERR_WEIR_UNCAUGHT_EXCEPTION}; unchecked ones are rethrown unchanged.</li>
 *   <li>Timer delays are whole milliseconds from the loop's cached clock, as libuv's.</li>
 * </ul>
 */
public class EventLoop extends EventEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  /** Node's {@code TIMEOUT_MAX}: larger or invalid delays become 1 ms. */
  public static final long TIMEOUT_MAX = 2147483647L;

  private final Thread thread;
  private final Poller poller;
  private final ArrayDeque<Task> ticks = new ArrayDeque<>();
  private final ArrayDeque<Task> microtasks = new ArrayDeque<>();
  private final ArrayDeque<Immediate> immediates = new ArrayDeque<>();
  private final ArrayDeque<Task> closing = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Runnable> external = new ConcurrentLinkedQueue<>();
  private final TimerQueue timers = new TimerQueue();
  /** Active ref'd handles (timers, servers, sockets, pending work). */
  int refHandles;
  /** Queued, not cleared, ref'd immediates. */
  int refImmediates;
  /** The loop's cached clock in ms (libuv's {@code uv_now}). */
  private long now;
  private boolean closed;

  /** Thrown through the loop to end {@link #run} when an error has no handler. */
  private static final class Fatal extends Error {
    private static final long serialVersionUID = 1L;
    final Throwable error;

    Fatal(Throwable error) {
      super(null, null, false, false);
      this.error = error;
    }
  }

  /**
   * A loop owned by the calling thread, with the poller found through {@link ServiceLoader} (or
   * the parking default). Prefer {@link #run(Task)}; subclasses (a test loop) drive it themselves.
   */
  protected EventLoop() {
    if (CURRENT.get() != null) {
      throw new LoopThreadException("ERR_WEIR_NOT_IN_LOOP", "Thread '"
          + Thread.currentThread().getName() + "' already runs an EventLoop");
    }
    this.thread = Thread.currentThread();
    CURRENT.set(this);
    try {
      this.poller = createPoller();
    } catch (IOException e) {
      CURRENT.remove();
      throw new UncheckedIOException("cannot create the loop's poller", e);
    }
    this.now = clockMillis();
  }

  private Poller createPoller() throws IOException {
    Poller.Provider provider = PollerProviders.FIRST;
    return provider != null ? provider.create(this) : new ParkingPoller(thread);
  }

  /**
   * The first {@link Poller.Provider} found through {@link ServiceLoader}, or null: looked up
   * once per JVM (when the first loop starts), since the class loader searched never changes.
   * A lookup reads the service configuration and allocates about 35 KB, which a program that
   * starts many short loops would otherwise pay each time.
   */
  private static final class PollerProviders {
    static final Poller.Provider FIRST = find();

    private static Poller.Provider find() {
      Iterator<Poller.Provider> providers =
          ServiceLoader.load(Poller.Provider.class, EventLoop.class.getClassLoader()).iterator();
      return providers.hasNext() ? providers.next() : null;
    }
  }

  /**
   * Runs {@code main} on the calling thread as the loop's first task, then runs the loop until
   * nothing ref'd is left, then returns. Rethrows an exception that reached the loop with no
   * {@code 'uncaughtException'} listener.
   */
  public static void run(Task main) {
    EventLoop loop = new EventLoop();
    try {
      loop.invokeCallback(main);
      loop.runLoop();
    } catch (Fatal f) {
      throw rethrowable(f.error);
    } finally {
      loop.close();
    }
  }

  private static RuntimeException rethrowable(Throwable error) {
    if (error instanceof RuntimeException) {
      return (RuntimeException) error;
    }
    if (error instanceof Error) {
      throw (Error) error;
    }
    return ErrorCode.ERR_WEIR_UNCAUGHT_EXCEPTION.errorWithCause(error, error);
  }

  /** The loop running on the calling thread; throws {@link LoopThreadException} if none. */
  public static EventLoop current() {
    EventLoop loop = CURRENT.get();
    if (loop == null) {
      throw new LoopThreadException("ERR_WEIR_NO_LOOP", "No EventLoop runs on thread '"
          + Thread.currentThread().getName() + "'; create and use Weir objects inside "
          + "EventLoop.run(...)");
    }
    return loop;
  }

  /** Whether the calling thread runs a loop. */
  public static boolean inLoop() {
    return CURRENT.get() != null;
  }

  /** The thread this loop runs on. */
  public final Thread thread() {
    return thread;
  }

  /**
   * Throws {@link LoopThreadException} naming both threads unless called on this loop's thread.
   * Always on: every loop-confined entry point calls it.
   */
  public final void checkInLoop() {
    // Kept tiny (the message is built elsewhere) so that the JIT inlines it at every call site,
    // even cold ones: it runs several times per chunk on the stream hot paths.
    if (Thread.currentThread() != thread) {
      throw notInLoop();
    }
  }

  private LoopThreadException notInLoop() {
    return new LoopThreadException("ERR_WEIR_NOT_IN_LOOP", "Called on thread '"
        + Thread.currentThread().getName() + "' but this object belongs to the EventLoop on "
        + "thread '" + thread.getName() + "'; use loop.execute(...) to hand work to it");
  }

  // ---- queues -----------------------------------------------------------------------------

  /** Node's {@code process.nextTick(task)}: runs after the current callback, before promises. */
  public final void nextTick(Task task) {
    checkInLoop();
    ticks.add(requireTask(task));
  }

  /** Node's {@code queueMicrotask(task)}: runs after the nextTick queue is drained. */
  public final void queueMicrotask(Task task) {
    checkInLoop();
    microtasks.add(requireTask(task));
  }

  /** Node's {@code setImmediate(task)}: runs in the next immediates (check) phase. */
  public final Immediate setImmediate(Task task) {
    checkInLoop();
    Immediate immediate = new Immediate(this, requireTask(task));
    immediates.add(immediate);
    refImmediates++;
    return immediate;
  }

  /** Node's {@code clearImmediate(immediate)}; null or an already-run immediate is ignored. */
  public final void clearImmediate(Immediate immediate) {
    checkInLoop();
    if (immediate != null && !immediate.cleared) {
      immediate.cleared = true;
      if (immediate.ref) {
        refImmediates--;
      }
    }
  }

  /** Node's {@code setTimeout(task, ms)}: {@code ms} below 1 or above {@link #TIMEOUT_MAX} is 1. */
  public final Timeout setTimeout(Task task, long ms) {
    checkInLoop();
    Timeout timeout = new Timeout(this, requireTask(task), normalizeDelay(ms), false);
    schedule(timeout, freshNow());
    return timeout;
  }

  /** Node's {@code setInterval(task, ms)}. */
  public final Timeout setInterval(Task task, long ms) {
    checkInLoop();
    Timeout timeout = new Timeout(this, requireTask(task), normalizeDelay(ms), true);
    schedule(timeout, freshNow());
    return timeout;
  }

  /** Node's {@code clearTimeout(timeout)}; null or a fired timer is ignored. */
  public final void clearTimeout(Timeout timeout) {
    checkInLoop();
    if (timeout != null) {
      timeout.cleared = true;
      timers.remove(timeout);
      timeout.handle.stop();
    }
  }

  /** Node's {@code clearInterval(timeout)}, the same as {@link #clearTimeout}. */
  public final void clearInterval(Timeout timeout) {
    clearTimeout(timeout);
  }

  /**
   * Queues {@code task} for the close-callbacks phase of this turn (libuv's {@code uv_close}
   * callbacks), keeping the loop alive until it runs. For I/O handles.
   */
  public final void queueCloseCallback(Task task) {
    checkInLoop();
    closing.add(requireTask(task));
  }

  /**
   * Runs {@code task} on this loop, in its poll phase, and wakes the loop if it is blocked. The
   * only thread-safe entry point. The task keeps the loop alive only while it is queued: work
   * that runs elsewhere and reports back later should hold a {@link #pending()} token.
   */
  public final void execute(Runnable task) {
    if (task == null) {
      throw ErrorCode.ERR_INVALID_ARG_TYPE.error("task", "of type function", "null");
    }
    external.add(task);
    poller.wakeup();
  }

  /** Starts off-loop work that keeps the loop alive until its {@link PendingWork#complete}. */
  public final PendingWork pending() {
    checkInLoop();
    return new PendingWork(this);
  }

  /** A new inactive {@link Handle} for an I/O object of this loop. */
  public final Handle newHandle() {
    checkInLoop();
    return new Handle(this);
  }

  /** The loop's cached clock in milliseconds (libuv's {@code uv_now}). */
  public final long now() {
    return now;
  }

  /** The poller this loop waits on, for I/O backends that register with it. */
  public final Poller poller() {
    return poller;
  }

  private static Task requireTask(Task task) {
    if (task == null) {
      throw ErrorCode.ERR_INVALID_ARG_TYPE.error("callback", "of type function", "null");
    }
    return task;
  }

  private static long normalizeDelay(long ms) {
    if (ms < 1 || ms > TIMEOUT_MAX) {
      if (ms > TIMEOUT_MAX) {
        LOG.warn("TimeoutOverflowWarning: {} does not fit into a 32-bit signed integer. "
            + "Timeout duration was set to 1.", ms);
      }
      return 1;
    }
    return ms;
  }

  // ---- running callbacks -----------------------------------------------------------------

  /**
   * Runs {@code callback} as Node runs a callback from libuv: what it throws goes to
   * {@code 'uncaughtException'}, then the nextTick and microtask queues are drained. For pollers
   * and I/O backends; user code never needs it.
   */
  public final void invokeCallback(Task callback) {
    try {
      callback.run();
    } catch (Fatal f) {
      throw f;
    } catch (Throwable e) {
      uncaught(e);
    }
    processTicksAndRejections();
  }

  private void processTicksAndRejections() {
    do {
      Task tick;
      while ((tick = ticks.poll()) != null) {
        runGuarded(tick);
      }
      Task micro;
      while ((micro = microtasks.poll()) != null) {
        runGuarded(micro);
      }
    } while (!ticks.isEmpty());
  }

  private void runGuarded(Task task) {
    try {
      task.run();
    } catch (Fatal f) {
      throw f;
    } catch (Throwable e) {
      uncaught(e);
    }
  }

  private void uncaught(Throwable error) {
    if (listenerCount("uncaughtException") == 0) {
      LOG.error("Uncaught exception on the event loop of thread '{}'", thread.getName(), error);
      throw new Fatal(error);
    }
    try {
      // Node's listener signature: (err, origin).
      emit("uncaughtException", error, "uncaughtException");
    } catch (Throwable inHandler) {
      LOG.error("'uncaughtException' listener threw", inHandler);
      throw new Fatal(inHandler);
    }
  }

  // ---- the loop ---------------------------------------------------------------------------

  /** The monotonic clock in ms; a test loop replaces it with a manual one. */
  protected long clockMillis() {
    return System.nanoTime() / 1_000_000L;
  }

  /** Refreshes the cached clock (libuv's {@code uv_update_time}). */
  protected final void updateTime() {
    now = clockMillis();
  }

  /**
   * Refreshes and returns the cached clock, as Node's {@code getLibuvNow()} does for every timer
   * it starts: a timer counts from when it was created, not from the start of the turn, so a
   * busy callback does not make the timers it creates afterwards fire early.
   */
  final long freshNow() {
    updateTime();
    return now;
  }

  /** Node's liveness rule: ref'd active handles, ref'd immediates, close callbacks, posts. */
  protected final boolean alive() {
    return refHandles > 0 || refImmediates > 0 || !closing.isEmpty() || !external.isEmpty();
  }

  /** Whether a turn run now would run something without waiting. */
  protected final boolean hasDueWork() {
    return !immediates.isEmpty() || !closing.isEmpty() || !external.isEmpty()
        || !ticks.isEmpty() || !microtasks.isEmpty()
        || timers.nextExpiry() <= clockMillis();
  }

  private void runLoop() {
    while (alive()) {
      runTurn(true);
    }
  }

  /**
   * One turn: timers, poll (waiting for the next timer if {@code mayBlock} and nothing else is
   * due), immediates, close callbacks. Rethrows a fatal uncaught error.
   */
  protected final void runTurn(boolean mayBlock) {
    processTicksAndRejections();
    updateTime();
    runTimers();
    long timeout = mayBlock ? pollTimeout() : 0;
    try {
      poller.poll(timeout);
    } catch (IOException e) {
      uncaught(e);
    }
    if (Thread.currentThread().isInterrupted()) {
      // An interrupted loop thread (a test timeout, a shutdown) ends run() instead of spinning.
      throw new Fatal(new InterruptedException("the event loop's thread '" + thread.getName()
          + "' was interrupted"));
    }
    updateTime();
    runExternal();
    runImmediates();
    runClosing();
  }

  /**
   * Runs {@link #runTurn} repeatedly while something is due now, without waiting. Returns
   * after rethrowing any uncaught error as {@link #run} would.
   */
  protected final void runDue() {
    try {
      processTicksAndRejections();
      while (hasDueWork()) {
        runTurn(false);
      }
    } catch (Fatal f) {
      throw rethrowable(f.error);
    }
  }

  private long pollTimeout() {
    if (!immediates.isEmpty() || !closing.isEmpty() || !external.isEmpty()) {
      return 0;
    }
    long expiry = timers.nextExpiry();
    if (expiry != Long.MAX_VALUE) {
      return Math.max(0, expiry - now);
    }
    return alive() ? -1 : 0;
  }

  private void runTimers() {
    // Node: processTimers(now) compares every timer with the time the phase started, even when
    // callbacks read a fresher clock (a timer started in this phase never runs in it).
    long phaseNow = now;
    Timeout timer;
    while ((timer = timers.nextDue(phaseNow)) != null) {
      if (timer.repeat == 0) {
        timer.handle.stop();
      }
      // Node: listOnTimeout() takes an interval's restart time before calling it.
      long start = timer.repeat > 0 ? freshNow() : 0;
      invokeCallback(timer.task);
      // Node: an interval is rescheduled after its callback unless cleared or refreshed there.
      if (timer.repeat > 0 && !timer.cleared && timer.list == null) {
        schedule(timer, start);
      }
    }
  }

  private void runExternal() {
    // Only what was posted before the phase began: a task that posts again (or a thread that
    // posts without pause) waits for the next turn instead of starving timers and immediates,
    // as libuv's async handles do.
    Runnable task;
    for (int n = external.size(); n > 0 && (task = external.poll()) != null; n--) {
      Runnable posted = task;
      invokeCallback(posted::run);
    }
  }

  private void runImmediates() {
    // Immediates queued while this phase runs wait for the next turn, as in Node.
    int count = immediates.size();
    for (int i = 0; i < count; i++) {
      Immediate immediate = immediates.poll();
      if (immediate.cleared) {
        continue;
      }
      immediate.cleared = true;
      if (immediate.ref) {
        refImmediates--;
      }
      invokeCallback(immediate.task);
    }
  }

  private void runClosing() {
    int count = closing.size();
    for (int i = 0; i < count; i++) {
      invokeCallback(closing.poll());
    }
  }

  /** Releases the poller and unbinds the thread; the loop cannot run again. */
  protected void close() {
    if (!closed) {
      closed = true;
      CURRENT.remove();
      poller.close();
    }
  }

  // ---- timers: Node's lists per duration, in TimerQueue -------------------------------------

  final void schedule(Timeout timer, long start) {
    timer.cleared = false;
    timer.handle.start();
    timers.insert(timer, start);
  }
}
