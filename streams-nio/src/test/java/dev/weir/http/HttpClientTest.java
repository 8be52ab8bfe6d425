package dev.weir.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP client against Weir's server: Node's test-http-client-*.js, test-http-agent-*.js. */
@Timeout(30)
class HttpClientTest {

  /** A server echoing method, url, a header and the body length. */
  static Server echoServer() {
    return Http.createServer((req, res) -> {
      long[] n = {0};
      req.on("data", (Buffer b) -> n[0] += b.length());
      req.on("end", () -> {
        res.setHeader("X-Method", req.method());
        res.end(req.method() + " " + req.url() + " " + req.header("x-test") + " " + n[0]
            + " " + req.header("transfer-encoding") + " " + req.header("content-length"));
      });
    });
  }

  static String collect(IncomingMessage res, List<String> log, Runnable then) {
    StringBuilder body = new StringBuilder();
    res.on("data", (Buffer b) -> body.append(b.toString()));
    res.on("end", () -> {
      log.add(res.statusCode() + " " + body);
      then.run();
    });
    return "";
  }

  @Test
  void getPostChunkedAndHeadWithKeepAliveReuse() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = echoServer();
      Agent agent = new Agent(true, 1, 10);
      server.listen(0, "127.0.0.1", () -> {
        int port = server.address().port();
        Http.get(new RequestOptions().host("127.0.0.1").port(port).agent(agent).path("/a")
            .header("X-Test", "one"), res -> collect(res, log, () -> { }));
        ClientRequest post = Http.request(new RequestOptions().host("127.0.0.1").port(port)
            .agent(agent).method("POST").path("/p"), res -> collect(res, log, () -> { }));
        post.end("hello");
        ClientRequest chunked = Http.request(new RequestOptions().host("127.0.0.1").port(port)
            .agent(agent).method("PUT").path("/c"), res -> collect(res, log, () -> { }));
        chunked.write("abc");
        chunked.end("de");
        ClientRequest head = Http.request(new RequestOptions().host("127.0.0.1").port(port)
            .agent(agent).method("HEAD").path("/h"), res -> {
              log.add("head " + res.statusCode() + " " + res.header("x-method"));
              res.resume();
              res.on("end", () -> {
                log.add("reused " + agent.freeSocketCounts());
                agent.destroy();
                server.close();
              });
            });
        head.on("socket", s -> log.add("head socket"));
        head.end();
        assertEquals(1, agent.maxSockets());
      });
    });
    assertEquals(List.of(
        "200 GET /a one 0 null null",
        "200 POST /p null 5 null 5",
        "200 PUT /c null 5 chunked null",
        "head socket",
        "head 200 HEAD"), log.subList(0, 5));
    // With maxSockets 1 all four requests shared one kept-alive socket, freed at the end.
    assertTrue(log.get(5).matches("reused \\{127\\.0\\.0\\.1:\\d+=1}"), log.get(5));
  }

  @Test
  void connectionRefusedIsAnError() throws Exception {
    List<String> log = new ArrayList<>();
    // A port nobody listens on: bound and closed by a plain (unregistered) server socket.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    EventLoop.run(() -> {
      ClientRequest req = Http.get("http://127.0.0.1:" + port + "/", res -> log.add("res"));
      req.on("error", (Throwable e) -> log.add("error " + ((WeirException) e).code()));
      req.on("close", () -> log.add("close"));
    });
    assertEquals(List.of("error ECONNREFUSED", "close"), log);
  }

  @Test
  void serverHangingUpBeforeAResponseIsSocketHangUp() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> req.socket().destroy());
      server.listen(0, "127.0.0.1", () -> {
        ClientRequest req = Http.get(new RequestOptions().host("127.0.0.1")
            .port(server.address().port()).noAgent(), res -> log.add("res"));
        req.on("error", (Throwable e) -> log.add("error " + ((WeirException) e).code() + " "
            + e.getMessage()));
        req.on("close", () -> {
          log.add("close");
          server.close();
        });
      });
    });
    assertEquals(List.of("error ECONNRESET socket hang up", "close"), log);
  }

  @Test
  void badUrlsAndMethodsThrowSynchronously() {
    EventLoop.run(() -> {
      assertEquals("ERR_INVALID_PROTOCOL", assertThrowsCode(() -> Http.get("https://x/", r -> { })));
      assertEquals("ERR_INVALID_URL", assertThrowsCode(() -> Http.get("not a url", r -> { })));
      assertEquals("ERR_INVALID_HTTP_TOKEN", assertThrowsCode(() -> Http.request(
          new RequestOptions().method("GE T"), r -> { })));
    });
  }

  static String assertThrowsCode(Runnable r) {
    try {
      r.run();
    } catch (WeirException e) {
      return e.code();
    }
    throw new AssertionError("did not throw");
  }

  @Test
  void responseHeadersAndStatusMessage() {
    List<Object> seen = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        res.writeHead(418, Map.of("Set-Cookie", List.of("a=1", "b=2")));
        res.end();
      });
      server.listen(0, "127.0.0.1", () -> Http.get("http://127.0.0.1:" + server.address().port()
          + "/tea", res -> {
            seen.add(res.statusCode());
            seen.add(res.statusMessage());
            seen.add(res.headers().get("set-cookie"));
            seen.add(res.httpVersion());
            res.resume();
            res.on("end", () -> {
              Agent.globalAgent().destroy();
              server.close();
            });
          }));
    });
    assertEquals(List.of(418, "I'm a Teapot", List.of("a=1", "b=2"), "1.1"), seen);
    assertFalse(seen.isEmpty());
  }
  @Test
  void setTimeoutEmitsTimeoutAndAbortDestroys() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      // A server that never answers.
      Server server = Http.createServer((req, res) -> log.add("server got " + req.url()));
      server.listen(0, "127.0.0.1", () -> {
        ClientRequest req = Http.get(new RequestOptions().host("127.0.0.1")
            .port(server.address().port()).noAgent().path("/slow"), res -> log.add("res"));
        req.setTimeout(50, () -> {
          log.add("timeout");
          req.abort();
        });
        req.on("abort", () -> log.add("abort"));
        req.on("error", (Throwable e) -> log.add("error " + WeirException.codeOf(e)));
        req.on("close", () -> {
          log.add("close " + req.destroyed());
          // The handler never answers: its connection is busy, so close it explicitly.
          server.closeAllConnections();
          server.close();
        });
      });
    });
    assertEquals(List.of("server got /slow", "timeout", "abort", "close true"), log);
  }

  @Test
  void destroyWithAnErrorBeforeTheSocketIsAssigned() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> log.add("never"));
      server.listen(0, "127.0.0.1", () -> {
        ClientRequest req = Http.request(new RequestOptions().host("127.0.0.1")
            .port(server.address().port()).noAgent().method("POST"), res -> log.add("res"));
        req.on("error", (Throwable e) -> log.add("error " + e.getMessage()));
        req.on("close", () -> {
          log.add("close");
          server.close();
        });
        req.write("partial");
        req.destroy(new RuntimeException("changed my mind"));
      });
    });
    assertEquals(List.of("error changed my mind", "close"), log);
  }

  @Test
  void maxSocketsQueuesRequestsInOrder() {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      int[] open = {0};
      int[] maxOpen = {0};
      Server server = Http.createServer((req, res) -> {
        open[0] = server0().connectionCount();
        res.end(req.url());
      });
      serverRef[0] = server;
      server.listen(0, "127.0.0.1", () -> {
        Agent agent = new Agent(true, 2, 10);
        int[] done = {0};
        for (int i = 0; i < 6; i++) {
          Http.get(new RequestOptions().host("127.0.0.1").port(server.address().port())
              .agent(agent).path("/" + i), res -> {
                maxOpen[0] = Math.max(maxOpen[0], open[0]);
                StringBuilder body = new StringBuilder();
                res.on("data", (Buffer b) -> body.append(b));
                res.on("end", () -> {
                  log.add(body.toString());
                  if (++done[0] == 6) {
                    log.add("max connections " + maxOpen[0]);
                    agent.destroy();
                    server.close();
                  }
                });
              });
        }
      });
    });
    // Answers may interleave across the two sockets; each arrives once, on at most 2 sockets.
    assertEquals(List.of("/0", "/1", "/2", "/3", "/4", "/5", "max connections 2"),
        sortedKeepingLast(log));
  }

  private static final Server[] serverRef = new Server[1];

  private static Server server0() {
    return serverRef[0];
  }

  private static List<String> sortedKeepingLast(List<String> log) {
    List<String> head = new ArrayList<>(log.subList(0, log.size() - 1));
    head.sort(null);
    head.add(log.get(log.size() - 1));
    return head;
  }
}
