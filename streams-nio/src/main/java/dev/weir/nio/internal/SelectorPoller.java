package dev.weir.nio.internal;

import dev.weir.loop.EventLoop;
import dev.weir.loop.Poller;
import dev.weir.loop.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
  private final Consumer<SelectionKey> dispatch = this::dispatch;

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

  @Override
  public void poll(long timeoutMillis) throws IOException {
    if (timeoutMillis == 0) {
      selector.selectNow(dispatch);
    } else if (timeoutMillis < 0) {
      selector.select(dispatch);
    } else {
      selector.select(dispatch, timeoutMillis);
    }
  }

  private void dispatch(SelectionKey key) {
    if (key.isValid()) {
      loop.invokeCallback((IoHandler) key.attachment());
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
