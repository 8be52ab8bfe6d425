package dev.weir.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HttpSmokeTest {

  /** Sends {@code raw} to the server, collects the whole reply until the server closes. */
  static String exchange(Server server, String raw, boolean halfClose) {
    StringBuilder reply = new StringBuilder();
    Socket client = Net.connect(server.address().port(), "127.0.0.1");
    client.on("data", (Buffer b) -> reply.append(b.toString("latin1")));
    client.on("close", () -> server.close());
    if (halfClose) {
      client.end(raw, "latin1");
    } else {
      client.write(raw, "latin1");
    }
    return reply.toString();
  }

  @Test
  void keepAliveAndPipelinedRequestsAnsweredInOrder() {
    StringBuilder reply = new StringBuilder();
    List<String> seen = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        seen.add(req.method() + " " + req.url());
        res.setHeader("Content-Type", "text/plain");
        if (req.url().equals("/chunked")) {
          res.write("hel");
          res.end("lo");
        } else {
          res.end("body of " + req.url());
        }
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket client = Net.connect(server.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> reply.append(b.toString("latin1")));
        client.on("close", () -> server.close());
        client.end("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n"
            + "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "latin1");
      });
    });
    assertEquals(List.of("GET /a", "GET /chunked", "HEAD /h", "GET /last"), seen);
    String r = reply.toString().replaceAll("Date: [^\r]*\r\n", "");
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n"
        + "Keep-Alive: timeout=5\r\nContent-Length: 9\r\n\r\nbody of /a"
        .replace("Content-Length: 9", "Content-Length: 10")
        + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n"
        + "Keep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n"
        + "0\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n"
        + "Keep-Alive: timeout=5\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
        + "Content-Length: 13\r\n\r\nbody of /last", r);
    assertTrue(reply.toString().contains("Date: "));
  }

  @Test
  void malformedRequestGets400AndClose() {
    StringBuilder reply = new StringBuilder();
    List<String> errors = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> res.end("no"));
      server.listen(0, "127.0.0.1", () -> {
        Socket client = Net.connect(server.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> reply.append(b.toString("latin1")));
        client.on("close", () -> server.close());
        client.write("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: "
            + "chunked\r\n\r\n", "latin1");
      });
    });
    assertEquals("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n", reply.toString());
  }
}
