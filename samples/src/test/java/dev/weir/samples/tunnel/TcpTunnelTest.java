package dev.weir.samples.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.events.Listener1;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Server;
import dev.weir.net.ServerOptions;
import dev.weir.net.Socket;
import dev.weir.net.SocketOptions;
import dev.weir.samples.FdLeakCheck;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tunnel end to end over 127.0.0.1: integrity, half-close both ways, errors on either side
 * closing the other, the idle timeout and bounded buffering with a slow reader. Every test
 * checks that no descriptor is left open.
 */
@Timeout(60)
@ExtendWith(FdLeakCheck.class)
class TcpTunnelTest {
  private static final String LOCAL = "127.0.0.1";
  private static final int CHUNK = 64 * 1024;

  private final List<TcpTunnel.Summary> summaries = new ArrayList<>();

  /**
   * Starts a tunnel to {@code targetPort}, runs {@code body} once it listens, and closes the
   * tunnel (and {@code upstream}, if given) after the first forwarded connection closed.
   */
  private void startTunnel(int targetPort, long idleMs, Server upstream,
      Listener1<TcpTunnel> body) {
    TcpTunnel[] tunnel = new TcpTunnel[1];
    tunnel[0] = TcpTunnel.start(new TcpTunnel.Options(0, LOCAL, LOCAL, targetPort, idleMs),
        () -> body.call(tunnel[0]));
    tunnel[0].on("connectionClose", (TcpTunnel.Summary s) -> {
      summaries.add(s);
      tunnel[0].close();
      if (upstream != null && upstream.listening()) {
        upstream.close();
      }
    });
  }

  private static Socket connect(TcpTunnel tunnel, boolean allowHalfOpen) {
    return Net.createConnection(new SocketOptions().port(tunnel.address().port()).host(LOCAL)
        .allowHalfOpen(allowHalfOpen));
  }

  private TcpTunnel.Summary onlySummary() {
    assertEquals(1, summaries.size(), "one connection went through: " + summaries);
    return summaries.get(0);
  }

