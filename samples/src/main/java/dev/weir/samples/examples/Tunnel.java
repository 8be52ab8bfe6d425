package dev.weir.samples.examples;

import dev.weir.loop.EventLoop;
import dev.weir.net.Net;

/**
 * DESIGN.md snippet 3, the tunnel, on port 0 in front of an echo server, with a client that
 * talks through it and then hangs up; port of {@code examples/tunnel.js}.
 */
public final class Tunnel {
  private Tunnel() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      // The upstream: an echo server on an ephemeral port.
      var upstreamServer = Net.createServer((socket) -> socket.pipe(socket));
      upstreamServer.listen(0, "127.0.0.1", () -> {
        var upstreamPort = upstreamServer.address().port();

        // The tunnel: DESIGN.md snippet 3, on port 0 instead of 8000.
        var tunnel = Net.createServer((client) -> {
          var upstream = Net.connect(upstreamPort, "127.0.0.1");
          client.pipe(upstream).pipe(client);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          // A client talks through the tunnel, waits for the echo, then hangs up.
          // (Java: a lambda cannot use the variable it initialises, so 'connect' is a listener.)
          var client = Net.connect(tunnel.address().port(), "127.0.0.1");
          client.on("connect", () -> {
            System.out.println("client connected to the tunnel");
            client.write("hello, ");
            client.write("upstream\n");
          });
          String[] reply = {""};
          client.setEncoding("utf8");
          client.on("data", (String chunk) -> {
            reply[0] += chunk;
            if (reply[0].endsWith("\n")) client.end();
          });
          client.on("end", () -> {
            System.out.print("client got back: " + reply[0]);
            tunnel.close(() -> {
              System.out.println("tunnel closed");
              upstreamServer.close(() -> System.out.println("upstream closed"));
            });
          });
        });
      });
    });
  }
}
