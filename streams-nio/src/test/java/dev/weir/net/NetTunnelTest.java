package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DESIGN.md §3 snippet 3, the tunnel, ported line for line:
 * <pre>
 * net.createServer((client) =&gt; {
 *   const upstream = net.connect(9000, '127.0.0.1');
 *   client.pipe(upstream).pipe(client);
 * }).listen(8000);
 * </pre>
 * with an echo server as the upstream and 10 MiB sent through it. The user ends only after
 * everything came back: the tunnel's sockets do not allow half-open connections (Node's
 * default), so a user that half-closes early cuts the return path (node v20 then fails with
 * EPIPE "This socket has been ended by the other party").
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetTunnelTest {

  @Test
  void tenMebibytesThroughTheTunnelIntact() {
    int chunk = 64 * 1024;
    int chunks = 160; // 10 MiB
    MessageDigest sent = NetEchoTest.sha256();
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    EventLoop.run(() -> {
      Server echo = Net.createServer(socket -> socket.pipe(socket));
      echo.listen(0, "127.0.0.1", () -> {
        int upstreamPort = echo.address().port();
        // The snippet:
        Server tunnel = Net.createServer(client -> {
          var upstream = Net.connect(upstreamPort, "127.0.0.1");
          client.pipe(upstream).pipe(client);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("data", (Buffer b) -> {
            got.update(b.array(), b.byteOffset(), b.length());
            received[0] += b.length();
            if (received[0] == (long) chunk * chunks) {
              user.end();
            }
          });
          user.on("end", () -> {
            tunnel.close();
            echo.close();
          });
          NetSpliceTest.pump(user, (long) chunk * chunks, sent, () -> { });
        });
      });
    });
    assertEquals((long) chunk * chunks, received[0]);
    assertArrayEquals(sent.digest(), got.digest());
  }
}
