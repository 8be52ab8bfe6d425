package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Echo servers over 127.0.0.1: Node's test-net-pingpong / test-net-write-after-close ideas. */
@Timeout(60)
class NetEchoTest {

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void smallEchoRoundTripWithEvents() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Net.createServer(socket -> socket.pipe(socket));
      server.listen(0, "127.0.0.1", () -> {
        int port = server.address().port();
        Socket client = Net.connect(port, "127.0.0.1", () -> log.add("connect"));
        client.on("ready", () -> log.add("ready"));
        client.on("data", (Buffer b) -> {
          log.add("data " + b);
          client.end();
        });
        client.on("end", () -> log.add("end"));
        client.on("finish", () -> log.add("finish"));
        client.on("close", (Boolean hadError) -> {
          log.add("close " + hadError);
          server.close();
        });
        client.write("hello");
      });
      server.on("close", () -> log.add("server close"));
    });
    assertEquals(List.of("connect", "ready", "data hello", "finish", "end", "close false",
        "server close"), log);
  }

  @Test
  void hundredMebibytesEchoIntact() {
    int chunk = 64 * 1024;
    int chunks = 1600; // 100 MiB
    MessageDigest sent = sha256();
    MessageDigest got = sha256();
    long[] received = {0};
    EventLoop.run(() -> {
      Server server = Net.createServer(socket -> socket.pipe(socket));
      server.listen(0, "127.0.0.1", () -> {
        Socket client = Net.connect(server.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> {
          got.update(b.array(), b.byteOffset(), b.length());
          received[0] += b.length();
          if (received[0] == (long) chunk * chunks) {
            client.end();
          }
        });
        client.on("close", () -> server.close());
        int[] i = {0};
        Runnable[] write = new Runnable[1];
        write[0] = () -> {
          boolean ok = true;
          while (i[0] < chunks && ok) {
            Buffer b = Buffer.allocUnsafe(chunk);
            for (int j = 0; j < chunk; j += 4) {
              b.writeInt32BE(i[0] * 31 + j, j);
            }
            sent.update(b.array(), b.byteOffset(), b.length());
            i[0]++;
            ok = client.write(b);
          }
          if (i[0] < chunks) {
            client.once("drain", () -> write[0].run());
          }
        };
        write[0].run();
      });
    });
    assertEquals((long) chunk * chunks, received[0]);
    assertArrayEquals(sent.digest(), got.digest());
  }
}
