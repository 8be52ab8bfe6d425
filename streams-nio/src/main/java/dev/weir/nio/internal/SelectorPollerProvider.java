package dev.weir.nio.internal;

import dev.weir.loop.EventLoop;
import dev.weir.loop.Poller;
import java.io.IOException;

/** Plugs {@link SelectorPoller} into {@link EventLoop} through {@link java.util.ServiceLoader}. */
public final class SelectorPollerProvider implements Poller.Provider {
  /** Used by {@link java.util.ServiceLoader}. */
  public SelectorPollerProvider() {}

  @Override
  public Poller create(EventLoop loop) throws IOException {
    return new SelectorPoller(loop);
  }
}
