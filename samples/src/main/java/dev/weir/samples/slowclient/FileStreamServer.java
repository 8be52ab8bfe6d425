package dev.weir.samples.slowclient;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener0;
import dev.weir.fs.Fs;
import dev.weir.fs.ReadStream;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.net.AddressInfo;
import dev.weir.net.Net;
import dev.weir.net.Server;
import dev.weir.net.ServerOptions;
import dev.weir.net.Socket;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of the demo for external load tools: every TCP connection gets the whole file
 * streamed to it as raw bytes (no HTTP), either naively ({@code rs.on("data", c ->
 * socket.write(c))}) or with {@code rs.pipe(socket)}. While connections are open it prints,
 * every second, how many bytes the server holds, the heap used and the process RSS.
 */
final class FileStreamServer {
  private static final Logger LOG = LoggerFactory.getLogger(FileStreamServer.class);

  private final Server server;
  private final Map<Socket, ReadStream> open = new LinkedHashMap<>();
  private final Timeout reporter;
  private final PrintStream out;

  private FileStreamServer(String file, String mode, PrintStream out) {
    this.out = out;
    this.server = Net.createServer(new ServerOptions().allowHalfOpen(true),
        socket -> onConnection(socket, file, mode));
    this.reporter = EventLoop.current().setInterval(this::report, 1000).unref();
  }

  /** Listens on {@code host:port}; {@code onListening} runs once bound. On a loop. */
  static FileStreamServer serve(int port, String host, String file, String mode,
      PrintStream out, Listener0 onListening) {
    FileStreamServer s = new FileStreamServer(file, mode, out);
    s.server.on("error", (Throwable err) -> {
      System.err.println("slow-client-demo: " + err.getMessage());
      s.close();
    });
    s.server.listen(port, host, onListening);
    return s;
  }

  AddressInfo address() {
    return server.address();
  }

  void close() {
    EventLoop.current().clearInterval(reporter);
    server.close();
    server.destroyAllConnections();
  }

  private void onConnection(Socket socket, String file, String mode) {
    String peer = socket.remoteAddress() + ":" + socket.remotePort();
    long start = System.nanoTime();
    ReadStream rs = Fs.createReadStream(file);
    open.put(socket, rs);
    rs.on("error", (Throwable err) -> {
      LOG.warn("{}: cannot read {}: {}", peer, file, err.getMessage());
      socket.destroy();
    });
    socket.on("error", (Throwable err) -> rs.destroy());
    socket.on("close", () -> {
      rs.destroy();
      open.remove(socket);
      LOG.info("{}: {} bytes of {} sent ({}), {} ms", peer, socket.bytesWritten(), file, mode,
          (System.nanoTime() - start) / 1_000_000);
    });
    socket.resume(); // discard anything the client sends; its FIN then closes the socket
    if (mode.equals("naive")) {
      rs.on("data", (Buffer chunk) -> socket.write(chunk)); // ignores write()'s return value
      rs.on("end", () -> socket.end());
    } else {
      rs.pipe(socket);
    }
  }

  private void report() {
    if (open.isEmpty() || out == null) {
      return;
    }
    long held = 0;
    for (Map.Entry<Socket, ReadStream> e : open.entrySet()) {
      held += e.getKey().writableLength() + e.getValue().readableLength();
    }
    out.printf("connections %d, buffered %s, heap used %s, rss %s%n", open.size(),
        Memory.mib(held), Memory.mib(Memory.heapUsed()), Memory.mib(Memory.rss()));
  }
}
