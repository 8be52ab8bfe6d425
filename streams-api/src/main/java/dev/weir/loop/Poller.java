package dev.weir.loop;

import java.io.IOException;

/**
 * How an {@link EventLoop} waits for I/O: the SPI between the loop and an I/O backend.
 *
 * <p>The default parks the loop thread; streams-nio provides a {@code Selector}-backed poller
 * through {@link java.util.ServiceLoader} ({@link Provider}), so {@link EventLoop#run} picks it
 * up whenever streams-nio is on the class or module path.
 */
public interface Poller extends AutoCloseable {

  /**
   * Waits at most {@code timeoutMillis} (0: do not wait, -1: until woken) for I/O and runs the
   * ready I/O callbacks through {@link EventLoop#invokeCallback(Task)}. Called on the loop thread
   * in the poll phase.
   */
  void poll(long timeoutMillis) throws IOException;

  /** Makes a blocked or the next {@link #poll} return at once. Thread-safe. */
  void wakeup();

  /** Releases the poller's resources; called once when the loop ends. */
  @Override
  void close();

  /** Creates pollers; found with {@link java.util.ServiceLoader}. */
  interface Provider {
    /** A poller for {@code loop}, created on the loop's thread. */
    Poller create(EventLoop loop) throws IOException;
  }
}
