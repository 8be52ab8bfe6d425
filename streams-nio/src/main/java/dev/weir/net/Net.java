package dev.weir.net;

import dev.weir.events.Listener0;
import dev.weir.events.Listener1;

/**
 * Node's <a href="https://nodejs.org/docs/latest-v20.x/api/net.html">net</a> module functions:
 * {@code Net.createServer(socket -> ...)}, {@code Net.connect(port, host)}. Call them inside
 * {@link dev.weir.loop.EventLoop#run} with streams-nio on the class or module path.
 */
public final class Net {
  private Net() {}

  /** Node's {@code net.createServer([connectionListener])}. */
  public static Server createServer(Listener1<Socket> connectionListener) {
    return new Server(new ServerOptions(), connectionListener);
  }

  /** Node's {@code net.createServer(options[, connectionListener])}. */
  public static Server createServer(ServerOptions options, Listener1<Socket> connectionListener) {
    return new Server(options == null ? new ServerOptions() : options, connectionListener);
  }

  /** Node's {@code net.createServer()}. */
  public static Server createServer() {
    return new Server(new ServerOptions(), null);
  }

  /** Node's {@code net.connect(port[, host][, connectListener])}. */
  public static Socket connect(int port, String host, Listener0 connectListener) {
    return new Socket().connect(port, host, connectListener);
  }

  /** Node's {@code net.connect(port, host)}. */
  public static Socket connect(int port, String host) {
    return new Socket().connect(port, host, null);
  }

  /** Node's {@code net.connect(port, connectListener)} to localhost. */
  public static Socket connect(int port, Listener0 connectListener) {
    return new Socket().connect(port, "localhost", connectListener);
  }

  /** Node's {@code net.connect(port)} to localhost. */
  public static Socket connect(int port) {
    return new Socket().connect(port, "localhost", null);
  }

  /** Node's {@code net.createConnection(options[, connectListener])}. */
  public static Socket createConnection(SocketOptions options, Listener0 connectListener) {
    return new Socket(options).connect(options.port, options.host, connectListener);
  }

  /** Node's {@code net.createConnection(options)}. */
  public static Socket createConnection(SocketOptions options) {
    return createConnection(options, null);
  }

  /** Node's {@code net.createConnection(port, host)}. */
  public static Socket createConnection(int port, String host) {
    return connect(port, host);
  }
}
