package dev.weir.http;

import static dev.weir.http.RawHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.http.RawHttp.Client;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.net.Socket;
import dev.weir.testing.EventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server timeouts with short configured values; the tests check what happens and in which order,
 * never how long it took. After Node's test-http-server-headers-timeout-*.js,
 * test-http-server-request-timeout-*.js and test-http-keep-alive-timeout*.js.
 */
@org.junit.jupiter.api.Timeout(30)
class HttpTimeoutTest {
  private static final String TIMEOUT_408 =
      "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n";

  @Test
  void tricklingHeadersGet408AndClose() {
    EventLog log = new EventLog();
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().headersTimeout(200),
          (req, res) -> log.add("request"));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        String header = "X-Slow: " + "s".repeat(10_000);
        int[] sent = {0};
        client.send("GET / HTTP/1.1\r\nHost: x\r\n");
        // One byte every 10 ms: activity, but the header block never completes in time.
        Timeout trickle = EventLoop.current().setInterval(() -> {
          if (sent[0] < header.length()) {
            client.send(header.substring(sent[0], ++sent[0]));
          }
        }, 10);
        client.onClose(() -> {
          EventLoop.current().clearInterval(trickle);
          log.add("closed");
          received[0] = client.received.toString();
          server.close();
        });
      });
    });
    log.assertIs("closed");
    assertEquals(TIMEOUT_408, received[0]);
  }

  @Test
  void aConnectionThatSendsNothingGets408() {
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().headersTimeout(150),
          (req, res) -> res.end());
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          received[0] = client.received.toString();
          server.close();
        });
      });
    });
    assertEquals(TIMEOUT_408, received[0]);
  }

  @Test
  void headersTimeoutReachesClientErrorWithItsCode() {
    List<String> codes = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().headersTimeout(150),
          (req, res) -> res.end());
      server.on("clientError", (Throwable err, Socket socket) -> {
        codes.add(((HttpParseException) err).code());
        socket.destroy();
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> server.close());
        client.send("GET / HT");
      });
    });
    assertEquals(List.of("ERR_HTTP_REQUEST_TIMEOUT"), codes);
  }

  @Test
  void keepAliveTimeoutClosesAnIdleConnection() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().keepAliveTimeout(150),
          (req, res) -> res.end("ok"));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          log.add("response " + r.header("Keep-Alive"));
          if (client.responses.size() == 1) {
            client.send(get("/second")); // activity in time keeps the connection
          }
        });
        client.socket.on("end", () -> log.add("server ended the connection"));
        client.onClose(() -> {
          log.add("closed");
          server.close();
        });
        client.send(get("/first"));
      });
    });
    log.assertIs("response timeout=0", "response timeout=0", "server ended the connection",
        "closed");
  }

  @Test
  void requestTimeoutOnAStalledBodyGets408AndAbortsTheRequest() {
    EventLog log = new EventLog();
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().headersTimeout(100)
          .requestTimeout(250), (req, res) -> {
            log.add("request");
            req.on("data", (Buffer b) -> log.add("data " + b.toString()));
            req.on("aborted", () -> log.add("aborted"));
            req.on("error", (Throwable e) -> log.add("req error"));
            req.on("end", () -> res.end("complete?"));
          });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          log.add("closed");
          received[0] = client.received.toString();
          server.close();
        });
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
      });
    });
    assertEquals(TIMEOUT_408, received[0]);
    List<String> e = log.entries();
    assertEquals(List.of("request", "data abc"), e.subList(0, 2));
    assertEquals(true, e.contains("aborted") && e.contains("closed"), e::toString);
  }

  @Test
  void requestTimeoutAfterTheResponseStartedJustCloses() {
    EventLog log = new EventLog();
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().headersTimeout(100)
          .requestTimeout(200), (req, res) -> {
            res.write("partial");
            req.on("aborted", () -> log.add("aborted"));
          });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          log.add("closed");
          received[0] = client.received.toString();
          server.close();
        });
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
      });
    });
    // The status line already went out: no 408 can follow, the connection is cut.
    assertEquals(true, received[0].startsWith("HTTP/1.1 200 OK\r\n"), received[0]);
    assertEquals(false, received[0].contains("408"));
    assertEquals(java.util.Set.of("aborted", "closed"), java.util.Set.copyOf(log.entries()));
    assertEquals(2, log.entries().size());
  }
}
