package dev.weir.http;

import static dev.weir.http.RawHttp.exchange;
import static dev.weir.http.RawHttp.get;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.ErrorCode;
import dev.weir.http.RawHttp.Client;
import dev.weir.http.RawHttp.Response;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Request fields and the response API over real sockets; expected bytes were taken from node 20
 * answering the same raw requests (Date lines removed). Ports the ideas of Node's
 * test-http-set-header-chain.js, test-http-write-head.js, test-http-response-statuscode.js,
 * test-http-multiple-headers.js, test-http-head-response-has-no-body.js and
 * test-http-1.0.js.
 */
@Timeout(30)
class HttpServerBasicsTest {
  private static final String KEEP_ALIVE = "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n";

  @Test
  void requestLineAndHeadersAsNodeReportsThem() {
    List<Object> seen = new ArrayList<>();
    List<Response> responses = exchange((req, res) -> {
      seen.add(req.method());
      seen.add(req.url());
      seen.add(req.httpVersion());
      seen.add(req.httpVersionMajor() + "/" + req.httpVersionMinor());
      seen.add(req.headers());
      seen.add(req.rawHeaders());
      res.end();
    }, 1, "PATCH /p?q=1#f HTTP/1.1\r\nHost: a\r\nhost: b\r\nAccept: x\r\naccept: y\r\n"
        + "Cookie: a=1\r\ncookie: b=2\r\nSet-Cookie: s1\r\nset-cookie: s2\r\n"
        + "Content-Type: t1\r\nContent-type: t2\r\nX-Foo:   spaced \t\r\nX-Empty:\r\n"
        + "User-Agent: u1\r\nUser-Agent: u2\r\nAuthorization: one\r\nauthorization: two\r\n\r\n");
    assertEquals(200, responses.get(0).status());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("host", "a");
    expected.put("accept", "x, y");
    expected.put("cookie", "a=1; b=2");
    expected.put("set-cookie", List.of("s1", "s2"));
    expected.put("content-type", "t1");
    expected.put("x-foo", "spaced");
    expected.put("x-empty", "");
    expected.put("user-agent", "u1");
    expected.put("authorization", "one");
    assertEquals(List.of("PATCH", "/p?q=1#f", "1.1", "1/1", expected,
        List.of("Host", "a", "host", "b", "Accept", "x", "accept", "y", "Cookie", "a=1",
            "cookie", "b=2", "Set-Cookie", "s1", "set-cookie", "s2", "Content-Type", "t1",
            "Content-type", "t2", "X-Foo", "spaced", "X-Empty", "", "User-Agent", "u1",
            "User-Agent", "u2", "Authorization", "one", "authorization", "two")), seen);
    assertEquals(new ArrayList<>(expected.keySet()),
        new ArrayList<>(((Map<?, ?>) seen.get(4)).keySet()));
  }

  @Test
  void headerByNameAgreesWithTheMapBeforeAndAfterItIsBuilt() {
    List<Object> seen = new ArrayList<>();
    String raw = "GET / HTTP/1.1\r\nHost: h\r\nAccept: x\r\naccept: y\r\nCookie: a=1\r\n"
        + "cookie: b=2\r\nSet-Cookie: s1\r\nContent-Type: t1\r\nContent-type: t2\r\n"
        + "X-One: 1\r\n\r\n";
    String[] names = {"accept", "COOKIE", "set-cookie", "Content-Type", "x-one", "X-ONE",
        "x-missing", "host"};
    exchange((req, res) -> {
      for (String n : names) {
        seen.add(req.header(n)); // first: the raw list, duplicates through the map
      }
      req.headers();
      for (String n : names) {
        seen.add(req.header(n)); // then: the map
      }
      res.end();
    }, 1, raw);
    List<Object> once = java.util.Arrays.asList("x, y", "a=1; b=2", "s1", "t1", "1", "1", null,
        "h");
    List<Object> twice = new ArrayList<>(once);
    twice.addAll(once);
    assertEquals(twice, seen);
  }

