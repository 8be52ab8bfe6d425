package dev.weir.http;

import static dev.weir.http.RawHttp.exchange;
import static dev.weir.http.RawHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.http.RawHttp.Client;
import dev.weir.http.RawHttp.Response;
import dev.weir.loop.EventLoop;
import dev.weir.net.Socket;
import dev.weir.testing.EventLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keep-alive, pipelining and closing connections; after Node's test-http-keep-alive.js,
 * test-http-pipeline-requests-connection-leak.js, test-http-server-keepalive-req-gc.js and
 * test-http-server-close-idle.js / test-http-server-close-all.js ({@code maxRequestsPerSocket}
 * is in {@link HttpKeepAliveMaxRequestsTest}).
 */
@Timeout(30)
class HttpKeepAliveTest {

  private static String bodyOf(String url) {
    return "body of " + url;
  }

  @Test
  void severalRequestsReuseOneConnection() {
    Set<Socket> sockets = new HashSet<>();
    List<String> bodies = new ArrayList<>();
    int[] connections = {0};
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        sockets.add(req.socket());
        res.end(bodyOf(req.url()));
      });
      server.on("connection", (Socket s) -> connections[0]++);
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          bodies.add(r.body());
          assertEquals("keep-alive", r.header("Connection"));
          if (bodies.size() < 5) {
            client.send(get("/" + bodies.size()));
          } else {
            client.socket.end();
          }
        });
        client.onClose(() -> server.close());
        client.send(get("/0"));
      });
    });
    assertEquals(List.of("body of /0", "body of /1", "body of /2", "body of /3", "body of /4"),
        bodies);
    assertEquals(1, sockets.size());
    assertEquals(1, connections[0]);
  }

  /** Handlers that answer at different times: at once, a tick later, after an immediate. */
  private static void mixedHandler(IncomingMessage req, ServerResponse res) {
    switch (req.url()) {
      case "/later" -> EventLoop.current().setImmediate(() -> res.end(bodyOf(req.url())));
      case "/tick" -> EventLoop.current().nextTick(() -> {
        res.write("ti");
        res.end("ck");
      });
      default -> res.end(bodyOf(req.url()));
    }
  }

  private static final String PIPELINE = get("/later") + get("/now") + get("/tick")
      + RawHttp.request("HEAD", "/head") + "POST /post HTTP/1.1\r\nHost: x\r\n"
      + "Content-Length: 5\r\n\r\nhello" + get("/last", "Connection: close");

  @Test
  void pipelinedRequestsInOnePacketAreAnsweredInOrder() {
    List<String> seen = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      seen.add(req.method() + " " + req.url());
      mixedHandler(req, res);
    }, 99, PIPELINE);
    assertEquals(List.of("GET /later", "GET /now", "GET /tick", "HEAD /head", "POST /post",
        "GET /last"), seen);
    List<String> bodies = new ArrayList<>();
    for (Response response : r) {
      bodies.add(response.body());
    }
    assertEquals(List.of("body of /later", "body of /now", "tick", "", "body of /post",
        "body of /last"), bodies);
    assertEquals("close", r.get(5).header("Connection"));
  }

  @Test
  void pipelinedRequestsSplitByteByByteGiveIdenticalAnswers() {
    String whole = exchange(HttpKeepAliveTest::mixedHandler, 99, PIPELINE).stream()
        .map(Response::rawWithoutDate).reduce("", String::concat);
    List<String> packets = new ArrayList<>();
    for (int i = 0; i < PIPELINE.length(); i++) {
      packets.add(PIPELINE.substring(i, i + 1));
    }
    List<Response> split = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer(HttpKeepAliveTest::mixedHandler);
      server.on("connection", (Socket s) -> s.setNoDelay(true));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.socket.setNoDelay(true);
        client.onClose(() -> {
          split.addAll(client.responses);
          server.close();
        });
        client.expectHeadAt(3);
        for (String p : packets) {
          client.socket.write(p, "latin1");
        }
      });
    });
    assertEquals(whole, split.stream().map(Response::rawWithoutDate).reduce("", String::concat));
  }

  @Test
  void theNextRequestWaitsUntilThePreviousResponseFinished() {
    EventLog log = new EventLog();
    exchange((req, res) -> {
      log.add("request " + req.url());
      req.on("data", b -> log.add("data " + req.url()));
      req.on("end", () -> {
        log.add("end " + req.url());
        EventLoop.current().setImmediate(() -> res.end("ok"));
      });
      res.on("finish", () -> log.add("finish " + req.url()));
    }, 2, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\naaa"
        + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nbbb");
    log.assertIs("request /a", "data /a", "end /a", "finish /a",
        "request /b", "data /b", "end /b", "finish /b");
  }

  @Test
  void keepAliveHeaderRoundsTheTimeoutDown() {
    List<Response> r = exchange(new HttpServerOptions().keepAliveTimeout(2_500),
        (req, res) -> res.end(), 1, get("/"));
    assertEquals("timeout=2", r.get(0).header("Keep-Alive"));
  }

  @Test
  void closeIdleConnectionsLeavesBusyOnesAlone() {
    EventLog log = new EventLog();
    List<ServerResponse> held = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        if (req.url().equals("/busy")) {
          held.add(res);
        } else {
          res.end("idle soon");
        }
      });
      RawHttp.listen(server, port -> {
        Client idle = new Client(port);
        Client busy = new Client(port);
        idle.onClose(() -> {
          log.add("idle closed after " + idle.responses.size() + " response(s)");
          assertFalse(busy.closed);
          held.get(0).end("done");
        });
        busy.onResponse(r -> {
          log.add("busy got " + r.body());
          busy.socket.end();
        });
        busy.onClose(() -> {
          log.add("busy closed");
          server.close();
        });
        // Once the busy request is in the handler and the idle one was answered: close idle.
        int[] ready = {0};
        Runnable maybeClose = () -> {
          if (++ready[0] == 2) {
            server.closeIdleConnections();
          }
        };
        server.on("request", (IncomingMessage req, ServerResponse res) -> {
          if (req.url().equals("/busy")) {
            maybeClose.run();
          }
        });
        idle.onResponse(r -> maybeClose.run());
        idle.send(get("/idle"));
        busy.send(get("/busy"));
      });
    });
    log.assertIs("idle closed after 1 response(s)", "busy got done", "busy closed");
  }

  @Test
  void closeAllConnectionsClosesBusyOnesToo() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server[] holder = new Server[1];
      Server server = Http.createServer((req, res) -> {
        req.socket().on("close", () -> log.add("server socket closed"));
        res.on("close", () -> log.add("res close, finished=" + res.writableFinished()));
        holder[0].closeAllConnections();
      });
      holder[0] = server;
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          log.add("client closed with " + client.responses.size() + " response(s)");
          server.close();
        });
        client.send(get("/busy"));
      });
    });
    assertTrue(log.contains("client closed with 0 response(s)"), log::toString);
    assertTrue(log.contains("res close, finished=false"), log::toString);
    assertTrue(log.contains("server socket closed"), log::toString);
  }

  @Test
  void serverCloseTakesACallbackWithoutTheError() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> res.end("ok"));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          // The connection is idle now: close() closes it, then 'close' runs the callback.
          Server same = server.close(() -> log.add("server closed"));
          assertEquals(server, same);
        });
        client.onClose(() -> log.add("client closed"));
        client.send(get("/"));
      });
    });
    assertEquals(Set.of("client closed", "server closed"),
        Set.copyOf(log.entries()), log.entries()::toString);
  }

  @Test
  void serverCloseWaitsForTheExchangeInFlight() {
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server[] holder = new Server[1];
      Server server = Http.createServer((req, res) -> {
        log.add("request");
        holder[0].close(err -> log.add("server close callback " + err));
        EventLoop.current().setImmediate(() -> {
          log.add("responding");
          res.end("late");
        });
      });
      holder[0] = server;
      server.on("close", () -> log.add("server close"));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> log.add("client got " + r.body()));
        client.onClose(() -> log.add("client closed"));
        client.send(get("/"));
      });
    });
    List<String> e = log.entries();
    assertEquals(List.of("request", "responding", "client got late"), e.subList(0, 3));
    assertTrue(e.containsAll(List.of("client closed", "server close",
        "server close callback null")), e::toString);
  }
}
