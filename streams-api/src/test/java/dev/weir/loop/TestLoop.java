package dev.weir.loop;

import java.time.Duration;

/**
 * A caller-driven {@link EventLoop} for tests (Netty's {@code EmbeddedChannel} idea): it belongs
 * to the thread that creates it, its clock moves only by {@link #advanceTimeBy}, and
 * {@link #runUntilIdle()} runs everything that is due without waiting. Code written between
 * calls runs like a main script. Call {@link #close()} (or {@link #shutdown()}) when done.
 */
public final class TestLoop extends EventLoop implements AutoCloseable {
  private long clock = 1_000;

  /** A loop for the calling thread; fails if the thread already runs one. */
  public TestLoop() {
    super();
    // EventLoop's constructor read the clock before this class's field was set.
    updateTime();
  }

  @Override
  protected long clockMillis() {
    return clock;
  }

  /** Runs ticks, microtasks, due timers, immediates and posted tasks until none is due. */
  public TestLoop runUntilIdle() {
    checkInLoop();
    runDue();
    return this;
  }

  /** Moves the clock forward by {@code d}, in steps that fire timers in order, and runs them. */
  public TestLoop advanceTimeBy(Duration d) {
    checkInLoop();
    runDue();
    long target = clock + d.toMillis();
    while (clock < target) {
      clock++;
      runDue();
    }
    // The loop waited until now, as a real one wakes from its poll: now() is the new time.
    updateTime();
    return this;
  }

  /**
   * Moves the clock forward by {@code d} without running anything, as if the code running now
   * (a main script or a callback) were busy for that long; the next turn sees the new time.
   */
  public TestLoop elapse(Duration d) {
    checkInLoop();
    clock += d.toMillis();
    return this;
  }

  /** Whether the loop would still be alive (ref'd handles or work left), as Node's exit test. */
  public boolean isAlive() {
    return alive();
  }

  /** The manual clock in ms. */
  public long clock() {
    return clock;
  }

  /** Unbinds the loop from the thread so another can be created. */
  public void shutdown() {
    super.close();
  }

  @Override
  public void close() {
    super.close();
  }
}
