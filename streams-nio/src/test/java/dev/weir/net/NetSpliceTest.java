package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.nio.internal.SelectorPoller;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A socket piped alone into another plain socket forwards the bytes it reads straight from the
 * loop's direct buffer to the other channel (Weir's addition, like {@link Socket#sendFile}): the
 * same bytes in the same order as the chunk path, the same backpressure bound, the same end and
 * errors, and the chunk path again as soon as anything else reads or the target is busy.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetSpliceTest {
  static final int CHUNK = 64 * 1024;
  static final int SPLICE_MAX = SelectorPoller.SPLICE_BUFFER_SIZE;

  /** Writes {@code total} bytes of a pattern in the write-until-false, wait-for-drain way. */
  static void pump(Socket socket, long total, MessageDigest digest, Runnable done) {
    long[] written = {0};
    Runnable[] write = new Runnable[1];
    write[0] = () -> {
      boolean ok = true;
      while (written[0] < total && ok) {
        Buffer b = Buffer.allocUnsafe(CHUNK);
        for (int j = 0; j < CHUNK; j += 4) {
          b.writeInt32BE((int) ((written[0] + j) * 2654435761L), j);
        }
        digest.update(b.array(), b.byteOffset(), CHUNK);
        written[0] += CHUNK;
        ok = socket.write(b);
      }
      if (written[0] < total) {
        socket.once("drain", () -> write[0].run());
      } else {
        done.run();
      }
    };
    write[0].run();
  }

  @Test
  void aTunnelSplicesBothWaysAndKeepsEveryByteInOrder() {
    long total = 32L << 20;
    MessageDigest sent = NetEchoTest.sha256();
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    List<Socket> tunnelSide = new ArrayList<>();
    List<Socket> echoSide = new ArrayList<>();
    EventLoop.run(() -> {
      Server echo = Net.createServer(socket -> {
        echoSide.add(socket);
        socket.pipe(socket);
      });
      echo.listen(0, "127.0.0.1", () -> {
        int upstreamPort = echo.address().port();
        Server tunnel = Net.createServer(client -> {
          Socket upstream = Net.connect(upstreamPort, "127.0.0.1");
          tunnelSide.add(client);
          tunnelSide.add(upstream);
          client.pipe(upstream).pipe(client);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("data", (Buffer b) -> {
            got.update(b.array(), b.byteOffset(), b.length());
            received[0] += b.length();
            if (received[0] == total) {
              user.end();
            }
          });
          user.on("close", () -> {
            tunnel.close();
            echo.close();
          });
          user.on("connect", () -> pump(user, total, sent, () -> {}));
        });
      });
    });
    assertEquals(total, received[0]);
    assertArrayEquals(sent.digest(), got.digest());
    Socket client = tunnelSide.get(0);
    Socket upstream = tunnelSide.get(1);
    assertTrue(client.splicedBytes() > 0, "user -> upstream was spliced");
    assertTrue(upstream.splicedBytes() > 0, "upstream -> user was spliced");
    assertTrue(echoSide.get(0).splicedBytes() > 0, "the echo's socket.pipe(socket) splices");
    // Spliced bytes count as read by one socket and written by the other, as chunks do.
    assertEquals(total, client.bytesRead());
    assertEquals(total, upstream.bytesWritten());
    assertEquals(total, upstream.bytesRead());
    assertEquals(total, client.bytesWritten());
  }

  @Test
  void aStalledReceiverBoundsWhatTheTunnelHoldsAndFinReachesIt() {
    long total = 64L << 20;
    MessageDigest sent = NetEchoTest.sha256();
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    long[] held = new long[2];
    Socket[] tunnelSide = new Socket[2];
    boolean[] ended = {false};
    EventLoop.run(() -> {
      Server sink = Net.createServer(s -> {
        s.pause();
        s.on("data", (Buffer b) -> {
          got.update(b.array(), b.byteOffset(), b.length());
          received[0] += b.length();
        });
        s.on("end", () -> ended[0] = true);
        // The receiver starts reading after 300 ms, by when the kernel buffers and the tunnel
        // are full. The timing is not asserted: the bound holds at any moment.
        s.loop().setTimeout(() -> {
          held[0] = tunnelSide[0].readableLength();
          held[1] = tunnelSide[1].writableLength();
          s.resume();
        }, 300);
      });
      sink.listen(0, "127.0.0.1", () -> {
        Server tunnel = Net.createServer(client -> {
          Socket upstream = Net.connect(sink.address().port(), "127.0.0.1");
          tunnelSide[0] = client;
          tunnelSide[1] = upstream;
          client.pipe(upstream);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("connect", () -> pump(user, total, sent, user::end));
          user.on("close", () -> {
            tunnel.close();
            sink.close();
          });
          user.resume();
        });
      });
    });
    assertEquals(total, received[0]);
    assertArrayEquals(sent.digest(), got.digest());
    assertTrue(ended[0], "the user's FIN went through the tunnel");
    Socket client = tunnelSide[0];
    Socket upstream = tunnelSide[1];
    // The tunnel held at most a high-water mark plus one read on each side.
    assertTrue(held[0] <= client.readableHighWaterMark() + SPLICE_MAX, "read side " + held[0]);
    assertTrue(held[1] <= upstream.writableHighWaterMark() + SPLICE_MAX, "write side " + held[1]);
    assertTrue(client.splicedBytes() > 0);
    assertTrue(client.splicedBytes() < total, "the stall made chunks of what was left over");
    assertEquals(total, upstream.bytesWritten());
  }

  @Test
  void aDataListenerAddedMidwayGetsEveryByteReadAfterIt() {
    long total = 16L << 20;
    MessageDigest sent = NetEchoTest.sha256();
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    long[] seen = {0};
    long[] splicedBefore = {-1};
    long[] passedBefore = {0};
    Socket[] client = new Socket[1];
    EventLoop.run(() -> {
      Server sink = Net.createServer(s -> {
        s.on("data", (Buffer b) -> {
          got.update(b.array(), b.byteOffset(), b.length());
          received[0] += b.length();
          if (received[0] >= (1 << 20) && splicedBefore[0] < 0) {
            splicedBefore[0] = client[0].splicedBytes();
            // Read and gone by now (spliced, or a chunk already handed to the pipe).
            passedBefore[0] = client[0].bytesRead() - client[0].readableLength();
            client[0].on("data", (Buffer c) -> seen[0] += c.length());
          }
        });
      });
      sink.listen(0, "127.0.0.1", () -> {
        Server tunnel = Net.createServer(c -> {
          client[0] = c;
          c.pipe(Net.connect(sink.address().port(), "127.0.0.1"));
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("connect", () -> pump(user, total, sent, user::end));
          user.on("close", () -> {
            tunnel.close();
            sink.close();
          });
          user.resume();
        });
      });
    });
    assertEquals(total, received[0]);
    assertArrayEquals(sent.digest(), got.digest());
    assertTrue(splicedBefore[0] > 0, "spliced before the listener came");
    assertEquals(splicedBefore[0], client[0].splicedBytes(), "no splicing with two consumers");
    assertEquals(total - passedBefore[0], seen[0], "the listener saw every byte not yet passed");
  }

  @Test
  void aSubclassedTargetOrASecondConsumerGetsChunks() {
    long total = 4L << 20;
    MessageDigest sent = NetEchoTest.sha256();
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    long[] counted = {0};
    List<Socket> sources = new ArrayList<>();
    EventLoop.run(() -> {
      Server sink = Net.createServer(s -> s.on("data", (Buffer b) -> {
        got.update(b.array(), b.byteOffset(), b.length());
        received[0] += b.length();
      }));
      sink.listen(0, "127.0.0.1", () -> {
        Server tunnel = Net.createServer(c -> {
          sources.add(c);
          // A subclass may override _write, which splicing would skip.
          Socket upstream = new Socket() {};
          upstream.connect(sink.address().port(), "127.0.0.1");
          c.on("data", (Buffer b) -> counted[0] += b.length());
          c.pipe(upstream);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("connect", () -> pump(user, total, sent, user::end));
          user.on("close", () -> {
            tunnel.close();
            sink.close();
          });
          user.resume();
        });
      });
    });
    assertEquals(total, received[0]);
    assertEquals(total, counted[0]);
    assertArrayEquals(sent.digest(), got.digest());
    assertEquals(0, sources.get(0).splicedBytes());
  }

  @Test
  void aTargetResetMidwayFailsItsWriteAsTheChunkPathDoes() {
    List<String> codes = new ArrayList<>();
    long[] splicedAtError = {-1};
    EventLoop.run(() -> {
      long[] got = {0};
      Server sink = Net.createServer(s -> s.on("data", (Buffer b) -> {
        got[0] += b.length();
        if (got[0] >= (1 << 20)) {
          s.resetAndDestroy();
        }
      }));
      sink.listen(0, "127.0.0.1", () -> {
        Server tunnel = Net.createServer(c -> {
          Socket upstream = Net.connect(sink.address().port(), "127.0.0.1");
          upstream.on("error", (Throwable e) -> {
            codes.add(((WeirException) e).code());
            splicedAtError[0] = c.splicedBytes();
          });
          // As the tunnel sample does: one side's failure closes the other.
          upstream.on("close", () -> c.destroy());
          c.pipe(upstream);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("error", (Throwable e) -> { });
          user.on("connect", () -> pump(user, 64L << 20, NetEchoTest.sha256(), () -> { }));
          user.on("close", () -> {
            tunnel.close();
            sink.close();
          });
        });
      });
    });
    assertEquals(1, codes.size(), "one 'error' on the target: " + codes);
    assertTrue(codes.get(0).equals("ECONNRESET") || codes.get(0).equals("EPIPE"), codes.get(0));
    assertTrue(splicedAtError[0] > 0);
  }
}
