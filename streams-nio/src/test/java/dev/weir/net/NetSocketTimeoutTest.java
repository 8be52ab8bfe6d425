package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code socket.setTimeout}: Node's test-net-socket-timeout, test-net-settimeout and
 * test-net-socket-timeout-unref. Only order and occurrence are asserted, never durations.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetSocketTimeoutTest {
  final MustCall mustCall = new MustCall();

  @AfterEach
  void verifyCalls() {
    mustCall.verify();
  }

  /** An echo server whose connections the test closes from the client side. */
  private static Server echo() {
    return Net.createServer(s -> s.pipe(s));
  }

  @Test
  void timeoutFiresOnIdleAndDoesNotClose() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = echo();
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.setTimeout(50, mustCall.once(() -> {
          log.add("timeout " + c.readyState());
          assertFalse(c.destroyed());
          assertEquals(50, c.timeout());
          // Still usable: a round trip after the timeout.
          c.write("after");
        }));
        c.on("data", (Buffer b) -> {
          log.add("data " + b);
          c.end();
        });
        c.on("close", (Boolean hadError) -> {
          log.add("close " + hadError);
          server.close();
        });
      });
    });
    log.assertIs("timeout open", "data after", "close false");
  }

  @Test
  void activityPostponesTheTimeout() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = echo();
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        int[] round = {0};
        // Ten round trips, each started by the previous echo: the socket is never idle for
        // long; the timeout is much longer than a loopback round trip, but only ordering is
        // asserted: 'timeout' comes after the last echo.
        c.setTimeout(1000);
        c.on("timeout", mustCall.once(() -> {
          log.add("timeout after " + round[0]);
          c.end();
        }));
        c.on("data", (Buffer b) -> {
          if (++round[0] < 10) {
            c.write("ping");
          }
        });
        c.on("connect", () -> c.write("ping"));
        c.on("close", (Boolean hadError) -> server.close());
      });
    });
    log.assertIs("timeout after 10");
  }

  @Test
  void timeoutRearmsAfterActivityButNotWhileIdle() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = echo();
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.setTimeout(20);
        int[] timeouts = {0};
        c.on("timeout", () -> {
          log.add("timeout");
          if (++timeouts[0] == 1) {
            c.write("wake"); // activity re-arms the one-shot timer
          } else {
            c.end();
          }
        });
        c.on("data", (Buffer b) -> log.add("data " + b));
        c.on("close", (Boolean hadError) -> server.close());
      });
    });
    log.assertIs("timeout", "data wake", "timeout");
  }

  @Test
  void setTimeoutZeroDisables() {
    EventLoop.run(() -> {
      Server server = echo();
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.setTimeout(10, mustCall.never());
        c.setTimeout(0);
        assertEquals(0, c.timeout());
        c.on("timeout", mustCall.never());
        // Wait several times the disabled timeout, through an unrelated timer.
        EventLoop.current().setTimeout(() -> c.end(), 60);
        c.resume();
        c.on("close", (Boolean hadError) -> server.close());
      });
    });
  }

  @Test
  void theIdleTimerDoesNotKeepTheLoopAlive() {
    boolean[] connected = {false};
    EventLoop.run(() -> {
      Server server = echo();
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.setTimeout(60_000);
        c.on("timeout", mustCall.never());
        c.on("connect", () -> {
          connected[0] = true;
          c.end();
        });
        c.on("close", (Boolean hadError) -> server.close());
      });
    });
    assertTrue(connected[0]);
  }
}
