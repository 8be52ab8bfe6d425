package dev.weir.nio.internal;

import dev.weir.loop.EventLoop;
import dev.weir.loop.Poller;
import dev.weir.loop.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The loop's I/O wait on a {@link Selector}: libuv's epoll backend for Weir. Channels register
 * with an {@link IoHandler} that runs as an I/O callback of the loop when its key is ready.
 * Loop-confined except {@link #wakeup()}.
 */
public final class SelectorPoller implements Poller {
  /** The size of the per-loop read buffer every socket read goes through. */
  public static final int READ_BUFFER_SIZE = 64 * 1024;

  private final EventLoop loop;
  private final Selector selector;
  /** The size of the per-loop buffer a socket piped alone into another socket reads into. */
  public static final int SPLICE_BUFFER_SIZE = 256 * 1024;

  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
  /** Allocated on the first splice: most loops never forward socket to socket. */
  private ByteBuffer spliceBuffer;
  /** Keys found ready by the current select; dispatched once the select has returned. */
  private final ArrayList<SelectionKey> ready = new ArrayList<>();
  private final Consumer<SelectionKey> collect = ready::add;
  private static final Consumer<SelectionKey> IGNORE = key -> {};

  /** Runs when its channel is ready; reads the ready set from its own key. */
  public interface IoHandler extends Task {}

  SelectorPoller(EventLoop loop) throws IOException {
    this.loop = loop;
    this.selector = Selector.open();
  }

  /** The poller of {@code loop}; fails clearly when streams-nio's poller is not in use. */
  public static SelectorPoller of(EventLoop loop) {
    loop.checkInLoop();
    if (loop.poller() instanceof SelectorPoller) {
      return (SelectorPoller) loop.poller();
    }
    throw new IllegalStateException("This EventLoop polls with " + loop.poller().getClass()
        .getName() + ", not a Selector: network I/O needs streams-nio's poller, which "
        + "EventLoop.run(...) finds through ServiceLoader");
  }

  /** Registers {@code channel} for {@code ops}, dispatching readiness to {@code handler}. */
  public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
      throws ClosedChannelException {
    return channel.register(selector, ops, handler);
  }

  /**
   * The loop's shared direct read buffer, cleared; valid until the calling callback returns.
   */
  public ByteBuffer readBuffer() {
    readBuffer.clear();
    return readBuffer;
  }

  /**
   * The loop's shared direct buffer for bytes that go from one socket straight to another,
   * cleared; larger than {@link #readBuffer()} because no chunk is made of it (fewer syscalls per
   * byte). Valid until the calling callback returns.
   */
  public ByteBuffer spliceBuffer() {
    if (spliceBuffer == null) {
      spliceBuffer = ByteBuffer.allocateDirect(SPLICE_BUFFER_SIZE);
    }
    spliceBuffer.clear();
    return spliceBuffer;
  }

  /**
   * Selects, then runs the handlers of the ready keys. Handlers run after the select returned,
   * not inside it, so that they may close channels through {@link #close} (which selects again).
   */
  @Override
  public void poll(long timeoutMillis) throws IOException {
    if (timeoutMillis == 0 && selector.keys().isEmpty()) {
      // Nothing registered and no wait wanted: skip the epoll_wait syscall (a loop turning
      // through immediates or timers without I/O would otherwise make one per turn).
      return;
    }
    try {
      if (timeoutMillis == 0) {
        selector.selectNow(collect);
      } else if (timeoutMillis < 0) {
        selector.select(collect);
      } else {
        selector.select(collect, timeoutMillis);
      }
      for (int i = 0; i < ready.size(); i++) {
        SelectionKey key = ready.get(i);
        // A handler that ran before may have closed this key's channel.
        if (key.isValid()) {
          loop.invokeCallback((IoHandler) key.attachment());
        }
      }
    } finally {
      ready.clear();
    }
  }

  /**
   * Cancels {@code key} and closes {@code channel} now. The JDK defers closing the descriptor of
   * a registered channel until the selector next deregisters its cancelled keys; libuv's
   * {@code uv_close} closes it at once, so a closed server's port is free (and refuses
   * connections) and a reset socket sends its RST immediately, as in Node. A non-blocking select
   * that ignores what it finds ready flushes the cancelled key (readiness is level-triggered and
   * is reported again by the next poll).
   */
  public void close(SelectionKey key, Channel channel) throws IOException {
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } finally {
      if (key != null && selector.isOpen()) {
        selector.selectNow(IGNORE);
      }
    }
  }

  @Override
  public void wakeup() {
    selector.wakeup();
  }

  @Override
  public void close() {
    try {
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("closing the selector", e);
    }
  }
}
