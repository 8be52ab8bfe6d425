package dev.weir.http;

import dev.weir.events.Listener0;
import dev.weir.events.Listener2;
import dev.weir.loop.EventLoop;
import dev.weir.net.ServerOptions;
import dev.weir.net.Socket;
import dev.weir.stream.Callback;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An HTTP/1.1 server; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpserver">http.Server</a>,
 * which is a {@link dev.weir.net.Server}. Events: {@code 'request'} (req, res),
 * {@code 'connection'} (socket), {@code 'clientError'} (err, socket; by default a malformed
 * request gets 400, 431 or 408 and the connection is closed), {@code 'checkContinue'},
 * {@code 'checkExpectation'}, {@code 'dropRequest'} (req, socket; see
 * {@link #maxRequestsPerSocket(int)}) and {@code 'close'}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Timeouts are exact timers per connection rather than Node's periodic check.</li>
 *   <li>A pipelined request is parsed only once the response before it has finished.</li>
 *   <li>No {@code 'upgrade'}/{@code 'connect'} events: such requests get a normal response.</li>
 *   <li>After {@link #close}, a connection whose exchange finishes is closed at once; Node
 *       leaves it open until its keep-alive timeout.</li>
 * </ul>
 */
public final class Server extends dev.weir.net.Server {
  private final HttpServerOptions options;
  private final EventLoop loop = EventLoop.current();
  private final Set<ServerConnection> connections = new LinkedHashSet<>();
  private boolean closing;
  private int maxRequestsPerSocket;

  Server(HttpServerOptions options, Listener2<IncomingMessage, ServerResponse> listener) {
    super(new ServerOptions().allowHalfOpen(true).highWaterMark(options.highWaterMark), null);
    this.options = options;
    this.maxRequestsPerSocket = options.maxRequestsPerSocket;
    on("connection", (Socket socket) -> {
      ServerConnection connection = new ServerConnection(this, socket, options);
      connections.add(connection);
      connection.start();
    });
    if (listener != null) {
      on("request", listener);
    }
  }

  void connectionClosed(ServerConnection connection) {
    connections.remove(connection);
  }

  boolean isClosing() {
    return closing;
  }

  /**
   * Node's {@code server.close([callback])}: stops accepting, closes idle connections (as Node
   * 19+), and emits {@code 'close'} once the others have finished their exchange.
   */
  @Override
  public Server close(Callback callback) {
    closing = true;
    super.close(callback);
    closeIdleConnections();
    return this;
  }

  /** Node's {@code server.close(() => ...)}: as {@link #close(Callback)}, ignoring the error. */
  @Override
  public Server close(Listener0 callback) {
    super.close(callback);
    return this;
  }

  @Override
  public Server close() {
    return close((Callback) null);
  }

  /** Node's {@code closeIdleConnections()}: closes connections with no request in progress. */
  public void closeIdleConnections() {
    loop.checkInLoop();
    for (ServerConnection c : List.copyOf(connections)) {
      if (c.isIdle()) {
        c.destroySocket(null);
      }
    }
  }

  /** Node's {@code closeAllConnections()}: closes every connection, busy or not. */
  public void closeAllConnections() {
    loop.checkInLoop();
    for (ServerConnection c : List.copyOf(connections)) {
      c.destroySocket(null);
    }
  }

  /** Node's {@code headersTimeout}. */
  public long headersTimeout() {
    return options.headersTimeout;
  }

  /** Node's {@code requestTimeout}. */
  public long requestTimeout() {
    return options.requestTimeout;
  }

  /** Node's {@code keepAliveTimeout}. */
  public long keepAliveTimeout() {
    return options.keepAliveTimeout;
  }

  /** Node's {@code maxHeadersCount}-like limit: the {@code maxHeaderSize} in bytes. */
  public int maxHeaderSize() {
    return options.maxHeaderSize;
  }

  /** Node's {@code server.maxRequestsPerSocket}: 0 (the default) for no limit. */
  public int maxRequestsPerSocket() {
    return maxRequestsPerSocket;
  }

  /**
   * Node's {@code server.maxRequestsPerSocket = n} (0 for no limit): how many HTTP/1.1 requests
   * one connection may carry. As in Node 20 ({@code _http_server.js} parserOnIncoming), it
   * applies to requests parsed from then on, also on open connections, and:
   * <ul>
   *   <li>the {@code n}-th response on a connection is sent with {@code Connection: close}
   *       instead of {@code Connection: keep-alive} (earlier ones announce
   *       {@code Keep-Alive: timeout=<s>, max=<n>});</li>
   *   <li>every request past {@code n} on that connection, pipelined or sent later, gets no
   *       {@code 'request'}: the server emits {@code 'dropRequest'} (req, socket) and answers
   *       {@code 503 Service Unavailable} with {@code Connection: close} and an empty chunked
   *       body;</li>
   *   <li>the server does not close the connection itself after either: like Node, it leaves
   *       that to the client, which was told to close, or to {@code keepAliveTimeout}.</li>
   * </ul>
   * Requests of HTTP/1.0 clients are not counted (Node checks only HTTP/1.1 ones).
   */
  public Server maxRequestsPerSocket(int n) {
    loop.checkInLoop();
    this.maxRequestsPerSocket = (int) HttpServerOptions.nonNegative("maxRequestsPerSocket", n);
    return this;
  }
}
