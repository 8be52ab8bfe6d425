package dev.weir.http;

import static dev.weir.http.RawHttp.exchange;
import static dev.weir.http.RawHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
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
 * Request and response bodies: chunked and Content-Length framing, 100-continue, and
 * backpressure both ways over real sockets. After Node's test-http-chunked.js,
 * test-http-expect-continue.js, test-http-expect-handling.js,
 * test-http-server-response-standalone.js, test-http-pause.js and
 * test-http-outgoing-message-write-callback.js.
 */
@Timeout(30)
class HttpBodyTest {
  private static final String CHUNKED_POST = "POST /up HTTP/1.1\r\nHost: x\r\n"
      + "Transfer-Encoding: chunked\r\n\r\n";

  /** A handler that answers with the request body it read, prefixed by the method. */
  private static void echo(IncomingMessage req, ServerResponse res) {
    StringBuilder body = new StringBuilder();
    req.on("data", (Buffer b) -> body.append(b.toString("latin1")));
    req.on("end", () -> res.end(req.method() + ":" + body));
  }

  @Test
  void chunkedRequestBodyWithExtensionsAndTrailers() {
    List<Response> r = exchange(HttpBodyTest::echo, 2,
        CHUNKED_POST + "3;name=value\r\nabc\r\nA;q=\"x;y\"\r\n0123456789\r\n0\r\n"
            + "X-Trailer: t\r\n\r\n", get("/after"));
    assertEquals("POST:abc0123456789", r.get(0).body());
    assertEquals("GET:", r.get(1).body());
  }

  @Test
  void contentLengthRequestBodyThenTheNextRequest() {
    List<Response> r = exchange(HttpBodyTest::echo, 2,
        "PUT /p HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world", get("/"));
    assertEquals("PUT:hello world", r.get(0).body());
    assertEquals("GET:", r.get(1).body());
  }

  @Test
  void requestBodySplitAcrossPackets() {
    List<Response> r = exchange(HttpBodyTest::echo, 1, CHUNKED_POST + "5\r\nhel",
        "lo\r\n", "6\r\n worl", "d\r\n0\r\n", "\r\n");
    assertEquals("POST:hello world", r.get(0).body());
  }

