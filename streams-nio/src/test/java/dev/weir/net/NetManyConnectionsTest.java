package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many connections on one loop, each echoing 64 KiB intact: Node's test-net-server-max-connections
 * at scale / test-net-pingpong with many clients. Needs about two descriptors per connection; the
 * test assumes the process may open them (it reads the limit from /proc where it can).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetManyConnectionsTest {
  static final int CONNECTIONS = 1000;
  static final int SIZE = 64 * 1024;

  @Test
  void thousandConcurrentEchoConnections() {
    long limit = FdLimit.openFilesLimit();
    assumeTrue(limit < 0 || limit >= 2L * CONNECTIONS + 200,
        "the open-files limit " + limit + " is too low for " + CONNECTIONS + " connections");
    int[] intact = {0};
    int[] closed = {0};
    int[] peak = {0};
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> s.pipe(s));
      server.on("connection", (Socket s) -> peak[0] = Math.max(peak[0], server.connectionCount()));
      // A backlog above the default 511 so that the burst of connects is not dropped and retried.
      server.listen(0, "127.0.0.1", 2048, () -> {
        for (int i = 0; i < CONNECTIONS; i++) {
          int id = i;
          byte[] payload = new byte[SIZE];
          for (int j = 0; j < SIZE; j++) {
            payload[j] = (byte) (id * 131 + j * 7);
          }
          byte[] got = new byte[SIZE];
          int[] at = {0};
          Socket c = Net.connect(server.address().port(), "127.0.0.1");
          c.on("data", (Buffer b) -> {
            System.arraycopy(b.array(), b.byteOffset(), got, at[0], b.length());
            at[0] += b.length();
            if (at[0] == SIZE) {
              if (Arrays.equals(payload, got)) {
                intact[0]++;
              }
              c.end();
            }
          });
          c.on("close", (Boolean hadError) -> {
            if (++closed[0] == CONNECTIONS) {
              server.close();
            }
          });
          c.write(Buffer.from(payload));
        }
      });
    });
    assertEquals(CONNECTIONS, intact[0]);
    assertEquals(CONNECTIONS, closed[0]);
    System.out.println("peak open server connections: " + peak[0]);
  }
}
