package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.nio.internal.SelectorPoller;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backpressure through the kernel, both ways (DESIGN.md §5): Node's
 * test-net-write-slow / test-net-throttle / test-net-socket-write-after-close ideas.
 *
 * <p>A writer writes in the "write until false, then wait for 'drain'" pattern against a peer
 * that does not read. The writer decides that the kernel buffers are full when 'drain' has not
 * come for a while after a false; only then does the reader read. That wait is not asserted: if
 * it ends early, the kernel merely had room left and the test carries on as before.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetBackpressureTest {
  static final int CHUNK = 16 * 1024;
  static final int READ_MAX = SelectorPoller.READ_BUFFER_SIZE;

  /** A writer of a deterministic byte pattern that hashes what it writes. */
  static final class Pump {
    final Socket socket;
    final MessageDigest digest = NetEchoTest.sha256();
    long written;
    int falses;
    int drains;
    long maxWritableLength;
    boolean stalled;
    boolean done;
    Runnable onStall = () -> {};
    private Timeout stallTimer;

    Pump(Socket socket) {
      this.socket = socket;
      socket.on("drain", () -> {
        assertTrue(drains < falses, "'drain' only after write() returned false");
        drains++;
        if (stallTimer != null) {
          EventLoop.current().clearTimeout(stallTimer);
          stallTimer = null;
        }
        write();
      });
    }

    void write() {
      boolean ok = true;
      while (ok && !done) {
        Buffer b = Buffer.allocUnsafe(CHUNK);
        for (int i = 0; i < CHUNK; i++) {
          b.set(i, (int) ((written + i) * 31 >>> 3));
        }
        digest.update(b.array(), b.byteOffset(), CHUNK);
        written += CHUNK;
        ok = socket.write(b);
        maxWritableLength = Math.max(maxWritableLength, socket.writableLength());
        // Node's contract: write() is false exactly when the buffer reached highWaterMark.
        assertEquals(socket.writableLength() < socket.writableHighWaterMark(), ok);
        assertTrue(socket.writableLength() <= socket.writableHighWaterMark() + CHUNK,
            () -> "writableLength " + socket.writableLength());
      }
      if (!ok) {
        falses++;
        if (!stalled) {
          stallTimer = EventLoop.current().setTimeout(() -> {
            stallTimer = null;
            stalled = true;
            onStall.run();
          }, 50);
        }
      }
    }

    void finish() {
      done = true;
      socket.end();
    }
  }

  @Test
  void pausedReaderStopsAFastWriter() {
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    Pump[] pump = new Pump[1];
    long[] atStall = new long[4];
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> {
        pump[0] = new Pump(s);
        pump[0].write();
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.pause();
        c.on("data", (Buffer b) -> {
          got.update(b.array(), b.byteOffset(), b.length());
          received[0] += b.length();
        });
        c.on("connect", () -> pump[0].onStall = () -> {
          Pump p = pump[0];
          // The reader took no more than one read past its high-water mark; the rest of what
          // the writer sent waits in the kernel buffers and in the writer's buffer.
          atStall[0] = c.readableLength();
          atStall[1] = c.bytesRead();
          atStall[2] = p.written;
          atStall[3] = p.drains;
          assertTrue(c.readableLength() <= c.readableHighWaterMark() + READ_MAX,
              () -> "readableLength " + c.readableLength());
          assertEquals(c.bytesRead(), c.readableLength(), "a paused socket emits no data");
          assertEquals(p.written, p.socket.bytesWritten());
          p.socket.once("drain", () -> p.finish());
          c.resume();
        });
        c.on("end", () -> server.close());
      });
    });
    Pump p = pump[0];
    assertTrue(p.stalled);
    assertTrue(p.falses >= 1);
    assertTrue(p.drains > atStall[3], "'drain' came once the reader read");
    assertTrue(atStall[2] > atStall[1], "the writer got ahead of the reader");
    assertEquals(p.written, received[0]);
    assertArrayEquals(p.digest.digest(), got.digest());
  }

  @Test
  void drippingReaderThrottlesTheWriter() {
    long total = 2L * 1024 * 1024;
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    long[] maxBuffered = {0};
    Pump[] pump = new Pump[1];
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> {
        Pump p = new Pump(s);
        pump[0] = p;
        p.stalled = true; // no stall detection: the reader drips regardless
        s.on("drain", () -> {
          if (p.written >= total && !p.done) {
            p.finish();
          }
        });
        p.write();
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        // Paused mode, one read() per loop turn.
        Runnable[] drip = new Runnable[1];
        drip[0] = () -> {
          maxBuffered[0] = Math.max(maxBuffered[0], c.readableLength());
          Buffer b = c.read();
          if (b != null) {
            got.update(b.array(), b.byteOffset(), b.length());
            received[0] += b.length();
          }
          if (!c.readableEnded()) {
            EventLoop.current().setImmediate(() -> drip[0].run());
          }
        };
        c.on("connect", () -> drip[0].run());
        c.on("end", () -> server.close());
      });
    });
    Pump p = pump[0];
    assertTrue(p.written >= total);
    assertTrue(p.falses >= 1);
    assertTrue(p.drains >= 1);
    assertTrue(maxBuffered[0] <= 16 * 1024 + READ_MAX, "readableLength " + maxBuffered[0]);
    assertEquals(p.written, received[0]);
    assertArrayEquals(p.digest.digest(), got.digest());
  }

  @Test
  void pausedServerSocketStopsReadingAndTheClientWriterWaits() {
    MessageDigest got = NetEchoTest.sha256();
    long[] received = {0};
    Pump[] pump = new Pump[1];
    Socket[] peer = new Socket[1];
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.on("connection", (Socket s) -> {
        peer[0] = s;
        s.pause();
        s.on("data", (Buffer b) -> {
          got.update(b.array(), b.byteOffset(), b.length());
          received[0] += b.length();
        });
        s.on("end", () -> {
          s.end();
          server.close();
        });
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        Pump p = new Pump(c);
        pump[0] = p;
        p.onStall = () -> {
          Socket s = peer[0];
          assertTrue(s.readableLength() <= s.readableHighWaterMark() + READ_MAX,
              () -> "readableLength " + s.readableLength());
          assertEquals(s.bytesRead(), s.readableLength(), "a paused socket emits no data");
          assertTrue(p.written > s.bytesRead());
          c.once("drain", () -> p.finish());
          s.resume();
        };
        c.on("connect", () -> p.write());
        c.resume();
      });
    });
    Pump p = pump[0];
    assertTrue(p.stalled);
    assertTrue(p.falses >= 1);
    assertEquals(p.written, received[0]);
    assertArrayEquals(p.digest.digest(), got.digest());
  }
}