  @Test
  void largeChunkedResponseArrivesIntact() {
    int chunks = 200;
    List<Response> r = exchange((req, res) -> {
      for (int i = 0; i < chunks; i++) {
        res.write(String.format("%05d", i).repeat(200));
      }
      res.end();
    }, 1, get("/"));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < chunks; i++) {
      expected.append(String.format("%05d", i).repeat(200));
    }
    assertEquals(expected.toString(), r.get(0).body());
    assertEquals("chunked", r.get(0).header("Transfer-Encoding"));
  }

  @Test
  void expectContinueGetsAnAutomatic100ThenTheRequest() {
    EventLog log = new EventLog();
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        log.add("request");
        echo(req, res);
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          log.add("client got " + r.status());
          if (r.status() == 100) {
            client.send("hello");
          } else {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            + "Content-Length: 5\r\n\r\n");
      });
    });
    log.assertIs("request", "client got 100", "client got 200");
    assertEquals("HTTP/1.1 100 Continue\r\n\r\n", responses.get(0).raw());
    assertEquals("POST:hello", responses.get(1).body());
  }

  @Test
  void checkContinueListenerDecides() {
    EventLog log = new EventLog();
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> log.add("request"));
      server.on("checkContinue", (IncomingMessage req, ServerResponse res) -> {
        log.add("checkContinue " + req.url());
        if (req.url().equals("/no")) {
          res.writeHead(417);
          res.end();
        } else {
          res.writeContinue();
          echo(req, res);
        }
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          log.add("client got " + r.status());
          if (r.status() == 100) {
            client.send("data");
          } else if (r.status() == 200) {
            client.send("POST /no HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 4\r\n\r\n");
          } else {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send("POST /yes HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            + "Content-Length: 4\r\n\r\n");
      });
    });
    log.assertIs("checkContinue /yes", "client got 100", "client got 200", "checkContinue /no",
        "client got 417");
    assertEquals("POST:data", responses.get(1).body());
  }

  @Test
  void unknownExpectationGets417() {
    List<String> handled = new ArrayList<>();
    List<Response> r = exchange((req, res) -> handled.add(req.url()), 1,
        get("/", "Expect: something-else"));
    assertEquals(417, r.get(0).status());
    assertEquals(List.of(), handled);
  }

  @Test
  void slowClientPausesTheGeneratorAndMemoryStaysBounded() {
    int chunkSize = 16 * 1024;
    int hwm = 16 * 1024;
    long[] stats = new long[5]; // max buffered, writes refused, drains, bytes sent, received
    Buffer chunk = Buffer.alloc(chunkSize, 'x');
    EventLoop.run(() -> {
      Client[] clientRef = new Client[1];
      Server server = Http.createServer((req, res) -> {
        Socket socket = res.socket();
        long[] limit = {Long.MAX_VALUE};
        Runnable[] generate = new Runnable[1];
        generate[0] = () -> {
          while (stats[3] < limit[0]) {
            boolean ok = res.write(chunk);
            stats[3] += chunkSize;
            stats[0] = Math.max(stats[0], res.writableLength() + socket.writableLength());
            if (!ok) {
              stats[1]++;
              if (limit[0] == Long.MAX_VALUE) {
                // The kernel buffers are full and the generator stops: now let the client read
                // and send 1 MiB more.
                limit[0] = stats[3] + 1024 * 1024;
                clientRef[0].socket.resume();
              }
              return;
            }
          }
          res.end();
        };
        res.on("drain", () -> {
          stats[2]++;
          generate[0].run();
        });
        generate[0].run();
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        clientRef[0] = client;
        client.socket.pause();
        client.socket.on("data", (Buffer b) -> stats[4] += b.length());
        client.onResponse(r -> {
          assertEquals(stats[3], r.body().length());
          client.socket.end();
        });
        client.onClose(() -> server.close());
        client.send(get("/big"));
      });
    });
    assertTrue(stats[1] >= 1, "write() returned false");
    assertTrue(stats[2] >= 1, "the generator resumed on 'drain'");
    // Both high-water marks, one chunk, and its chunked framing.
    assertTrue(stats[0] <= 2L * hwm + chunkSize + 16, "buffered at most " + stats[0]);
    assertTrue(stats[4] > stats[3], "the client received everything and the framing");
  }

  @Test
  void unreadRequestBodyPausesTheSocketAndIsDiscardedAfterEnd() {
    int bodySize = 1024 * 1024;
    long[] maxBuffered = {0};
    List<String> log = new ArrayList<>();
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        log.add("request " + req.url());
        if (!req.url().equals("/upload")) {
          res.end("next ok");
          return;
        }
        Socket socket = req.socket();
        socket.on("data", (Buffer b) -> maxBuffered[0] = Math.max(maxBuffered[0],
            socket.readableLength() + req.readableLength()));
        socket.once("pause", () -> {
          log.add("socket paused, body buffered " + (req.readableLength() > 0));
          // Nobody reads the body: answer anyway; the rest of it is read and dropped.
          res.end("early");
        });
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          if (client.responses.size() == 2) {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + bodySize
            + "\r\n\r\n");
        client.socket.write(Buffer.alloc(bodySize, 'b'));
        client.send(get("/next"));
      });
    });
    assertEquals(List.of("request /upload", "socket paused, body buffered true",
        "request /next"), log);
    assertEquals("early", responses.get(0).body());
    assertEquals("next ok", responses.get(1).body());
    // The request's and the socket's high-water marks plus one read.
    assertTrue(maxBuffered[0] <= 16 * 1024 + 16 * 1024 + 64 * 1024, "buffered " + maxBuffered[0]);
  }

  @Test
  void pipedRequestBodyKeepsItsBytes() {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    List<Integer> hashes = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        List<Buffer> parts = new ArrayList<>();
        req.on("data", (Buffer b) -> parts.add(Buffer.from(b)));
        req.on("end", () -> {
          Buffer all = Buffer.concat(parts);
          hashes.add(java.util.Arrays.hashCode(java.util.Arrays.copyOfRange(all.array(),
              all.byteOffset(), all.byteOffset() + all.length())));
          res.end(String.valueOf(all.length()));
        });
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          hashes.add(Integer.parseInt(r.body()));
          client.socket.end();
        });
        client.onClose(() -> server.close());
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + data.length + "\r\n\r\n");
        client.socket.write(Buffer.wrap(data));
      });
    });
    assertEquals(List.of(java.util.Arrays.hashCode(data), data.length), hashes);
  }
}
