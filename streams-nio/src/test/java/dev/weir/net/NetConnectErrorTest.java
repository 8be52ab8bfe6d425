package dev.weir.net;

import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed connections: Node's test-net-connect-econnrefused / test-net-dns-error /
 * test-net-connect-call-socket-connect. Node 20 reports {@code 'error'} (code, syscall, address,
 * port) and then {@code 'close'} with {@code hadError} true; 'connect' never fires.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetConnectErrorTest {
  final MustCall mustCall = new MustCall();

  @AfterEach
  void verifyCalls() {
    mustCall.verify();
  }

  @Test
  void refusedIsEconnrefusedThenCloseWithError() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      // A port that was just free: listen on it, then close.
      Server probe = Net.createServer();
      probe.listen(0, "127.0.0.1", () -> {
        int port = probe.address().port();
        probe.close(closed -> {
          Socket c = Net.connect(port, "127.0.0.1");
          c.on("connect", mustCall.never());
          c.write("queued", mustCall.once((Throwable err) -> {
            log.add("write callback " + ((WeirException) err).code());
          })::call);
          c.on("error", mustCall.once((Throwable err) -> {
            WeirException e = assertCode("ECONNREFUSED", err);
            assertEquals("connect", e.syscall());
            assertEquals("127.0.0.1", e.address());
            assertEquals(port, e.port());
            assertTrue(c.destroyed());
            assertEquals("closed", c.readyState());
            log.add("error");
          }));
          c.on("close", mustCall.once((Boolean hadError) -> log.add("close " + hadError)));
        });
      });
    });
    log.assertIs("write callback ECONNREFUSED", "error", "close true");
  }

  @Test
  void unknownHostIsEnotfoundFromGetaddrinfo() {
    String host = "nonexistent.invalid";
    // The JDK resolver blocks; bound it, and skip when this machine's DNS does not answer. A
    // negative answer is cached by the JDK, so the lookup below is then quick too.
    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
      try {
        InetAddress.getByName(host);
        return false;
      } catch (UnknownHostException e) {
        return true;
      }
    });
    Boolean notFound;
    try {
      notFound = probe.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      notFound = null;
    }
    assumeTrue(notFound != null, "DNS did not answer for " + host + " within 10 s");
    assumeTrue(notFound, host + " resolves on this machine");
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Socket c = Net.connect(80, host);
      c.on("connect", mustCall.never());
      c.on("error", mustCall.once((Throwable err) -> {
        WeirException e = assertCode("ENOTFOUND", err);
        assertEquals("getaddrinfo", e.syscall());
        log.add("error");
      }));
      c.on("close", mustCall.once((Boolean hadError) -> log.add("close " + hadError)));
    });
    log.assertIs("error", "close true");
  }
}
