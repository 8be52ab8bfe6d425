package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer that resets the connection mid-stream: Node's test-net-socket-reset-twice,
 * test-net-server-reset and test-net-write-after-close. Node reports {@code ECONNRESET} from a
 * read or {@code EPIPE}/{@code ECONNRESET} from a write, then {@code 'close'} with
 * {@code hadError} true; nothing reaches the loop as an uncaught exception (EventLoop.run would
 * rethrow it).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetSocketResetTest {

  private static void assertResetError(Object err) {
    WeirException e = (WeirException) err;
    assertTrue(Set.of("ECONNRESET", "EPIPE").contains(e.code()), e::toString);
    assertTrue(Set.of("read", "write").contains(e.syscall()), e::toString);
  }

  @Test
  void resetWhileTheServerWrites() {
    EventLog server = new EventLog();
    EventLog client = new EventLog();
    EventLoop.run(() -> {
      Server srv = Net.createServer();
      srv.on("connection", (Socket s) -> {
        Buffer chunk = Buffer.alloc(64 * 1024, 'w');
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
          while (!s.destroyed() && s.write(chunk)) {
            // keep the kernel full
          }
          if (!s.destroyed()) {
            s.once("drain", () -> pump[0].run());
          }
        };
        pump[0].run();
        s.on("error", (Throwable err) -> {
          assertResetError(err);
          server.add("error");
        });
        s.on("close", (Boolean hadError) -> {
          server.add("close " + hadError);
          srv.close();
        });
      });
      srv.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(srv.address().port(), "127.0.0.1");
        long[] got = {0};
        c.on("data", (Buffer b) -> {
          got[0] += b.length();
          if (got[0] >= 1024 * 1024 && !c.destroyed()) {
            c.resetAndDestroy();
          }
        });
        c.on("error", (Throwable err) -> client.add("error " + err));
        c.on("close", (Boolean hadError) -> client.add("close " + hadError));
      });
    });
    server.assertIs("error", "close true");
    client.assertIs("close false");
  }

  @Test
  void resetWhileTheServerReads() {
    EventLog server = new EventLog();
    long[] serverGot = {0};
    EventLoop.run(() -> {
      Server srv = Net.createServer();
      srv.on("connection", (Socket s) -> {
        s.on("data", (Buffer b) -> serverGot[0] += b.length());
        s.on("end", () -> server.add("end"));
        s.on("error", (Throwable err) -> {
          WeirException e = (WeirException) err;
          assertEquals("ECONNRESET", e.code(), e::toString);
          assertEquals("read", e.syscall());
          server.add("error");
        });
        s.on("close", (Boolean hadError) -> {
          server.add("close " + hadError);
          srv.close();
        });
      });
      srv.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(srv.address().port(), "127.0.0.1");
        Buffer chunk = Buffer.alloc(16 * 1024, 'r');
        int[] sent = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
          boolean ok = true;
          while (ok && sent[0] < 64) {
            ok = c.write(chunk);
            sent[0]++;
          }
          if (sent[0] < 64) {
            c.once("drain", () -> pump[0].run());
          } else {
            // Everything reached the kernel: reset instead of ending.
            c.write(Buffer.alloc(1), err -> c.resetAndDestroy());
          }
        };
        c.on("connect", () -> pump[0].run());
      });
    });
    // The RST may overtake data the server had not read yet, but it is never a clean end.
    assertEquals(List.of("error", "close true"), server.entries());
    assertTrue(serverGot[0] <= 64 * 16 * 1024 + 1);
  }

  @Test
  void writeAfterThePeerResetFailsWithoutThrowing() {
    EventLog server = new EventLog();
    EventLoop.run(() -> {
      Server srv = Net.createServer();
      srv.on("connection", (Socket s) -> {
        s.on("error", (Throwable err) -> {
          assertResetError(err);
          server.add("error");
        });
        s.on("close", (Boolean hadError) -> {
          server.add("close " + hadError);
          srv.close();
        });
        // The peer resets on connect; keep writing small chunks until the socket notices.
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
          if (!s.destroyed()) {
            s.write("x");
            s.loop().setImmediate(() -> again[0].run());
          }
        };
        again[0].run();
      });
      srv.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(srv.address().port(), "127.0.0.1");
        c.on("connect", () -> c.resetAndDestroy());
      });
    });
    server.assertIs("error", "close true");
  }

  @Test
  void resetAndDestroyBeforeConnectWaitsForTheConnection() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server srv = Net.createServer();
      srv.on("connection", (Socket s) -> {
        s.on("error", (Throwable err) -> log.add("server error " + ((WeirException) err).code()));
        s.on("end", () -> log.add("server end"));
        s.on("close", (Boolean hadError) -> srv.close());
      });
      srv.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(srv.address().port(), "127.0.0.1");
        c.resetAndDestroy();
        c.on("connect", () -> log.add("connect"));
        c.on("close", (Boolean hadError) -> log.add("close " + hadError));
      });
    });
    assertEquals(List.of("connect", "close false", "server error ECONNRESET"), log.entries());
  }
}
