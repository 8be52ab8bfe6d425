package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Socket state accessors through a connection's life, and writes queued before 'connect'; Node's
 * test-net-socket-ready-state, test-net-connect-buffer, test-net-bytes-stats,
 * test-net-remote-address-port and test-net-local-address-port. Expected values were checked
 * against node v20.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetSocketStateTest {
  final MustCall mustCall = new MustCall();

  @AfterEach
  void verifyCalls() {
    mustCall.verify();
  }

  @Test
  void freshSocketIsOpenAndPending() {
    EventLoop.run(() -> {
      Socket s = new Socket();
      // Node: a socket without a handle is readable and writable, so 'open', and pending.
      assertEquals("open", s.readyState());
      assertTrue(s.pending());
      assertFalse(s.connecting());
      assertNull(s.remoteAddress());
      assertNull(s.localAddress());
      assertEquals(0, s.bytesRead());
      assertEquals(0, s.bytesWritten());
    });
  }

  @Test
  void stateWhileConnectingConnectedAndClosed() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer(mustCall.once((Socket peer) -> {
        assertEquals("open", peer.readyState());
        assertFalse(peer.pending());
        assertFalse(peer.connecting());
        assertEquals("127.0.0.1", peer.remoteAddress());
        assertEquals("IPv4", peer.remoteFamily());
        assertEquals("127.0.0.1", peer.localAddress());
        assertEquals(peer.localPort(), server().address().port());
        peer.pipe(peer);
      }));
      holder = server;
      server.listen(0, "127.0.0.1", () -> {
        int port = server.address().port();
        Socket c = Net.connect(port, "127.0.0.1");
        assertEquals("opening", c.readyState());
        assertTrue(c.pending());
        assertTrue(c.connecting());
        assertNull(c.remoteAddress());
        c.on("connect", mustCall.once(() -> {
          log.add("connect");
          assertEquals("open", c.readyState());
          assertFalse(c.pending());
          assertFalse(c.connecting());
          assertEquals("127.0.0.1", c.remoteAddress());
          assertEquals(port, c.remotePort());
          assertEquals("IPv4", c.remoteFamily());
          assertEquals("127.0.0.1", c.localAddress());
          assertTrue(c.localPort() > 0);
          assertEquals(new AddressInfo("127.0.0.1", "IPv4", c.localPort()), c.address());
          c.write("12345");
        }));
        c.on("data", (Buffer b) -> {
          log.add("data " + b);
          assertEquals(5, c.bytesRead());
          c.end();
        });
        c.on("finish", () -> {
          log.add("finish");
          assertEquals("readOnly", c.readyState());
        });
        c.on("end", () -> log.add("end"));
        c.on("close", mustCall.once((Boolean hadError) -> {
          log.add("close " + hadError);
          // Node: without a handle a socket is pending again; the peer's address is kept.
          assertEquals("closed", c.readyState());
          assertTrue(c.pending());
          assertFalse(c.connecting());
          assertEquals("127.0.0.1", c.remoteAddress());
          assertEquals(port, c.remotePort());
          assertEquals(5, c.bytesRead());
          assertEquals(5, c.bytesWritten());
          server.close();
        }));
      });
    });
    log.assertIs("connect", "data 12345", "finish", "end", "close false");
  }

  private Server holder;

  private Server server() {
    return holder;
  }

  @Test
  void writesAndEndBeforeConnectAreQueuedAndDelivered() {
    StringBuilder got = new StringBuilder();
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer(peer -> {
        peer.on("data", (Buffer b) -> got.append(b));
        peer.on("end", mustCall.once(() -> log.add("server end")));
        peer.on("close", () -> log.add("server close"));
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        assertTrue(c.write("hello "));
        c.write(Buffer.from("wor"), err -> {
          assertNull(err);
          log.add("write cb");
        });
        c.end("ld");
        // Node counts bytes queued before the connection as written.
        assertEquals(11, c.bytesWritten());
        assertEquals("opening", c.readyState());
        c.on("connect", () -> {
          log.add("connect");
          assertEquals("readOnly", c.readyState());
        });
        c.on("finish", () -> log.add("finish"));
        c.on("close", (Boolean hadError) -> {
          log.add("close " + hadError);
          assertEquals(11, c.bytesWritten());
          server.close();
        });
      });
    });
    assertEquals("hello world", got.toString());
    assertEquals("connect", log.entries().get(0));
    assertEquals(1, log.entries().stream().filter("write cb"::equals).count(), log::toString);
    assertTrue(log.entries().indexOf("write cb") < log.entries().indexOf("finish"), log::toString);
    assertTrue(log.entries().contains("server end"), log::toString);
    assertTrue(log.entries().contains("close false"), log::toString);
  }

  @Test
  void bytesWrittenCountsEachByteOnceWhileTheKernelIsFull() {
    int size = 8 * 1024 * 1024;
    long[] seen = {-1, -1};
    Socket[] client = new Socket[1];
    EventLoop.run(() -> {
      Server server = Net.createServer(peer -> {
        // One big write the kernel cannot take at once: it stays partly written while the peer
        // does not read.
        peer.write(Buffer.alloc(size, 'x'));
        peer.loop().setImmediate(() -> {
          seen[0] = peer.bytesWritten();
          peer.end();
          client[0].resume();
        });
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        client[0] = c;
        long[] received = {0};
        c.pause();
        c.on("data", (Buffer b) -> received[0] += b.length());
        c.on("end", () -> {
          seen[1] = received[0];
          server.close();
        });
      });
    });
    assertEquals(size, seen[0]);
    assertEquals(size, seen[1]);
  }
}