  @Test
  void commonHeaderNamesAreCaseInsensitiveAndKeepTheLastSpelling() {
    List<Object> seen = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      res.setHeader("Content-Type", "a/b");
      seen.add(res.getHeader("content-type"));
      seen.add(res.hasHeader("CONTENT-TYPE"));
      res.setHeader("content-type", "c/d");
      res.setHeader("ETag", "\"e\"");
      res.setHeader("Cache-Control", "no-store");
      res.removeHeader("cache-control");
      seen.add(res.getHeaderNames());
      res.end("z");
    }, 1, get("/"));
    assertEquals(List.of("a/b", true, List.of("content-type", "etag")), seen);
    assertEquals("HTTP/1.1 200 OK\r\ncontent-type: c/d\r\nETag: \"e\"\r\n" + KEEP_ALIVE
        + "Content-Length: 1\r\n\r\nz", r.get(0).rawWithoutDate());
  }

  @Test
  void everySingleValuedHeaderKeepsTheFirst() {
    String[] single = {"age", "authorization", "content-type", "etag", "expires", "from",
        "host", "if-modified-since", "if-unmodified-since", "last-modified", "location",
        "max-forwards", "proxy-authorization", "referer", "retry-after", "server",
        "user-agent"};
    StringBuilder raw = new StringBuilder("GET / HTTP/1.1\r\n");
    for (String name : single) {
      raw.append(name).append(": 1\r\n").append(name).append(": 2\r\n");
    }
    raw.append("X-M: 1\r\nx-m: 2\r\n\r\n");
    List<Map<String, Object>> seen = new ArrayList<>();
    exchange((req, res) -> {
      seen.add(req.headers());
      res.end();
    }, 1, raw.toString());
    for (String name : single) {
      assertEquals("1", seen.get(0).get(name), name);
    }
    assertEquals("1, 2", seen.get(0).get("x-m"));
  }

  @Test
  void implicitHeadersWithContentLengthForEndData() {
    List<Response> r = exchange((req, res) -> res.end("hello"), 1, get("/"));
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "Content-Length: 5\r\n\r\nhello",
        r.get(0).rawWithoutDate());
  }

  @Test
  void emptyEndSendsContentLengthZero() {
    List<Response> r = exchange((req, res) -> res.end(), 1, get("/"));
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "Content-Length: 0\r\n\r\n",
        r.get(0).rawWithoutDate());
  }

  @Test
  void writeThenEndIsChunked() {
    List<Response> r = exchange((req, res) -> {
      res.write("hel");
      res.end("lo");
    }, 1, get("/"));
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "Transfer-Encoding: chunked\r\n\r\n"
        + "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n", r.get(0).rawWithoutDate());
  }

  @Test
  void contentLengthSetByTheUserFramesTheBody() {
    List<Response> r = exchange((req, res) -> {
      res.setHeader("Content-Length", 5);
      res.write("hel");
      res.end("lo");
    }, 1, get("/"));
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n" + KEEP_ALIVE + "\r\nhello",
        r.get(0).rawWithoutDate());
  }

  @Test
  void dateHeaderIsAnHttpDateUnlessSendDateIsOff() {
    List<Response> r = exchange((req, res) -> {
      if (req.url().equals("/nodate")) {
        res.sendDate(false);
      }
      res.end();
    }, 2, get("/"), get("/nodate"));
    ZonedDateTime date = ZonedDateTime.parse(r.get(0).header("Date"),
        DateTimeFormatter.RFC_1123_DATE_TIME);
    assertTrue(date.getYear() >= 2024);
    assertNull(r.get(1).header("Date"));
  }

  @Test
  void statusCodeAndMessage() {
    List<Object> seen = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      seen.add(res.statusCode());
      seen.add(res.statusMessage());
      if (req.url().equals("/404")) {
        res.statusCode(404);
        seen.add(res.statusMessage());
      } else {
        res.statusCode(418).statusMessage("Short And Stout");
        seen.add(res.statusCode());
        seen.add(res.statusMessage());
      }
      res.end();
    }, 2, get("/404"), get("/tea"));
    assertEquals(List.of(200, "OK", "Not Found", 200, "OK", 418, "Short And Stout"), seen);
    assertEquals("HTTP/1.1 404 Not Found\r\n", r.get(0).raw().substring(0, 24));
    assertEquals(418, r.get(1).status());
    assertEquals("Short And Stout", r.get(1).reason());
  }

  @Test
  void headerAccessors() {
    List<Object> seen = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      assertSame(res, res.setHeader("X-Num", 42));
      res.setHeader("Set-Cookie", List.of("a=1", "b=2"));
      res.setHeader("x-gone", "1");
      seen.add(res.getHeader("x-num"));
      seen.add(res.getHeader("SET-COOKIE"));
      seen.add(res.hasHeader("X-GONE"));
      res.removeHeader("X-Gone");
      seen.add(res.hasHeader("x-gone"));
      seen.add(res.getHeader("x-gone"));
      seen.add(res.getHeaderNames());
      seen.add(res.getHeaders());
      res.setHeader("x-NUM", "43"); // replaces, keeps the new spelling
      res.end();
    }, 1, get("/"));
    assertEquals(java.util.Arrays.asList(42, List.of("a=1", "b=2"), true, false, null,
        List.of("x-num", "set-cookie"),
        Map.of("x-num", 42, "set-cookie", List.of("a=1", "b=2"))), seen);
    assertEquals("HTTP/1.1 200 OK\r\nx-NUM: 43\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
        + KEEP_ALIVE + "Content-Length: 0\r\n\r\n", r.get(0).rawWithoutDate());
  }

  @Test
  void writeHeadWithMessageAndHeadersThenEndIsChunked() {
    List<Response> r = exchange((req, res) -> {
      res.setHeader("X-A", "1");
      Map<String, Object> headers = new LinkedHashMap<>();
      headers.put("X-B", List.of("2", "3"));
      assertSame(res, res.writeHead(201, "Made", headers));
      res.end("x");
    }, 1, get("/"));
    // node 20: writeHead fixes the header block, so end(data) can no longer add a length.
    assertEquals("HTTP/1.1 201 Made\r\nX-A: 1\r\nX-B: 2\r\nX-B: 3\r\n" + KEEP_ALIVE
        + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", r.get(0).rawWithoutDate());
  }

  @Test
  void writeHeadStatusOnlyAndWithHeaders() {
    List<Response> r = exchange((req, res) -> {
      if (req.url().equals("/a")) {
        res.writeHead(202);
      } else {
        res.writeHead(203, Map.of("X-C", "c"));
      }
      res.end();
    }, 2, get("/a"), get("/b"));
    assertEquals("Accepted", r.get(0).reason());
    assertEquals(203, r.get(1).status());
    assertEquals("c", r.get(1).header("X-C"));
  }

  @Test
  void headersSentAndChangesAfterwardsThrow() {
    List<Object> seen = new ArrayList<>();
    exchange((req, res) -> {
      seen.add(res.headersSent());
      res.writeHead(200);
      seen.add(res.headersSent());
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("x", "1")));
      seen.add(assertThrows(RuntimeException.class, () -> res.removeHeader("x")));
      seen.add(assertThrows(RuntimeException.class, () -> res.writeHead(201)));
      res.end("done");
    }, 1, get("/"));
    assertEquals(false, seen.get(0));
    assertEquals(true, seen.get(1));
    for (int i = 2; i < 5; i++) {
      assertCode(ErrorCode.ERR_HTTP_HEADERS_SENT, seen.get(i));
    }
  }

  @Test
  void implicitHeadersAreSentWithTheFirstWrite() {
    List<Object> seen = new ArrayList<>();
    exchange((req, res) -> {
      res.write("a");
      seen.add(res.headersSent());
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("x", "1")));
      res.end();
    }, 1, get("/"));
    assertEquals(true, seen.get(0));
    assertCode(ErrorCode.ERR_HTTP_HEADERS_SENT, seen.get(1));
  }

  @Test
  void invalidHeadersAndStatusesAreRejectedSynchronously() {
    List<Object> seen = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("Bad Name", "v")));
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("", "v")));
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("X-\u00e9", "v")));
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("X-A", "a\r\nb: c")));
      seen.add(assertThrows(RuntimeException.class, () -> res.setHeader("X-A", "a\nb")));
      seen.add(assertThrows(RuntimeException.class,
          () -> res.setHeader("X-A", List.of("ok", "b\rc"))));
      seen.add(assertThrows(RuntimeException.class, () -> res.statusCode(99)));
      seen.add(assertThrows(RuntimeException.class, () -> res.statusCode(1000)));
      seen.add(assertThrows(RuntimeException.class, () -> res.writeHead(42)));
      seen.add(res.hasHeader("X-A"));
      res.end("still fine");
    }, 1, get("/"));
    assertCode(ErrorCode.ERR_INVALID_HTTP_TOKEN, seen.get(0));
    assertCode(ErrorCode.ERR_INVALID_HTTP_TOKEN, seen.get(1));
    assertCode(ErrorCode.ERR_INVALID_HTTP_TOKEN, seen.get(2));
    assertCode(ErrorCode.ERR_INVALID_CHAR, seen.get(3));
    assertCode(ErrorCode.ERR_INVALID_CHAR, seen.get(4));
    assertCode(ErrorCode.ERR_INVALID_CHAR, seen.get(5));
    assertCode(ErrorCode.ERR_HTTP_INVALID_STATUS_CODE, seen.get(6));
    assertCode(ErrorCode.ERR_HTTP_INVALID_STATUS_CODE, seen.get(7));
    assertCode(ErrorCode.ERR_HTTP_INVALID_STATUS_CODE, seen.get(8));
    assertEquals(false, seen.get(9));
    assertEquals(200, r.get(0).status());
    assertEquals("still fine", r.get(0).body());
  }

  @Test
  void headResponsesHaveNoBody() {
    List<Response> r = exchange((req, res) -> {
      if (req.url().equals("/end")) {
        res.end("hello");
      } else {
        res.write("hel");
        res.end("lo");
      }
    }, 3, RawHttp.request("HEAD", "/end"), RawHttp.request("HEAD", "/write"), get("/end"));
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "\r\n", r.get(0).rawWithoutDate());
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "\r\n", r.get(1).rawWithoutDate());
    // The connection is still in sync: the GET after them gets its body.
    assertEquals("hello", r.get(2).body());
  }

  @Test
  void noBodyFor204And304() {
    List<Response> r = exchange((req, res) -> {
      switch (req.url()) {
        case "/204" -> {
          res.statusCode(204);
          res.end();
        }
        case "/204data" -> {
          res.statusCode(204);
          res.end("data");
        }
        default -> {
          res.writeHead(304, Map.of("ETag", "x"));
          res.end();
        }
      }
    }, 4, get("/204"), get("/204data"), get("/304"), get("/204"));
    assertEquals("HTTP/1.1 204 No Content\r\n" + KEEP_ALIVE + "\r\n", r.get(0).rawWithoutDate());
    assertEquals("HTTP/1.1 204 No Content\r\n" + KEEP_ALIVE + "\r\n", r.get(1).rawWithoutDate());
    assertEquals("HTTP/1.1 304 Not Modified\r\nETag: x\r\n" + KEEP_ALIVE + "\r\n",
        r.get(2).rawWithoutDate());
    assertEquals(204, r.get(3).status());
  }

  @Test
  void connectionCloseRequestGetsConnectionCloseAndTheServerCloses() {
    List<Response> responses = new ArrayList<>();
    EventLog log = new EventLog();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> res.end("bye"));
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.socket.on("end", () -> log.add("client end"));
        client.onResponse(r -> log.add("response"));
        client.onClose(() -> {
          log.add("client close");
          responses.addAll(client.responses);
          server.close();
        });
        client.send(get("/", "Connection: close"));
      });
    });
    log.assertIs("response", "client end", "client close");
    assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye",
        responses.get(0).rawWithoutDate());
  }

  @Test
  void responseConnectionCloseHeaderEndsTheConnection() {
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        res.setHeader("Connection", "close");
        res.end("bye");
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send(get("/"));
      });
    });
    assertEquals(1, responses.size());
    assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye",
        responses.get(0).rawWithoutDate());
  }

  @Test
  void http10ClientGetsACloseDelimitedBody() {
    List<Object> versions = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      versions.add(req.httpVersion());
      res.write("hel");
      res.end("lo");
    }, 99, "GET / HTTP/1.0\r\n\r\n");
    assertEquals(List.of("1.0"), versions);
    assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello", r.get(0).rawWithoutDate());
  }

  @Test
  void http10KeepAliveOnlyWhenAskedAndFramed() {
    List<Response> r = exchange((req, res) -> {
      res.setHeader("Content-Length", 5);
      res.end("hello");
    }, 2, "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET /b HTTP/1.0\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n" + KEEP_ALIVE + "\r\nhello",
        r.get(0).rawWithoutDate());
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        r.get(1).rawWithoutDate());
  }

  @Test
  void http10KeepAliveWithAnUnframedBodyStillCloses() {
    List<Response> r = exchange((req, res) -> {
      res.write("hel");
      res.end("lo");
    }, 99, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello", r.get(0).rawWithoutDate());
  }

  @Test
  void writeAndEndReturnValues() {
    List<Object> seen = new ArrayList<>();
    exchange((req, res) -> {
      seen.add(res.write("small"));
      seen.add(res.write(Buffer.alloc(10)));
      seen.add(res.end("x") == res);
      seen.add(res.writableEnded());
    }, 1, get("/"));
    assertEquals(List.of(true, true, true, true), seen);
  }

  @Test
  void writeAfterEndIsReportedNotThrown() {
    List<Object> seen = new ArrayList<>();
    exchange((req, res) -> {
      res.end("x");
      res.on("error", (Throwable e) -> seen.add(e));
      seen.add(res.write("more", (Throwable e) -> seen.add(e)));
    }, 1, get("/"));
    assertEquals(false, seen.get(0));
    assertCode(ErrorCode.ERR_STREAM_WRITE_AFTER_END, seen.get(1));
    assertCode(ErrorCode.ERR_STREAM_WRITE_AFTER_END, seen.get(2));
  }

  @Test
  void finishThenCloseOnTheResponseAndEndThenCloseOnTheRequest() {
    EventLog log = new EventLog();
    exchange((req, res) -> {
      log.recordAs(req, "req", "end", "close");
      log.recordAs(res, "res", "finish", "close");
      req.resume();
      res.end("x");
    }, 1, get("/"));
    List<String> entries = log.entries();
    assertTrue(entries.indexOf("res:finish") < entries.indexOf("res:close"), entries::toString);
    assertTrue(entries.indexOf("req:end") < entries.indexOf("req:close"), entries::toString);
    assertEquals(4, entries.size(), entries::toString);
  }

  @Test
  void flushHeadersSendsTheHeadBeforeAnyBody() {
    List<ServerResponse> pending = new ArrayList<>();
    List<String> seenByClient = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        res.flushHeaders();
        pending.add(res);
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.socket.on("data", (Buffer b) -> {
          if (seenByClient.isEmpty() && client.received.indexOf("\r\n\r\n") > 0) {
            seenByClient.add(client.received.toString());
            assertFalse(pending.get(0).writableEnded());
            pending.get(0).end("late");
          }
        });
        client.onResponse(r -> client.socket.end());
        client.onClose(() -> {
          seenByClient.add(client.responses.get(0).rawWithoutDate());
          server.close();
        });
        client.send(get("/"));
      });
    });
    assertTrue(seenByClient.get(0).endsWith("Transfer-Encoding: chunked\r\n\r\n"),
        seenByClient::toString);
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "Transfer-Encoding: chunked\r\n\r\n"
        + "4\r\nlate\r\n0\r\n\r\n", seenByClient.get(1));
  }

  @Test
  void writeContinueSendsAnInterimResponse() {
    List<Response> r = exchange((req, res) -> {
      res.writeContinue();
      res.end("ok");
    }, 2, get("/"));
    assertEquals("HTTP/1.1 100 Continue\r\n\r\n", r.get(0).raw());
    assertEquals("HTTP/1.1 200 OK\r\n" + KEEP_ALIVE + "Content-Length: 2\r\n\r\nok",
        r.get(1).rawWithoutDate());
  }

  @Test
  void http11RequestWithoutHostGets400() {
    List<String> handled = new ArrayList<>();
    List<Response> r = exchange((req, res) -> {
      handled.add(req.url());
      res.end();
    }, 99, "GET /nohost HTTP/1.1\r\n\r\n");
    // node 20 (requireHostHeader defaults to true) answers 400 and closes.
    assertEquals(List.of(), handled);
    assertEquals(1, r.size());
    assertEquals(400, r.get(0).status());
    assertEquals("close", r.get(0).header("Connection"));
  }

  @Test
  void requireHostHeaderCanBeTurnedOff() {
    List<Response> r = exchange(new HttpServerOptions().requireHostHeader(false),
        (req, res) -> res.end("ok"), 1, "GET / HTTP/1.1\r\n\r\n");
    assertEquals("ok", r.get(0).body());
  }

  @Test
  void requestAndResponseKnowEachOther() {
    List<Object> seen = new ArrayList<>();
    exchange((req, res) -> {
      seen.add(res.req() == req);
      seen.add(res.socket() == req.socket());
      seen.add(req.socket().remoteAddress());
      res.end();
    }, 1, get("/"));
    assertEquals(List.of(true, true, "127.0.0.1"), seen);
  }
}
