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
import org.junit.jupiter.api.extension.ExtendWith;

/** Echo servers over 127.0.0.1: Node's test-net-pingpong / test-net-write-after-close ideas. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
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

  /** Ping-pong one byte at a time: each byte goes out only after the previous one came back. */
  @Test
  void oneByteAtATimePingPong() {
    int rounds = 500;
    StringBuilder echoed = new StringBuilder();
    StringBuilder serverSaw = new StringBuilder();
    EventLoop.run(() -> {
      Server server = Net.createServer(socket -> {
        socket.on("data", (Buffer b) -> {
          serverSaw.append(b.toString("latin1"));
          socket.write(b);
        });
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket client = Net.connect(server.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> {
          assertEquals(1, b.length(), "one byte per round");
          echoed.append(b.toString("latin1"));
          if (echoed.length() < rounds) {
            client.write(String.valueOf((char) ('a' + echoed.length() % 26)));
          } else {
            client.end();
          }
        });
        client.on("close", () -> server.close());
        client.write("a");
      });
    });
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < rounds; i++) {
      expected.append((char) ('a' + i % 26));
    }
    assertEquals(expected.toString(), echoed.toString());
    assertEquals(expected.toString(), serverSaw.toString());
  }

  /** Many one-byte writes in a burst (they gather into writev) arrive intact and in order. */
  @Test
  void oneByteWritesInABurstArriveInOrder() {
    int count = 20_000;
    byte[] got = new byte[count];
    int[] received = {0};
    long[] clientBytesWritten = {0};
    EventLoop.run(() -> {
      Server server = Net.createServer(socket -> socket.pipe(socket));
      server.listen(0, "127.0.0.1", () -> {
        Socket client = Net.connect(server.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> {
          for (int i = 0; i < b.length(); i++) {
            got[received[0]++] = (byte) b.get(i);
          }
          if (received[0] == count) {
            client.end();
          }
        });
        client.on("close", () -> {
          clientBytesWritten[0] = client.bytesWritten();
          server.close();
        });
        for (int i = 0; i < count; i++) {
          Buffer one = Buffer.alloc(1);
          one.set(0, i * 7);
          client.write(one);
        }
      });
    });
    assertEquals(count, received[0]);
    for (int i = 0; i < count; i++) {
      assertEquals((byte) (i * 7), got[i], "byte " + i);
    }
    assertEquals(count, clientBytesWritten[0]);
  }
}
