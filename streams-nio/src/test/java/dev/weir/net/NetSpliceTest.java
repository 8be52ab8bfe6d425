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

  /** One run of user -> tunnel -> sink: what went in, what came out, the tunnel's sockets. */
  static final class Run {
    final MessageDigest sent = NetEchoTest.sha256();
    final MessageDigest got = NetEchoTest.sha256();
    long received;
    boolean ended;
    /** The tunnel's accepted socket, and the one it opened to the sink. */
    Socket client;
    Socket upstream;

    /** Counts and hashes what {@code sinkSide} receives, and notes its 'end'. */
    void receive(Socket sinkSide) {
      sinkSide.on("data", (Buffer b) -> {
        got.update(b.array(), b.byteOffset(), b.length());
        received += b.length();
      });
      sinkSide.on("end", () -> ended = true);
    }
  }

  /** Opens the tunnel's socket to the sink at {@code port}; the test pipes into it. */
  interface Upstream {
    Socket connect(Run run, int port);
  }

  /**
   * Runs a loop with a sink server ({@code atSink} gets each of its sockets), a tunnel whose
   * connections {@code client.pipe(upstream)} into a socket to the sink, and a user that sends
   * {@code total} bytes (then ends); everything closes once the user's socket has.
   */
  static Run forward(long total, java.util.function.BiConsumer<Run, Socket> atSink,
      Upstream upstream) {
    Run run = new Run();
    EventLoop.run(() -> {
      Server sink = Net.createServer(s -> atSink.accept(run, s));
      sink.listen(0, "127.0.0.1", () -> {
        Server tunnel = Net.createServer(client -> {
          run.client = client;
          run.upstream = upstream.connect(run, sink.address().port());
          client.pipe(run.upstream);
        });
        tunnel.listen(0, "127.0.0.1", () -> {
          Socket user = Net.connect(tunnel.address().port(), "127.0.0.1");
          user.on("error", (Throwable e) -> { }); // the reset test's; others check the bytes
          user.on("connect", () -> pump(user, total, run.sent, user::end));
          user.on("close", () -> {
            tunnel.close();
            sink.close();
          });
          user.resume();
        });
      });
    });
    return run;
  }

  static Socket plainUpstream(Run run, int port) {
    return Net.connect(port, "127.0.0.1");
  }

  @Test
  void aStalledReceiverBoundsWhatTheTunnelHoldsAndFinReachesIt() {
    long total = 64L << 20;
    long[] held = new long[2];
    Run run = forward(total, (r, s) -> {
      s.pause();
      r.receive(s);
      // The receiver starts reading after 300 ms, by when the kernel buffers and the tunnel
      // are full. The timing is not asserted: the bound holds at any moment.
      s.loop().setTimeout(() -> {
        held[0] = r.client.readableLength();
        held[1] = r.upstream.writableLength();
        s.resume();
      }, 300);
    }, NetSpliceTest::plainUpstream);
    assertEquals(total, run.received);
    assertArrayEquals(run.sent.digest(), run.got.digest());
    assertTrue(run.ended, "the user's FIN went through the tunnel");
    // The tunnel held at most a high-water mark plus one read on each side.
    assertTrue(held[0] <= run.client.readableHighWaterMark() + SPLICE_MAX, "read " + held[0]);
    assertTrue(held[1] <= run.upstream.writableHighWaterMark() + SPLICE_MAX, "write " + held[1]);
    assertTrue(run.client.splicedBytes() > 0);
    assertTrue(run.client.splicedBytes() < total, "the stall made chunks of what was left over");
    assertEquals(total, run.upstream.bytesWritten());
  }

  @Test
  void aDataListenerAddedMidwayGetsEveryByteReadAfterIt() {
    long total = 16L << 20;
    long[] seen = {0};
    long[] splicedBefore = {-1};
    long[] passedBefore = {0};
    Run run = forward(total, (r, s) -> {
      r.receive(s);
      s.on("data", (Buffer b) -> {
        if (r.received >= (1 << 20) && splicedBefore[0] < 0) {
          splicedBefore[0] = r.client.splicedBytes();
          // Read and gone by now (spliced, or a chunk already handed to the pipe).
          passedBefore[0] = r.client.bytesRead() - r.client.readableLength();
          r.client.on("data", (Buffer c) -> seen[0] += c.length());
        }
      });
    }, NetSpliceTest::plainUpstream);
    assertEquals(total, run.received);
    assertArrayEquals(run.sent.digest(), run.got.digest());
    assertTrue(splicedBefore[0] > 0, "spliced before the listener came");
    assertEquals(splicedBefore[0], run.client.splicedBytes(), "no splicing with two consumers");
    assertEquals(total - passedBefore[0], seen[0], "the listener saw every byte not yet passed");
  }

  @Test
  void aSubclassedTargetOrASecondConsumerGetsChunks() {
    long total = 4L << 20;
    long[] counted = {0};
    Run run = forward(total, Run::receive, (r, port) -> {
      // A subclass may override _write, which splicing would skip.
      Socket upstream = new Socket() {};
      upstream.connect(port, "127.0.0.1");
      r.client.on("data", (Buffer b) -> counted[0] += b.length());
      return upstream;
    });
    assertEquals(total, run.received);
    assertEquals(total, counted[0]);
    assertArrayEquals(run.sent.digest(), run.got.digest());
    assertEquals(0, run.client.splicedBytes());
  }

  @Test
  void aTargetResetMidwayFailsItsWriteAsTheChunkPathDoes() {
    List<String> codes = new ArrayList<>();
    long[] splicedAtError = {-1};
    forward(64L << 20, (r, s) -> s.on("data", (Buffer b) -> {
      r.received += b.length();
      if (r.received >= (1 << 20)) {
        s.resetAndDestroy();
      }
    }), (r, port) -> {
      Socket upstream = Net.connect(port, "127.0.0.1");
      upstream.on("error", (Throwable e) -> {
        codes.add(((WeirException) e).code());
        splicedAtError[0] = r.client.splicedBytes();
      });
      // As the tunnel sample does: one side's failure closes the other.
      upstream.on("close", () -> r.client.destroy());
      return upstream;
    });
    assertEquals(1, codes.size(), "one 'error' on the target: " + codes);
    assertTrue(codes.get(0).equals("ECONNRESET") || codes.get(0).equals("EPIPE"), codes.get(0));
    assertTrue(splicedAtError[0] > 0);
  }
}
