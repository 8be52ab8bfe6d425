package dev.weir.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.http.RawHttp.Client;
import dev.weir.loop.EventLoop;
import dev.weir.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and smuggling-shaped requests: each gets 400 (431 for an over-long header block) and
 * a closed connection, or {@code 'clientError'} with llhttp's code when somebody listens. The
 * codes were taken from node 20.20 (llhttp 8/9) answering the same bytes; the parser is also
 * tested directly, under every split of its input. After Node's test-http-server-client-error.js,
 * test-http-request-smuggling-content-length.js, test-http-transfer-encoding-smuggling.js,
 * test-http-invalid-te.js, test-http-chunk-extensions-limit.js and
 * test-http-header-overflow.js.
 */
@Timeout(30)
class HttpParserRejectTest {
  private static final String H = "Host: x\r\n";
  private static final String POST = "POST / HTTP/1.1\r\n" + H;
  private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";
  private static final String GET = "GET / HTTP/1.1\r\n" + H;

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("Content-Length then Transfer-Encoding",
            POST + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HPE_INVALID_TRANSFER_ENCODING"),
        Arguments.of("Transfer-Encoding then Content-Length",
            POST + "Transfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("differing duplicate Content-Length",
            POST + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
            "HPE_UNEXPECTED_CONTENT_LENGTH"),
        Arguments.of("identical duplicate Content-Length",
            POST + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx",
            "HPE_UNEXPECTED_CONTENT_LENGTH"),
        Arguments.of("Content-Length list", POST + "Content-Length: 1, 1\r\n\r\nx",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("chunked not last", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n",
            "HPE_INVALID_TRANSFER_ENCODING"),
        Arguments.of("no chunked at all", POST + "Transfer-Encoding: gzip\r\n\r\n",
            "HPE_INVALID_TRANSFER_ENCODING"),
        Arguments.of("chunked twice", POST + "Transfer-Encoding: chunked\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HPE_INVALID_TRANSFER_ENCODING"),
        Arguments.of("chunk size not hex", CHUNKED + "zz\r\n", "HPE_INVALID_CHUNK_SIZE"),
        Arguments.of("space after chunk size", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n",
            "HPE_INVALID_CHUNK_SIZE"),
        Arguments.of("space before extension", CHUNKED + "5 ;a\r\nhello\r\n0\r\n\r\n",
            "HPE_INVALID_CHUNK_SIZE"),
        Arguments.of("chunk size overflow", CHUNKED + "fffffffffffffffff\r\n",
            "HPE_INVALID_CHUNK_SIZE"),
        Arguments.of("control character in extension", CHUNKED + "5;a\u0001\r\nhello\r\n",
            "HPE_STRICT"),
        Arguments.of("space in extension", CHUNKED + "5;a b\r\nhello\r\n", "HPE_STRICT"),
        Arguments.of("empty extension", CHUNKED + "5;\r\nhello\r\n", "HPE_STRICT"),
        Arguments.of("chunk data without CRLF", CHUNKED + "5\r\nhelloXX0\r\n\r\n",
            "HPE_STRICT"),
        Arguments.of("obsolete line folding", GET + "X: a\r\n b\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("obsolete line folding with a tab", GET + "X: a\r\n\tb\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("whitespace before the colon", GET + "X : a\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("empty header name", GET + ": novalue\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("NUL in a header name", GET + "X\u0000: a\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("control character in a value", GET + "X: a\u0001b\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("DEL in a value", GET + "X: a\u007fb\r\n\r\n", "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("bare CR in a value", GET + "X: a\rb\r\n\r\n", "HPE_LF_EXPECTED"),
        Arguments.of("bare LF after a value", GET + "X: a\nY: b\r\n\r\n", "HPE_CR_EXPECTED"),
        Arguments.of("bare LF ending the headers", GET + "\n", "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("invalid trailer", CHUNKED + "5\r\nhello\r\n0\r\nX y\r\n\r\n",
            "HPE_INVALID_HEADER_TOKEN"),
        Arguments.of("method with a symbol", "G@T / HTTP/1.1\r\n" + H + "\r\n",
            "HPE_INVALID_METHOD"),
        Arguments.of("unknown method", "FOO / HTTP/1.1\r\n" + H + "\r\n", "HPE_INVALID_METHOD"),
        Arguments.of("lower-case method", "get / HTTP/1.1\r\n" + H + "\r\n",
            "HPE_INVALID_METHOD"),
        Arguments.of("HTTP/1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", "HPE_INVALID_VERSION"),
        Arguments.of("space after the version", "GET / HTTP/1.1 \r\n" + H + "\r\n",
            "HPE_INVALID_VERSION"),
        Arguments.of("bare LF after the request line", "GET / HTTP/1.1\nHost: x\n\n",
            "HPE_INVALID_VERSION"),
        Arguments.of("not HTTP", "GET / HTTX/1.1\r\n" + H + "\r\n", "HPE_INVALID_CONSTANT"),
        Arguments.of("space in the target", "GET /a b HTTP/1.1\r\n" + H + "\r\n",
            "HPE_INVALID_CONSTANT"),
        Arguments.of("DEL in the target", "GET /\u007f HTTP/1.1\r\n" + H + "\r\n",
            "HPE_INVALID_URL"),
        Arguments.of("non-ASCII in the target", "GET /\u00e9 HTTP/1.1\r\n" + H + "\r\n",
            "HPE_INVALID_URL"),
        Arguments.of("Content-Length with a letter", POST + "Content-Length: 12a\r\n\r\n",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("Content-Length negative", POST + "Content-Length: -1\r\n\r\n",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("Content-Length with a sign", POST + "Content-Length: +5\r\n\r\nhello",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("Content-Length empty", POST + "Content-Length: \r\n\r\n",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("Content-Length overflow",
            POST + "Content-Length: 99999999999999999999999\r\n\r\n",
            "HPE_INVALID_CONTENT_LENGTH"),
        Arguments.of("header block over 16 KiB", GET + "X: " + "a".repeat(17_000) + "\r\n\r\n",
            "HPE_HEADER_OVERFLOW"));
  }

  private static int statusFor(String code) {
    return code.equals("HPE_HEADER_OVERFLOW") ? 431 : 400;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void parserRejectsUnderEverySplit(String name, String raw, String code) {
    List<String> whole = ParserTrace.parse(raw);
    assertEquals("error " + code + " " + statusFor(code), ParserTrace.outcome(whole), name);
    int step = Math.max(1, raw.length() / 200);
    for (int cut = 1; cut < raw.length(); cut += step) {
      assertEquals(whole, ParserTrace.parse(raw, cut), () -> name + " cut");
    }
    int[] bytes = new int[raw.length() - 1];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = i + 1;
    }
    assertEquals(whole, ParserTrace.parse(raw, bytes), () -> name + " byte by byte");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void serverAnswersWithTheStatusAndCloses(String name, String raw, String code) {
    List<String> seen = new ArrayList<>();
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        seen.add("request");
        req.on("aborted", () -> seen.add("aborted"));
        req.on("error", (Throwable e) -> { });
        req.resume();
        req.on("end", () -> res.end("handled"));
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          received[0] = client.received.toString();
          server.close();
        });
        client.send(raw);
      });
    });
    int status = statusFor(code);
    String expected = "HTTP/1.1 " + status + " " + StatusCodes.reason(status)
        + "\r\nConnection: close\r\n\r\n";
    assertEquals(expected, received[0], name);
    // An error inside the body aborts the request that was already handed out.
    assertEquals(seen.isEmpty() ? List.of() : List.of("request", "aborted"), seen, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void clientErrorListenerGetsTheCode(String name, String raw, String code) {
    List<String> codes = new ArrayList<>();
    String[] received = new String[1];
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        req.on("error", (Throwable e) -> { });
        req.resume();
      });
      server.on("clientError", (Throwable err, Socket socket) -> {
        codes.add(((HttpParseException) err).code());
        socket.end("HTTP/1.1 400 Custom\r\n\r\n", "latin1");
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          received[0] = client.received.toString();
          server.close();
        });
        client.send(raw);
      });
    });
    assertEquals(List.of(code), codes, name);
    assertEquals("HTTP/1.1 400 Custom\r\n\r\n", received[0], name);
  }

  @Test
  void headerLimitIsConfigurable() {
    String raw = GET + "X: " + "a".repeat(600) + "\r\n\r\n";
    assertTrue(ParserTrace.outcome(ParserTrace.parse(raw)).equals("complete"));
    List<String> small = ParserTrace.parse(raw.getBytes(java.nio.charset.StandardCharsets
        .ISO_8859_1), 512);
    assertEquals("error HPE_HEADER_OVERFLOW 431", ParserTrace.outcome(small));
    List<String> reply = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer(new HttpServerOptions().maxHeaderSize(512),
          (req, res) -> res.end());
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onClose(() -> {
          reply.add(client.received.toString());
          server.close();
        });
        client.send(raw);
      });
    });
    assertEquals("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n",
        reply.get(0));
  }

  @Test
  void acceptedShapesThatLookOdd() {
    // All of these get 200 from node 20.
    assertEquals(List.of("line POST / 1.1", "header Host: x", "header Content-Length: 5",
        "headers keepAlive=true chunked=false", "body hello", "complete"),
        ParserTrace.parse(POST + "Content-Length:  5 \r\n\r\nhello"));
    assertEquals("complete", ParserTrace.outcome(ParserTrace.parse(
        CHUNKED + "5;a=b;c\r\nhello\r\n0\r\n\r\n")));
    assertEquals("complete", ParserTrace.outcome(ParserTrace.parse(
        CHUNKED + "5;a=\"b\\\"c\"\r\nhello\r\n0\r\nX: y\r\n\r\n")));
    assertEquals("complete", ParserTrace.outcome(ParserTrace.parse(
        POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")));
    assertEquals("complete", ParserTrace.outcome(ParserTrace.parse(
        POST + "Transfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n")));
    assertEquals(List.of("line GET / 1.1", "header Host: x", "header X: \u00e9",
        "headers keepAlive=true chunked=false", "complete"),
        ParserTrace.parse(GET + "X: \u00e9\r\n\r\n"));
    assertEquals("line GET / 1.1", ParserTrace.parse("GET  / HTTP/1.1\r\n" + H + "\r\n").get(0));
    assertEquals("line GET / 1.1", ParserTrace.parse("\r\nGET / HTTP/1.1\r\n" + H + "\r\n")
        .get(0));
    assertEquals(List.of("line GET / 1.1", "header Host: x", "header X: a\tb",
        "headers keepAlive=true chunked=false", "complete"),
        ParserTrace.parse(GET + "X: a\tb\r\n\r\n"));
  }

  @Test
  void keepAliveDecisions() {
    assertEquals("headers keepAlive=false chunked=false",
        ParserTrace.parse(GET + "Connection: close, keep-alive\r\n\r\n").get(3));
    assertEquals("headers keepAlive=false chunked=false",
        ParserTrace.parse("GET / HTTP/1.0\r\n\r\n").get(1));
    assertEquals("headers keepAlive=true chunked=false",
        ParserTrace.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").get(2));
  }

  @Test
  void truncatedBodyAtEofIsAnInvalidEofState() throws Exception {
    ParserTrace trace = new ParserTrace();
    HttpParser parser = new HttpParser(HttpParser.Mode.REQUEST, 16 * 1024, trace);
    trace.parser = parser;
    parser.execute(Buffer.from(CHUNKED + "5\r\nhel"), 0);
    HttpParseException e = org.junit.jupiter.api.Assertions.assertThrows(
        HttpParseException.class, parser::finish);
    assertEquals("HPE_INVALID_EOF_STATE", e.code());
  }

  @Test
  void pipelinedMessagesUnderEverySplit() {
    String raw = "\r\n" + CHUNKED + "3;x=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n"
        + POST + "Content-Length: 4\r\n\r\nbody" + "GET /q?x=%20 HTTP/1.0\r\n\r\n";
    List<String> whole = ParserTrace.parse(raw);
    assertEquals(List.of("line POST / 1.1", "header Host: x", "header Transfer-Encoding: chunked",
        "headers keepAlive=true chunked=true", "body abc0123456789abcdef", "complete",
        "line POST / 1.1", "header Host: x", "header Content-Length: 4",
        "headers keepAlive=true chunked=false", "body body", "complete",
        "line GET /q?x=%20 1.0", "headers keepAlive=false chunked=false", "complete"), whole);
    for (int a = 1; a < raw.length(); a++) {
      assertEquals(whole, ParserTrace.parse(raw, a), "cut at " + a);
      for (int b = a + 7; b < raw.length(); b += 13) {
        assertEquals(whole, ParserTrace.parse(raw, a, b), "cuts at " + a + ", " + b);
      }
    }
  }
}
