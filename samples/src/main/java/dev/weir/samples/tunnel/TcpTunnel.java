package dev.weir.samples.tunnel;

import dev.weir.errors.WeirException;
import dev.weir.events.EventEmitter;
import dev.weir.events.Listener0;
import dev.weir.loop.EventLoop;
import dev.weir.net.AddressInfo;
import dev.weir.net.Net;
import dev.weir.net.Server;
import dev.weir.net.ServerOptions;
import dev.weir.net.Socket;
import dev.weir.net.SocketOptions;
import dev.weir.stream.Callback;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP port forwarder. Its core is Node's three lines,
 * <pre>{@code
 * net.createServer((client) => {
 *   const upstream = net.connect(9000, '127.0.0.1');
 *   client.pipe(upstream).pipe(client);
 * }).listen(8000);
 * }</pre>
 * plus what a real tunnel needs around them:
 * <ul>
 *   <li>Both sockets are {@code allowHalfOpen}, so a FIN from one side reaches the other through
 *       {@code pipe}'s {@code end()} while the opposite direction keeps flowing; each socket
 *       closes by itself (autoDestroy) once both of its directions are done.</li>
 *   <li>An error on one side (upstream refused or reset, client reset) resets the other side at
 *       once; a socket that closes before both its directions finished destroys the other.</li>
 *   <li>An optional idle timeout ({@code socket.setTimeout}) destroys both sides.</li>
 *   <li>One log line per connection at info level: client address, bytes each way, duration and
 *       how it ended.</li>
 * </ul>
 * Memory per connection is bounded by {@code pipe}'s backpressure: each socket buffers at most
 * its high-water mark plus one read, whatever the speed of either side. While the far side keeps
 * up, bytes are not buffered at all: a socket piped alone into another one forwards what it reads
 * from the loop's direct buffer straight to the other channel (see {@link Socket#pipe}).
 *
 * <p>Events: {@code 'listening'}, {@code 'error'} (from the listening server),
 * {@code 'connection'} ({@link Connection}) and {@code 'connectionClose'} ({@link Summary}).
 * Create and use it on an {@link EventLoop}.
 */
