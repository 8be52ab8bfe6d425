package dev.weir.net;

/** Options of {@link Net#createServer(ServerOptions, dev.weir.events.Listener1)}; Node's. */
public final class ServerOptions {
  boolean allowHalfOpen;
  boolean pauseOnConnect;
  boolean noDelay = true;
  boolean keepAlive;
  Integer highWaterMark;

  /** Node's {@code allowHalfOpen} for accepted sockets (default false). */
  public ServerOptions allowHalfOpen(boolean allowHalfOpen) {
    this.allowHalfOpen = allowHalfOpen;
    return this;
  }

  /** Node's {@code pauseOnConnect}: accepted sockets do not read until resumed. */
  public ServerOptions pauseOnConnect(boolean pauseOnConnect) {
    this.pauseOnConnect = pauseOnConnect;
    return this;
  }

  /** Node's {@code noDelay} for accepted sockets (default true). */
  public ServerOptions noDelay(boolean noDelay) {
    this.noDelay = noDelay;
    return this;
  }

  /** Node's {@code keepAlive} for accepted sockets (default false). */
  public ServerOptions keepAlive(boolean keepAlive) {
    this.keepAlive = keepAlive;
    return this;
  }

  /** Node's {@code highWaterMark} for both sides of accepted sockets (default 16 KiB). */
  public ServerOptions highWaterMark(int hwm) {
    this.highWaterMark = hwm;
    return this;
  }
}
