package dev.weir.net;

import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * node v20 for {@code net.connect(80, 'nonexistent.invalid')}: {@code 'error'} with
   * {@code {errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname:
   * 'nonexistent.invalid'}} and no address or port, then {@code 'close'} with hadError true. The
   * {@code .invalid} domain fails without a resolver query (RFC 6761), so no network is needed.
   */
  @Test
  void unknownHostIsEnotfoundFromGetaddrinfoWithTheHostAsHostname() {
    String host = "nonexistent.invalid";
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Socket c = Net.connect(80, host);
      c.on("connect", mustCall.never());
      c.on("error", mustCall.once((Throwable err) -> {
        DnsException e = assertInstanceOf(DnsException.class, assertCode("ENOTFOUND", err));
        assertEquals("getaddrinfo", e.syscall());
        assertEquals(host, e.hostname());
        assertNull(e.address());
        assertEquals(-1, e.port());
        assertTrue(c.destroyed());
        log.add("error");
      }));
      c.on("close", mustCall.once((Boolean hadError) -> log.add("close " + hadError)));
      log.add("connect returned");
    });
    log.assertIs("connect returned", "error", "close true");
  }

  @Test
  void invalidDomainFailsWhateverTheCaseOrATrailingDot() {
    List<String> hosts = List.of("INVALID", "a.b.Invalid.", "x.invalid");
    List<String> failed = new ArrayList<>();
    EventLoop.run(() -> {
      for (String host : hosts) {
        Socket c = Net.connect(80, host);
        c.on("error", mustCall.once((Throwable err) -> {
          assertCode("ENOTFOUND", err);
          failed.add(((DnsException) err).hostname());
        }));
      }
    });
    assertEquals(hosts, failed);
  }

  /** node v20: {@code server.listen(0, 'nonexistent.invalid')} emits the same lookup error. */
  @Test
  void listenOnAnUnknownHostIsEnotfoundWithHostname() {
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.on("listening", mustCall.never());
      server.on("error", mustCall.once((Throwable err) -> {
        DnsException e = assertInstanceOf(DnsException.class, assertCode("ENOTFOUND", err));
        assertEquals("getaddrinfo", e.syscall());
        assertEquals("nonexistent.invalid", e.hostname());
        assertNull(e.address());
        assertEquals(-1, e.port());
        assertFalse(server.listening());
      }));
      server.listen(0, "nonexistent.invalid");
    });
  }
}
