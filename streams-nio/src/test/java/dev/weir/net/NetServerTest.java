package dev.weir.net;

import static dev.weir.errors.ErrorCode.ERR_SERVER_ALREADY_LISTEN;
import static dev.weir.errors.ErrorCode.ERR_SERVER_NOT_RUNNING;
import static dev.weir.errors.ErrorCode.ERR_SOCKET_BAD_PORT;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.buffer.Buffer;
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
 * Server lifecycle: close with open connections, close errors, listen errors, maxConnections,
 * getConnections, pauseOnConnect, ref/unref. Ports Node's test-net-server-close,
 * test-net-server-close-before-calling-lookup-callback, test-net-server-listen-handle,
 * test-net-listen-twice, test-net-server-max-connections, test-net-server-pause-on-connect and
 * test-net-server-unref (event orders checked against node v20).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetServerTest {
  final MustCall mustCall = new MustCall();

  @AfterEach
  void verifyCalls() {
    mustCall.verify();
  }

  @Test
  void closeWaitsForOpenConnections() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      List<Socket> clients = new ArrayList<>();
      List<Socket> peers = new ArrayList<>();
      Server server = Net.createServer();
      server.on("connection", mustCall.times(2, (Socket peer) -> {
        int n = peers.size() + 1;
        peers.add(peer);
        peer.on("end", () -> log.add("peer" + n + " end"));
        peer.on("close", (Boolean hadError) -> log.add("peer" + n + " close " + hadError));
        if (peers.size() == 2) {
          server.close(mustCall.once((Throwable err) -> {
            assertNull(err);
            log.add("close callback");
          })::call);
          log.add("close() called");
          assertFalse(server.listening());
          assertNull(server.address());
          clients.get(0).end();
        }
      }));
      server.on("close", mustCall.once(() -> log.add("server close")));
      server.listen(0, "127.0.0.1", () -> {
        for (int i = 0; i < 2; i++) {
          Socket c = Net.connect(server.address().port(), "127.0.0.1");
          clients.add(c);
        }
        // The second client ends only once the first connection is completely gone.
        clients.get(0).on("close", () -> server.getConnections(mustCall.once((err, count) -> {
          log.add("connections " + count);
          clients.get(1).end();
        })));
      });
    });
    log.assertIs("close() called", "peer1 end", "peer1 close false", "connections 1",
        "peer2 end", "server close", "close callback", "peer2 close false");
  }

  @Test
  void closeWhenNotListeningEmitsCloseAndCallsBackWithNotRunning() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.on("close", mustCall.once(() -> log.add("close")));
      server.close(mustCall.once((Throwable err) -> {
        assertCode(ERR_SERVER_NOT_RUNNING, err);
        log.add("callback " + ((WeirException) err).code());
      })::call);
      log.add("sync");
    });
    log.assertIs("sync", "close", "callback ERR_SERVER_NOT_RUNNING");
  }

  @Test
  void secondCloseAfterListeningCallsBackWithNotRunning() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.listen(0, "127.0.0.1", () -> {
        server.close(err -> log.add("first " + err));
        server.close(err -> log.add("second " + ((WeirException) err).code()));
      });
    });
    log.assertIs("first null", "second ERR_SERVER_NOT_RUNNING");
  }

  @Test
  void closeTakesACallbackWithoutTheErrorToo() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.listen(0, "127.0.0.1", () -> {
        // Node's server.close(() => ...): runs on 'close'.
        Server same = server.close(mustCall.once(() -> log.add("closed")));
        assertSame(server, same);
        // Not running any more: Node would pass ERR_SERVER_NOT_RUNNING; this form still runs.
        server.close(mustCall.once(() -> log.add("closed again")));
        // The error-taking form is chosen by the lambda's arity.
        server.close(err -> log.add("third " + ((WeirException) err).code()));
      });
    });
    log.assertIs("closed", "closed again", "third ERR_SERVER_NOT_RUNNING");
  }

  @Test
  void listenTwiceThrowsAlreadyListen() {
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.listen(0, "127.0.0.1");
      WeirException e = assertThrows(WeirException.class, () -> server.listen(0, "127.0.0.1"));
      assertCode(ERR_SERVER_ALREADY_LISTEN, e);
      server.on("listening", mustCall.once(() -> server.close()));
    });
  }

  @Test
  void withAHostTheServerBindsOnceTheLookupAnswers() {
    // node 20: listen(0, '127.0.0.1') -> address() null; in 'listening' it is set. Without a
    // host, address() is set at once.
    List<Object> seen = new ArrayList<>();
    EventLoop.run(() -> {
      Server withHost = Net.createServer();
      withHost.listen(0, "127.0.0.1", mustCall.once(() -> {
        seen.add(withHost.address().address());
        seen.add(withHost.listening());
        withHost.close();
      }));
      seen.add(withHost.address());
      seen.add(withHost.listening());
      Server noHost = Net.createServer();
      noHost.listen(0, mustCall.once(() -> noHost.close()));
      seen.add(noHost.address() != null && noHost.address().port() > 0);
    });
    assertEquals(java.util.Arrays.asList(null, false, true, "127.0.0.1", true), seen);
  }

  @Test
  void closeBeforeTheLookupAnswersCancelsTheListen() {
    // Node's test-net-server-close-before-calling-lookup-callback: the listen callback is
    // never called and the loop ends, as nothing was bound.
    for (String host : List.of("localhost", "127.0.0.1")) {
      List<Object> seen = new ArrayList<>();
      EventLoop.run(() -> {
        Server server = Net.createServer();
        server.on("listening", () -> seen.add("listening"));
        server.listen(0, host, () -> seen.add("listen callback"));
        WeirException twice = assertThrows(WeirException.class, () -> server.listen(0, host));
        assertCode(ERR_SERVER_ALREADY_LISTEN, twice);
        server.close(mustCall.once((Throwable err) -> seen.add(((WeirException) err).code()))
            ::call);
        server.on("close", () -> seen.add("close"));
      });
      assertEquals(List.of("ERR_SERVER_NOT_RUNNING", "close"), seen, host);
    }
  }

  @Test
  void portInUseIsEaddrinuseFromListen() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server first = Net.createServer();
      first.listen(0, "127.0.0.1", () -> {
        int port = first.address().port();
        Server second = Net.createServer();
        second.on("listening", mustCall.never());
        second.on("error", mustCall.once((Throwable err) -> {
          WeirException e = assertCode("EADDRINUSE", err);
          assertEquals("listen", e.syscall());
          assertEquals("127.0.0.1", e.address());
          assertEquals(port, e.port());
          assertFalse(second.listening());
          log.add("error");
          first.close();
        }));
        second.listen(port, "127.0.0.1");
        log.add("listen returned");
      });
    });
    log.assertIs("listen returned", "error");
  }

  @Test
  void badPortsThrowSynchronously() {
    EventLoop.run(() -> {
      for (int port : new int[] {-1, 65536, 100_000}) {
        assertCode(ERR_SOCKET_BAD_PORT,
            assertThrows(WeirException.class, () -> Net.createServer().listen(port)));
        assertCode(ERR_SOCKET_BAD_PORT,
            assertThrows(WeirException.class, () -> Net.connect(port, "127.0.0.1")));
      }
    });
  }

  @Test
  void maxConnectionsDropsExtraConnections() {
    int[] ended = {0};
    int[] closed = {0};
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.maxConnections(2);
      assertEquals(2, server.maxConnections());
      List<Socket> clients = new ArrayList<>();
      server.on("connection", mustCall.times(2, (Socket peer) -> {
        peer.on("data", (Buffer b) -> {
          assertEquals("ping", b.toString());
          peer.write("pong");
        });
      }));
      server.on("drop", mustCall.once((DropInfo info) -> {
        int droppedPort = info.remotePort();
        // Every client has now connected or been dropped: ask the kept ones to talk.
        server.getConnections(mustCall.once((err, count) -> {
          assertNull(err);
          assertEquals(2, count);
          for (Socket c : clients) {
            if (c.localPort() != droppedPort) {
              c.write("ping");
            }
          }
        }));
      }));
      server.listen(0, "127.0.0.1", () -> {
        for (int i = 0; i < 3; i++) {
          Socket c = Net.connect(server.address().port(), "127.0.0.1");
          clients.add(c);
          c.on("data", (Buffer b) -> {
            assertEquals("pong", b.toString());
            c.end();
          });
          c.on("end", () -> ended[0]++);
          c.on("close", (Boolean hadError) -> {
            assertFalse(hadError);
            if (++closed[0] == 3) {
              server.close();
            }
          });
        }
      });
    });
    assertEquals(3, ended[0]);
    assertEquals(3, closed[0]);
  }

  @Test
  void dropCarriesBothEndsOfTheConnectionOverIpv4() {
    dropCarriesBothEnds("127.0.0.1", "IPv4");
  }

  @Test
  void dropCarriesBothEndsOfTheConnectionOverIpv6() {
    assumeTrue(loopbackWorks("::1"), "no IPv6 loopback on this machine");
    // node v20: remoteAddress '::1', not the JDK's 0:0:0:0:0:0:0:1.
    dropCarriesBothEnds("::1", "IPv6");
  }

  /**
   * Node 20's 'drop' data, as node prints it for a second client of a server with
   * {@code maxConnections = 1}: {@code {localAddress: '127.0.0.1', localPort: <server port>,
   * localFamily: 'IPv4', remoteAddress: '127.0.0.1', remotePort: <client port>,
   * remoteFamily: 'IPv4'}} (and {@code '::1'}/{@code 'IPv6'} over IPv6). The dropped client
   * sees an end of stream, not an error.
   */
  private void dropCarriesBothEnds(String host, String family) {
    DropInfo[] dropped = {null};
    int[] serverPort = {-1};
    int[] droppedClientPort = {-1};
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.maxConnections(1);
      Socket[] kept = {null};
      server.on("connection", mustCall.once((Socket peer) -> {
        // The first connection is in: a second one is now one too many.
        Socket second = Net.connect(serverPort[0], host);
        second.on("connect", mustCall.once(() -> droppedClientPort[0] = second.localPort()));
        second.on("error", mustCall.never1());
        second.on("close", mustCall.once((Boolean hadError) -> {
          assertFalse(hadError);
          peer.destroy();
          kept[0].destroy();
          server.close();
        }));
        second.resume();
      }));
      server.on("drop", mustCall.once((DropInfo info) -> {
        assertEquals(1, server.connectionCount());
        dropped[0] = info;
      }));
      server.listen(0, host, () -> {
        serverPort[0] = server.address().port();
        kept[0] = Net.connect(serverPort[0], host);
      });
    });
    assertEquals(new DropInfo(host, serverPort[0], family, host, droppedClientPort[0], family),
        dropped[0]);
  }

  /** Whether a socket can be bound on {@code host} (IPv6 may be off in a container). */
  static boolean loopbackWorks(String host) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress(host, 0));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void pauseOnConnectReadsNothingUntilResumed() {
    StringBuilder got = new StringBuilder();
    EventLoop.run(() -> {
      Server server = Net.createServer(new ServerOptions().pauseOnConnect(true), peer -> {
        assertEquals(Boolean.FALSE, peer.readableFlowing());
        peer.on("data", (Buffer b) -> got.append(b));
        peer.on("end", mustCall.once(() -> peer.end()));
      });
      server.on("connection", (Socket peer) -> {
        // Attaching 'data' does not start a paused socket: nothing is read until resume().
        peer.loop().setImmediate(() -> {
          assertEquals(0, peer.bytesRead());
          assertEquals(0, peer.readableLength());
          assertEquals("", got.toString());
          peer.resume();
        });
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.end("hello");
        c.resume();
        c.on("close", mustCall.once(() -> server.close()));
      });
    });
    assertEquals("hello", got.toString());
  }

  @Test
  void unrefLetsRunReturnWhileListeningAndConnected() {
    boolean[] reached = {false};
    EventLoop.run(() -> {
      Server server = Net.createServer();
      int[] sides = {0};
      Socket[] client = new Socket[1];
      Runnable unrefAll = () -> {
        if (++sides[0] == 2) {
          server.unref();
          client[0].unref();
          reached[0] = true;
        }
      };
      server.on("connection", (Socket peer) -> {
        peer.unref();
        unrefAll.run();
      });
      server.listen(0, "127.0.0.1", () -> {
        client[0] = Net.connect(server.address().port(), "127.0.0.1", unrefAll::run);
        client[0].on("close", mustCall.never1());
      });
    });
    // run() returned with the server listening and both ends open (the loop closed them).
    assertTrue(reached[0]);
  }

  @Test
  void unrefThenRefKeepsTheLoopAlive() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Net.createServer();
      server.listen(0, "127.0.0.1", () -> {
        server.unref();
        server.ref();
        // An unref'd timer fires only if something else keeps the loop alive: the server.
        EventLoop.current().setTimeout(() -> {
          log.add("timer");
          server.close(err -> log.add("closed " + err));
        }, 5).unref();
      });
      Socket s = new Socket();
      s.unref();
      s.ref();
    });
    log.assertIs("timer", "closed null");
  }
}