public final class TcpTunnel extends EventEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTunnel.class);

  /**
   * What to forward.
   *
   * @param port the port to listen on (0 picks a free one)
   * @param host the address to listen on
   * @param targetHost where connections go
   * @param targetPort where connections go
   * @param idleTimeoutMs close both sides after this long without traffic; 0 for never
   */
  public record Options(int port, String host, String targetHost, int targetPort,
      long idleTimeoutMs) {}

  /**
   * How one connection went, logged and emitted as {@code 'connectionClose'} once both sockets
   * closed.
   *
   * @param client the client's address and port
   * @param bytesUp bytes read from the client (forwarded upstream)
   * @param bytesDown bytes read from upstream (forwarded to the client)
   * @param millis how long the connection lived
   * @param ending {@code "done"} when both directions ended with a FIN, otherwise the reason:
   *     {@code "upstream error ECONNREFUSED"}, {@code "client error ECONNRESET"},
   *     {@code "idle timeout"}, {@code "client closed early"}, {@code "tunnel closed"}
   */
  public record Summary(String client, long bytesUp, long bytesDown, long millis,
      String ending) {}

  /** One forwarded connection: the accepted client socket and its upstream socket. */
  public final class Connection {
    private final Socket client;
    private final Socket upstream;
    private final String clientAddress;
    private final long startNanos = System.nanoTime();
    private String ending;
    private int closed;

    private Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
      this.clientAddress = client.remoteAddress() + ":" + client.remotePort();
    }

    /** The accepted socket, facing the client. */
    public Socket client() {
      return client;
    }

    /** The socket facing the target. */
    public Socket upstream() {
      return upstream;
    }

    private void start() {
      client.pipe(upstream).pipe(client);
      if (options.idleTimeoutMs() > 0) {
        client.setTimeout(options.idleTimeoutMs(), () -> abort("idle timeout"));
        upstream.setTimeout(options.idleTimeoutMs(), () -> abort("idle timeout"));
      }
      client.on("error", (Throwable err) -> failed("client", err, upstream));
      upstream.on("error", (Throwable err) -> failed("upstream", err, client));
      client.on("close", () -> closed("client", client, upstream));
      upstream.on("close", () -> closed("upstream", upstream, client));
    }

    /** One side failed (and is being destroyed): reset the other, as the failure was abrupt. */
    private void failed(String side, Throwable err, Socket other) {
      if (ending == null) {
        String code = err instanceof WeirException ? ((WeirException) err).code() : null;
        ending = side + " error " + (code != null ? code : err.toString());
      }
      if (!other.destroyed()) {
        other.resetAndDestroy();
      }
    }

    private void closed(String side, Socket socket, Socket other) {
      // A socket that closes after both its directions ended has called end() on the other
      // (pipe does it on 'end'), which then finishes and closes by itself; anything else is
      // premature and takes the other side down with it.
      boolean clean = socket.readableEnded() && socket.writableFinished();
      if (!clean) {
        if (ending == null) {
          ending = side + " closed early";
        }
        if (!other.destroyed()) {
          other.destroy();
        }
      }
      if (++closed == 2) {
        open.remove(this);
        Summary summary = new Summary(clientAddress, client.bytesRead(), upstream.bytesRead(),
            (System.nanoTime() - startNanos) / 1_000_000, ending == null ? "done" : ending);
        LOG.info("{} -> {}:{} {}: {} bytes up, {} bytes down, {} ms", summary.client(),
            options.targetHost(), options.targetPort(), summary.ending(), summary.bytesUp(),
            summary.bytesDown(), summary.millis());
        emit("connectionClose", summary);
      }
    }

    private void abort(String reason) {
      if (ending == null) {
        ending = reason;
      }
      client.destroy();
      upstream.destroy();
    }
  }

  private final Options options;
  private final Server server;
  private final Set<Connection> open = new LinkedHashSet<>();

  private TcpTunnel(Options options) {
    this.options = options;
    this.server = Net.createServer(new ServerOptions().allowHalfOpen(true), this::onClient);
    server.on("error", (Throwable err) -> emit("error", err));
    server.on("listening", () -> emit("listening"));
  }

  /** Starts listening; {@code onListening} (may be null) runs once the port is bound. */
  public static TcpTunnel start(Options options, Listener0 onListening) {
    TcpTunnel tunnel = new TcpTunnel(options);
    if (onListening != null) {
      tunnel.once("listening", onListening);
    }
    tunnel.server.listen(options.port(), options.host());
    return tunnel;
  }

  private void onClient(Socket client) {
    Socket upstream = Net.createConnection(new SocketOptions()
        .port(options.targetPort())
        .host(options.targetHost())
        .allowHalfOpen(true));
    Connection connection = new Connection(client, upstream);
    open.add(connection);
    connection.start();
    emit("connection", connection);
  }

  /** Where the tunnel listens, or null when it does not. */
  public AddressInfo address() {
    return server.address();
  }

  /** The connections being forwarded right now. */
  public Set<Connection> connections() {
    return Set.copyOf(open);
  }

  /** Stops listening and destroys every open connection; {@code callback} runs once closed. */
  public void close(Callback callback) {
    server.close(callback);
    for (Connection c : List.copyOf(open)) {
      c.abort("tunnel closed");
    }
  }

  /** {@link #close(Callback)} without a callback. */
  public void close() {
    close(null);
  }

  // ---- command line -----------------------------------------------------------------------

  static final String USAGE = String.join("\n",
      "usage: tunnel --port P [--host H] --target HOST:PORT [--idle-timeout MS]",
      "Forwards every TCP connection on H:P (default host 127.0.0.1) to HOST:PORT:",
      "client.pipe(upstream).pipe(client), with half-close in both directions, errors on one",
      "side closing the other, an optional idle timeout (0, the default, for none) and one log",
      "line per connection.");

  /** {@code tunnel --port P [--host H] --target HOST:PORT [--idle-timeout MS]}. */
  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tunnel: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(USAGE);
      return;
    }
    EventLoop.run(() -> {
      TcpTunnel tunnel = start(options, null);
      tunnel.on("listening", () -> {
        AddressInfo a = tunnel.address();
        System.out.printf("tunnel: %s:%d -> %s:%d (idle timeout: %s)%n", a.address(), a.port(),
            options.targetHost(), options.targetPort(),
            options.idleTimeoutMs() > 0 ? options.idleTimeoutMs() + " ms" : "off");
      });
      tunnel.on("error", (Throwable err) -> {
        System.err.println("tunnel: " + err.getMessage());
        System.exit(1);
      });
    });
  }

  /** Parses the command line; null for {@code --help}. */
  static Options parse(String[] args) {
    int port = -1;
    String host = "127.0.0.1";
    String target = null;
    long idle = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--port" -> port = parsePort(value(args, ++i));
        case "--host" -> host = value(args, ++i);
        case "--target" -> target = value(args, ++i);
        case "--idle-timeout" -> idle = parseLong("--idle-timeout", value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    if (port < 0) {
      throw new IllegalArgumentException("--port is required");
    }
    if (target == null) {
      throw new IllegalArgumentException("--target HOST:PORT is required");
    }
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException("--target must be HOST:PORT: " + target);
    }
    String targetHost = target.substring(0, colon);
    if (targetHost.startsWith("[") && targetHost.endsWith("]")) {
      targetHost = targetHost.substring(1, targetHost.length() - 1);
    }
    if (idle < 0) {
      throw new IllegalArgumentException("--idle-timeout < 0: " + idle);
    }
    return new Options(port, host, targetHost, parsePort(target.substring(colon + 1)), idle);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value for " + args[i - 1]);
    }
    return args[i];
  }

  private static long parseLong(String option, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is not a number: " + text);
    }
  }

  private static int parsePort(String text) {
    long port = parseLong("port", text);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + text);
    }
    return (int) port;
  }
}
