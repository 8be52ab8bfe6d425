package dev.weir.http;

import static dev.weir.http.RawHttp.get;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import dev.weir.http.RawHttp.Client;
import dev.weir.http.RawHttp.Response;
import dev.weir.loop.EventLoop;
import dev.weir.net.Socket;
import dev.weir.testing.EventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code server.maxRequestsPerSocket}; after Node's test-http-keep-alive-max-requests.js,
 * test-http-keep-alive-pipeline-max-requests.js and test-http-keep-alive-drop-requests.js. The
 * expected bytes are what node v20 sends for the same requests (Date lines left out): the last
 * allowed response says {@code Connection: close}, every request past the limit gets
 * {@code 'dropRequest'} and a 503, and the server leaves the connection open for the client to
 * close.
 */
@Timeout(30)
class HttpKeepAliveMaxRequestsTest {
  /** node v20, first of two allowed responses to GET /1 answered with {@code end("ok /1")}. */
  private static final String KEPT = "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n"
      + "Keep-Alive: timeout=5, max=2\r\nContent-Length: 5\r\n\r\nok /1";
  /** node v20, the last allowed response. */
  private static final String LAST = "HTTP/1.1 200 OK\r\nConnection: close\r\n"
      + "Content-Length: 5\r\n\r\nok /2";
  /** node v20, a request past the limit: writeHead(503); end(). */
  private static final String DROPPED = "HTTP/1.1 503 Service Unavailable\r\n"
      + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

  /** A server answering {@code "ok <url>"} that logs its 'request' and 'dropRequest' events. */
  private static Server server(HttpServerOptions options, EventLog log) {
    Server server = Http.createServer(options, (req, res) -> {
      log.add("request " + req.url());
      res.end("ok " + req.url());
    });
    server.on("dropRequest", (IncomingMessage req, Socket socket) -> {
      assertSame(req.socket(), socket);
      log.add("dropRequest " + req.url());
    });
    return server;
  }

  private static List<String> raw(List<Response> responses) {
    List<String> out = new ArrayList<>();
    for (Response r : responses) {
      out.add(r.rawWithoutDate());
    }
    return out;
  }

  @Test
  void pipelinedRequestsPastTheLimitGet503AndTheConnectionStaysOpen() {
    EventLog log = new EventLog();
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = server(new HttpServerOptions(), log);
      // Node's way: a property set after createServer.
      server.maxRequestsPerSocket(2);
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          if (client.responses.size() == 4) {
            // Still open after two 503s: one more request is answered, with another 503.
            client.send(get("/5"));
          } else if (client.responses.size() == 5) {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        // The third carries a body and asks to continue: 503 all the same, no 100 Continue,
        // and the body is skipped to reach the fourth.
        client.send(get("/1") + get("/2")
            + "POST /3 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"
            + "abc" + get("/4"));
      });
    });
    log.assertIs("request /1", "request /2", "dropRequest /3", "dropRequest /4",
        "dropRequest /5");
    assertEquals(List.of(KEPT, LAST, DROPPED, DROPPED, DROPPED), raw(responses));
  }

  @Test
  void sequentialRequestsPastTheLimitGet503AndTheConnectionStaysOpen() {
    EventLog log = new EventLog();
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = server(new HttpServerOptions().maxRequestsPerSocket(2), log);
      assertEquals(2, server.maxRequestsPerSocket());
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          int n = client.responses.size();
          if (n < 4) {
            client.send(get("/" + (n + 1)));
          } else {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send(get("/1"));
      });
    });
    log.assertIs("request /1", "request /2", "dropRequest /3", "dropRequest /4");
    assertEquals(List.of(KEPT, LAST, DROPPED, DROPPED), raw(responses));
  }

  @Test
  void eachConnectionHasItsOwnCount() {
    EventLog log = new EventLog();
    List<Integer> statuses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = server(new HttpServerOptions(), log);
      server.maxRequestsPerSocket(1);
      RawHttp.listen(server, port -> {
        Client first = new Client(port);
        first.onResponse(r -> {
          statuses.add(r.status());
          // The first connection has used its one request: a second connection still may.
          Client second = new Client(port);
          second.onResponse(r2 -> {
            statuses.add(r2.status());
            second.socket.end();
            first.send(get("/b"));
          });
          second.send(get("/a2"));
          first.onResponse(r3 -> {
            statuses.add(r3.status());
            first.socket.end();
          });
        });
        first.onClose(() -> server.close());
        first.send(get("/a1"));
      });
    });
    assertEquals(List.of(200, 200, 503), statuses);
    log.assertIs("request /a1", "request /a2", "dropRequest /b");
  }

  @Test
  void aLimitSetWhileAConnectionIsOpenAppliesToItsNextRequests() {
    EventLog log = new EventLog();
    List<String> connectionHeaders = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = server(new HttpServerOptions(), log);
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          connectionHeaders.add(r.status() + " " + r.header("Connection"));
          if (client.responses.size() == 1) {
            // Node reads server.maxRequestsPerSocket per request, counting from then on.
            server.maxRequestsPerSocket(1);
            client.send(get("/2") + get("/3"));
          } else if (client.responses.size() == 3) {
            client.socket.end();
          }
        });
        client.onClose(() -> server.close());
        client.send(get("/1"));
      });
    });
    assertEquals(List.of("200 keep-alive", "200 close", "503 close"), connectionHeaders);
    log.assertIs("request /1", "request /2", "dropRequest /3");
  }

  @Test
  void http10RequestsAreNotCounted() {
    EventLog log = new EventLog();
    List<Integer> statuses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = server(new HttpServerOptions().maxRequestsPerSocket(1), log);
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          statuses.add(r.status());
          if (client.responses.size() == 3) {
            client.socket.end();
          }
        });
        client.onClose(() -> server.close());
        String req = "GET /%d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        client.send(String.format(req, 1) + String.format(req, 2) + String.format(req, 3));
      });
    });
    // node v20 checks the limit only for HTTP/1.1 requests.
    assertEquals(List.of(200, 200, 200), statuses);
    log.assertIs("request /1", "request /2", "request /3");
  }

  @Test
  void aNegativeLimitIsOutOfRange() {
    EventLoop.run(() -> {
      Server server = Http.createServer();
      WeirException e = assertThrows(WeirException.class, () -> server.maxRequestsPerSocket(-1));
      assertCode("ERR_OUT_OF_RANGE", e);
      assertEquals(0, server.maxRequestsPerSocket());
      assertFalse(server.listening());
    });
  }
}
