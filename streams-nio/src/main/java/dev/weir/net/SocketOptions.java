package dev.weir.net;

/**
 * Options of {@link Net#createConnection(SocketOptions)} and of the sockets a {@link Server}
 * accepts; Node's {@code net.connect(options)} and {@code new net.Socket(options)}. Fluent.
 */
public final class SocketOptions {
  int port = -1;
  String host = "localhost";
  boolean allowHalfOpen;
  boolean noDelay = true;
  boolean keepAlive;
  long timeout;
  Integer readableHighWaterMark;
  Integer writableHighWaterMark;

  /** Node's {@code port}: the port to connect to. */
  public SocketOptions port(int port) {
    this.port = port;
    return this;
  }

  /** Node's {@code host} (default {@code "localhost"}). */
  public SocketOptions host(String host) {
    this.host = host;
    return this;
  }

  /** Node's {@code allowHalfOpen} (default false: the socket ends its side after 'end'). */
  public SocketOptions allowHalfOpen(boolean allowHalfOpen) {
    this.allowHalfOpen = allowHalfOpen;
    return this;
  }

  /** Node's {@code noDelay} (Node 20 default true: Nagle off). */
  public SocketOptions noDelay(boolean noDelay) {
    this.noDelay = noDelay;
    return this;
  }

  /** Node's {@code keepAlive} (default false). */
  public SocketOptions keepAlive(boolean keepAlive) {
    this.keepAlive = keepAlive;
    return this;
  }

  /** Node's {@code timeout}: as {@link Socket#setTimeout(long)} once connected; 0 for none. */
  public SocketOptions timeout(long ms) {
    this.timeout = ms;
    return this;
  }

  /** Node's {@code readableHighWaterMark} (default 16 KiB). */
  public SocketOptions readableHighWaterMark(int hwm) {
    this.readableHighWaterMark = hwm;
    return this;
  }

  /** Node's {@code writableHighWaterMark} (default 16 KiB). */
  public SocketOptions writableHighWaterMark(int hwm) {
    this.writableHighWaterMark = hwm;
    return this;
  }
}
