package dev.weir.net;

import static dev.weir.errors.ErrorCode.ERR_SERVER_ALREADY_LISTEN;
import static dev.weir.errors.ErrorCode.ERR_SERVER_NOT_RUNNING;
import static dev.weir.errors.ErrorCode.ERR_SOCKET_BAD_PORT;

import dev.weir.events.EventEmitter;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Handle;
import dev.weir.nio.internal.Dns;
import dev.weir.nio.internal.IoErrors;
import dev.weir.nio.internal.SelectorPoller;
import dev.weir.stream.Callback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/net.html#class-netserver">net.Server</a>.
 * Events: {@code 'listening'}, {@code 'connection'} (a {@link Socket}), {@code 'error'}
 * ({@code EADDRINUSE}…), {@code 'close'} (after {@link #close} once every connection ended) and
 * {@code 'drop'} with a {@link DropInfo} (Node's {@code {localAddress, localPort, localFamily,
 * remoteAddress, remotePort, remoteFamily}}) when {@link #maxConnections} turns a connection
 * away; the dropped connection is closed right after its listeners ran.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>TCP only (no IPC paths); {@code listen} takes a port and an optional host.</li>
 *   <li>Without a host it listens on the IPv4 wildcard {@code 0.0.0.0}, not {@code ::}.</li>
 * </ul>
 */
public class Server extends EventEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final EventLoop loop;
  private final SelectorPoller poller;
  private final ServerOptions options;
  private final Handle handle;
  private final Set<Socket> connections = new LinkedHashSet<>();
  private ServerSocketChannel channel;
  private SelectionKey key;
  private AddressInfo address;
  /** The lookup a {@code listen(port, host)} waits for; null when none is pending. */
  private Object pendingLookup;
  private int maxConnections;
  private final SelectorPoller.IoHandler onAcceptable = this::onAcceptable;

  /**
   * A server on the calling thread's loop; {@link Net#createServer} is the public way in, and
   * subclasses (the HTTP server) call this. {@code connectionListener} may be null.
   */
  protected Server(ServerOptions options, Listener1<Socket> connectionListener) {
    this.loop = EventLoop.current();
    this.poller = SelectorPoller.of(loop);
    this.options = options;
    this.handle = loop.newHandle();
    if (connectionListener != null) {
      on("connection", connectionListener);
    }
  }

  /**
   * Node's {@code listen(port[, host][, backlog][, callback])}; port 0 picks a free one. With a
   * host, as in Node, the host is looked up first (on the DNS worker, an IP literal on the next
   * tick) and the server binds in the lookup's callback, so {@link #address()} is null until
   * then; without one it binds at once, on all IPv4 interfaces. A host that does not resolve is
   * reported as {@code 'error'} with a {@link DnsException} ({@code getaddrinfo ENOTFOUND
   * <host>}, the host in {@code hostname()}), as in Node. {@link #close} before the lookup
   * answered cancels the bind, as Node's does; a second {@code listen} meanwhile throws
   * {@code ERR_SERVER_ALREADY_LISTEN} (Node would start a second lookup).
   */
  public Server listen(int port, String host, int backlog, Listener0 callback) {
    loop.checkInLoop();
    if (port < 0 || port > 65535) {
      throw ERR_SOCKET_BAD_PORT.error("options.port", port);
    }
    if (channel != null || pendingLookup != null) {
      throw ERR_SERVER_ALREADY_LISTEN.error();
    }
    if (callback != null) {
      once("listening", callback);
    }
    if (host == null) {
      bind(new InetSocketAddress(port), "0.0.0.0", port, backlog);
      return this;
    }
    // Node: lookupAndListen() binds in dns.lookup's callback, and emits its error as is.
    Object lookup = new Object();
    pendingLookup = lookup;
    Dns.lookup(loop, host, (err, ip) -> {
      if (pendingLookup != lookup) {
        return;
      }
      pendingLookup = null;
      if (err != null) {
        emit("error", err);
      } else {
        bind(new InetSocketAddress(ip, port), host, port, backlog);
      }
    });
    return this;
  }

  private void bind(InetSocketAddress bindTo, String where, int port, int backlog) {
    try {
      channel = ServerSocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(bindTo, backlog > 0 ? backlog : 511);
      key = poller.register(channel, SelectionKey.OP_ACCEPT, onAcceptable);
      InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
      address = new AddressInfo(Addresses.ip(bound.getAddress()),
          Addresses.family(bound.getAddress()), bound.getPort());
      handle.start();
      loop.nextTick(() -> emit("listening"));
    } catch (IOException e) {
      closeChannel();
      emitErrorLater(IoErrors.network(e, "listen", where, port));
    }
  }

  /** Node's {@code listen(port, host, callback)}. */
  public Server listen(int port, String host, Listener0 callback) {
    return listen(port, host, 0, callback);
  }

  /** Node's {@code listen(port, host)}. */
  public Server listen(int port, String host) {
    return listen(port, host, 0, null);
  }

  /** Node's {@code listen(port, callback)}, on all IPv4 interfaces. */
  public Server listen(int port, Listener0 callback) {
    return listen(port, null, 0, callback);
  }

  /** Node's {@code listen(port)}. */
  public Server listen(int port) {
    return listen(port, null, 0, null);
  }

  private void emitErrorLater(Throwable err) {
    loop.nextTick(() -> emit("error", err));
  }

  private void onAcceptable() throws Exception {
    while (channel != null) {
      SocketChannel accepted;
      try {
        accepted = channel.accept();
      } catch (IOException e) {
        // EMFILE and friends: report, keep listening (Node emits 'error' on the server).
        emit("error", IoErrors.network(e, "accept", address.address(), address.port()));
        return;
      }
      if (accepted == null) {
        return;
      }
      if (maxConnections > 0 && connections.size() >= maxConnections) {
        // Node: net.js onconnection() emits 'drop' with both ends, then closes the handle.
        try {
          emit("drop", dropInfo(accepted));
        } finally {
          accepted.close();
        }
        continue;
      }
      Socket socket;
      try {
        socket = new Socket(this, accepted, options);
      } catch (IOException e) {
        LOG.debug("accepted connection failed before it started", e);
        accepted.close();
        continue;
      }
      connections.add(socket);
      emit("connection", socket);
    }
  }

  private static DropInfo dropInfo(SocketChannel accepted) {
    InetSocketAddress local = null;
    InetSocketAddress remote = null;
    try {
      local = (InetSocketAddress) accepted.getLocalAddress();
      remote = (InetSocketAddress) accepted.getRemoteAddress();
    } catch (IOException e) {
      LOG.debug("cannot read the addresses of a dropped connection", e);
    }
    return new DropInfo(
        local == null ? null : Addresses.ip(local.getAddress()),
        local == null ? -1 : local.getPort(),
        local == null ? null : Addresses.family(local.getAddress()),
        remote == null ? null : Addresses.ip(remote.getAddress()),
        remote == null ? -1 : remote.getPort(),
        remote == null ? null : Addresses.family(remote.getAddress()));
  }

  void connectionClosed(Socket socket) {
    if (connections.remove(socket)) {
      emitCloseIfDrained();
    }
  }

  /**
   * Node's {@code close([callback])}: stops accepting; {@code 'close'} follows once every open
   * connection has been destroyed. The callback runs on {@code 'close'}; when the server was not
   * listening it gets {@code ERR_SERVER_NOT_RUNNING}, and {@code 'close'} is still emitted (as
   * Node's {@code close()} does).
   */
  public Server close(Callback callback) {
    loop.checkInLoop();
    if (callback != null) {
      if (channel == null) {
        once("close", () -> callback.done(ERR_SERVER_NOT_RUNNING.error()));
      } else {
        once("close", () -> callback.done(null));
      }
    }
    pendingLookup = null;
    closeChannel();
    emitCloseIfDrained();
    return this;
  }

  /**
   * Node's {@code close(() => ...)}, for a callback that takes no error: it runs on
   * {@code 'close'}, also when the server was not listening (where Node's callback would get
   * {@code ERR_SERVER_NOT_RUNNING}, which this form leaves out). A lambda's arity picks between
   * this and {@link #close(Callback)}; a bare {@code null} needs a cast, or {@link #close()}.
   */
  public Server close(Listener0 callback) {
    Callback ignoringError = callback == null ? null : err -> callback.call();
    return close(ignoringError);
  }

  /** Node's {@code close()}. */
  public Server close() {
    return close((Callback) null);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        // At once, as uv_close: the port refuses connections as soon as close() returns.
        poller.close(key, channel);
      } catch (IOException e) {
        LOG.debug("error closing a server channel", e);
      }
      channel = null;
    }
    key = null;
    handle.stop();
  }

  /** Node's {@code _emitCloseIfDrained()}: 'close' on a later tick once nothing is left. */
  private void emitCloseIfDrained() {
    if (channel == null && connections.isEmpty()) {
      loop.nextTick(() -> emit("close"));
    }
  }

  /** Node's {@code closeAllConnections()}-like helper: destroys every open connection. */
  public void destroyAllConnections() {
    loop.checkInLoop();
    for (Socket s : List.copyOf(connections)) {
      s.destroy();
    }
  }

  /** Node's {@code address()}: where the server listens, or null when not listening. */
  public AddressInfo address() {
    return channel == null ? null : address;
  }

  /** Node's {@code listening}. */
  public boolean listening() {
    return channel != null;
  }

  /** Node's {@code maxConnections}: 0 (the default) for no limit. */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * Node's {@code maxConnections = n}: a connection accepted while {@code n} are open is closed
   * at once, after a {@code 'drop'} event with its {@link DropInfo}.
   */
  public Server maxConnections(int n) {
    if (n < 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error("maxConnections", ">= 0", n);
    }
    this.maxConnections = n;
    return this;
  }

  /** Node's {@code getConnections(callback)}: the count, on a later tick. */
  public void getConnections(dev.weir.events.Listener2<Throwable, Integer> callback) {
    loop.checkInLoop();
    int count = connections.size();
    loop.nextTick(() -> callback.call(null, count));
  }

  /** The open connections right now (a Weir convenience). */
  public int connectionCount() {
    return connections.size();
  }

  /** Node's {@code ref()}. */
  public Server ref() {
    loop.checkInLoop();
    handle.ref();
    return this;
  }

  /** Node's {@code unref()}: the loop may exit while the server listens. */
  public Server unref() {
    loop.checkInLoop();
    handle.unref();
    return this;
  }
}