  private static String code(Throwable err) {
    return err instanceof WeirException ? ((WeirException) err).code() : err.toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Writes {@code total} pseudo-random bytes with write()/'drain', hashing them, then ends. */
  static void sendGenerated(Socket socket, long total, long seed, MessageDigest digest) {
    byte[] block = new byte[1 << 20];
    new SplittableRandom(seed).nextBytes(block);
    long[] sent = {0};
    long[] i = {0};
    Runnable[] write = new Runnable[1];
    write[0] = () -> {
      boolean ok = true;
      while (sent[0] < total && ok) {
        int len = (int) Math.min(CHUNK, total - sent[0]);
        int off = (int) (i[0]++ * 104_729L % (block.length - CHUNK));
        if (digest != null) {
          digest.update(block, off, len);
        }
        sent[0] += len;
        ok = socket.write(Buffer.wrap(block, off, len));
      }
      if (sent[0] < total) {
        socket.once("drain", () -> write[0].run());
      } else {
        socket.end();
      }
    };
    write[0].run();
  }

  @Test
  void twoHundredMebibytesBothWaysArriveIntact() {
    long total = 200L << 20;
    MessageDigest upSent = sha256();
    MessageDigest upGot = sha256();
    MessageDigest downSent = sha256();
    MessageDigest downGot = sha256();
    long[] upReceived = {0};
    long[] downReceived = {0};
    EventLoop.run(() -> {
      // A source/sink upstream: hashes what comes, sends its own 200 MiB at the same time.
      Server upstream = Net.createServer(new ServerOptions().allowHalfOpen(true), s -> {
        s.on("data", (Buffer b) -> {
          upGot.update(b.array(), b.byteOffset(), b.length());
          upReceived[0] += b.length();
        });
        sendGenerated(s, total, 2, downSent);
      });
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, true);
        client.on("data", (Buffer b) -> {
          downGot.update(b.array(), b.byteOffset(), b.length());
          downReceived[0] += b.length();
        });
        sendGenerated(client, total, 1, upSent);
      }));
    });
    assertEquals(total, upReceived[0]);
    assertEquals(total, downReceived[0]);
    assertArrayEquals(upSent.digest(), upGot.digest(), "client -> upstream");
    assertArrayEquals(downSent.digest(), downGot.digest(), "upstream -> client");
    TcpTunnel.Summary s = onlySummary();
    assertEquals("done", s.ending());
    assertEquals(total, s.bytesUp());
    assertEquals(total, s.bytesDown());
  }

  @Test
  void clientFinReachesUpstreamWhileTheOtherDirectionFlows() {
    List<String> upstreamLog = new ArrayList<>();
    List<String> clientLog = new ArrayList<>();
    EventLoop.run(() -> {
      Server upstream = Net.createServer(new ServerOptions().allowHalfOpen(true), s -> {
        StringBuilder got = new StringBuilder();
        s.on("data", (Buffer b) -> got.append(b.toString()));
        s.on("end", () -> {
          upstreamLog.add("got '" + got + "' then FIN");
          s.end("world"); // still writable: the tunnel forwarded a half-close
        });
        s.on("close", (Boolean hadError) -> upstreamLog.add("close " + hadError));
      });
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, true);
        StringBuilder got = new StringBuilder();
        client.on("data", (Buffer b) -> got.append(b.toString()));
        client.on("end", () -> clientLog.add("got '" + got + "' then FIN"));
        client.on("close", (Boolean hadError) -> clientLog.add("close " + hadError));
        client.end("hello");
      }));
    });
    assertEquals(List.of("got 'hello' then FIN", "close false"), upstreamLog);
    assertEquals(List.of("got 'world' then FIN", "close false"), clientLog);
    TcpTunnel.Summary s = onlySummary();
    assertEquals("done", s.ending());
    assertEquals(5, s.bytesUp());
    assertEquals(5, s.bytesDown());
  }

  @Test
  void upstreamFinReachesClientWhileTheOtherDirectionFlows() {
    List<String> upstreamLog = new ArrayList<>();
    List<String> clientLog = new ArrayList<>();
    EventLoop.run(() -> {
      Server upstream = Net.createServer(new ServerOptions().allowHalfOpen(true), s -> {
        StringBuilder got = new StringBuilder();
        s.on("data", (Buffer b) -> got.append(b.toString()));
        s.on("end", () -> upstreamLog.add("got '" + got + "' then FIN"));
        s.on("close", (Boolean hadError) -> upstreamLog.add("close " + hadError));
        s.end("banner"); // says all it has to say first, then listens
      });
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, true);
        StringBuilder got = new StringBuilder();
        client.on("data", (Buffer b) -> got.append(b.toString()));
        client.on("end", () -> {
          clientLog.add("got '" + got + "' then FIN");
          client.end("bye"); // still writable
        });
        client.on("close", (Boolean hadError) -> clientLog.add("close " + hadError));
      }));
    });
    assertEquals(List.of("got 'bye' then FIN", "close false"), upstreamLog);
    assertEquals(List.of("got 'banner' then FIN", "close false"), clientLog);
    assertEquals("done", onlySummary().ending());
  }

  @Test
  void refusedUpstreamClosesTheClient() {
    List<String> clientLog = new ArrayList<>();
    EventLoop.run(() -> {
      // A port nobody listens on: bind one, then close it.
      Server probe = Net.createServer();
      probe.listen(0, LOCAL, () -> {
        int deadPort = probe.address().port();
        probe.close(err -> startTunnel(deadPort, 0, null, t -> {
          Socket client = connect(t, false);
          client.on("error", (Throwable err2) -> clientLog.add("error " + code(err2)));
          client.on("close", () -> clientLog.add("close"));
          client.write("hello?");
        }));
      });
    });
    // No idle timeout is set: only the tunnel's error handling can have closed the client.
    assertEquals("close", clientLog.get(clientLog.size() - 1), clientLog.toString());
    assertEquals("upstream error ECONNREFUSED", onlySummary().ending());
  }

  @Test
  void upstreamResetClosesTheClient() {
    List<String> clientLog = new ArrayList<>();
    EventLoop.run(() -> {
      Server upstream = Net.createServer(s -> s.on("data", (Buffer b) -> s.resetAndDestroy()));
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, false);
        client.on("error", (Throwable err) -> clientLog.add("error " + code(err)));
        client.on("close", () -> clientLog.add("close"));
        client.write("hello");
      }));
    });
    assertEquals("close", clientLog.get(clientLog.size() - 1), clientLog.toString());
    String ending = onlySummary().ending();
    assertTrue(ending.startsWith("upstream error E"), ending);
  }

  @Test
  void clientResetClosesUpstream() {
    List<String> upstreamLog = new ArrayList<>();
    EventLoop.run(() -> {
      Server upstream = Net.createServer(s -> {
        s.on("error", (Throwable err) -> upstreamLog.add("error " + code(err)));
        s.on("close", () -> upstreamLog.add("close"));
        s.write("hi"); // tells the client the tunnel reached upstream
      });
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, false);
        client.on("data", (Buffer b) -> client.resetAndDestroy());
      }));
    });
    assertEquals("close", upstreamLog.get(upstreamLog.size() - 1), upstreamLog.toString());
    String ending = onlySummary().ending();
    assertTrue(ending.startsWith("client error E"), ending);
  }

  @Test
  void idleTimeoutClosesBothSides() {
    List<String> clientLog = new ArrayList<>();
    List<String> upstreamLog = new ArrayList<>();
    EventLoop.run(() -> {
      Server upstream = Net.createServer(s -> {
        s.pipe(s); // echo
        s.on("close", () -> upstreamLog.add("close"));
      });
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 100, upstream, t -> {
        Socket client = connect(t, false);
        client.on("data", (Buffer b) -> clientLog.add("echo " + b)); // then silence
        client.on("close", () -> clientLog.add("close"));
        client.write("ping");
      }));
    });
    assertEquals(List.of("echo ping", "close"), clientLog);
    assertEquals(List.of("close"), upstreamLog);
    TcpTunnel.Summary s = onlySummary();
    assertEquals("idle timeout", s.ending());
    assertEquals(4, s.bytesUp());
    assertEquals(4, s.bytesDown());
  }

  /**
   * A client that stops reading: the tunnel's socket to it buffers at most its high-water mark
   * plus one chunk, because pipe() pauses the upstream socket (and so, through TCP, the
   * upstream sender). The client starts reading only once that backpressure is visible.
   */
  @Test
  void slowReaderKeepsTheTunnelsBuffersBounded() {
    long total = 32L << 20;
    long[] received = {0};
    long[] maxWritable = {0};
    long[] maxUpstreamWritable = {0};
    int[] maxChunk = {0};
    int[] hwm = {0};
    boolean[] released = {false};
    EventLoop.run(() -> {
      Server upstream = Net.createServer(s -> sendGenerated(s, total, 3, null));
      upstream.listen(0, LOCAL, () -> startTunnel(upstream.address().port(), 0, upstream, t -> {
        Socket client = connect(t, false);
        client.pause(); // reads nothing until the tunnel had to hold back
        client.on("data", (Buffer b) -> {
          received[0] += b.length();
          client.pause(); // then one chunk per loop turn
          EventLoop.current().setImmediate(() -> client.resume());
        });
        t.on("connection", (TcpTunnel.Connection c) -> {
          // Runs after pipe()'s own 'data' listener, so right after each write.
          c.upstream().on("data", (Buffer b) -> {
            maxChunk[0] = Math.max(maxChunk[0], b.length());
            maxWritable[0] = Math.max(maxWritable[0], c.client().writableLength());
            hwm[0] = c.client().writableHighWaterMark();
            if (c.client().writableNeedDrain() && !released[0]) {
              released[0] = true;
              client.resume();
            }
          });
          c.client().on("data", (Buffer b) -> maxUpstreamWritable[0] =
              Math.max(maxUpstreamWritable[0], c.upstream().writableLength()));
        });
      }));
    });
    assertEquals(total, received[0]);
    assertTrue(released[0], "the tunnel's write() to the client returned false at some point");
    assertTrue(maxWritable[0] >= hwm[0], "max " + maxWritable[0]);
    assertTrue(maxWritable[0] <= hwm[0] + maxChunk[0],
        "buffered " + maxWritable[0] + " > highWaterMark " + hwm[0] + " + chunk " + maxChunk[0]);
    assertEquals(0, maxUpstreamWritable[0]);
    assertEquals("done", onlySummary().ending());
  }

  @Test
  void commandLine() {
    TcpTunnel.Options o = TcpTunnel.parse(new String[] {"--port", "8000", "--target",
        "example.org:9000", "--idle-timeout", "30000"});
    assertEquals(new TcpTunnel.Options(8000, "127.0.0.1", "example.org", 9000, 30000), o);
    assertEquals("::1", TcpTunnel.parse(new String[] {"--port", "1", "--host", "0.0.0.0",
        "--target", "[::1]:22"}).targetHost());
    assertNull(TcpTunnel.parse(new String[] {"--help"}));
    assertThrows(IllegalArgumentException.class,
        () -> TcpTunnel.parse(new String[] {"--port", "8000"}));
    assertThrows(IllegalArgumentException.class,
        () -> TcpTunnel.parse(new String[] {"--port", "8000", "--target", "nohost"}));
    assertThrows(IllegalArgumentException.class,
        () -> TcpTunnel.parse(new String[] {"--port", "70000", "--target", "h:1"}));
  }
}
