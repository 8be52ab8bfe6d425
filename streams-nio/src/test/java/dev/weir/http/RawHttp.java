package dev.weir.http;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.events.Listener2;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helpers for the HTTP server suite: a raw client connection on the loop that splits what
 * it receives into responses with a deliberately simple parser of its own (independent of
 * {@link HttpParser}), and a way to start a server on an ephemeral port.
 */
final class RawHttp {
  private RawHttp() {}

  /** Listens on 127.0.0.1, port 0, and calls {@code onPort} with the port once listening. */
  static Server listen(Server server, Listener1<Integer> onPort) {
    server.listen(0, "127.0.0.1", () -> onPort.call(server.address().port()));
    return server;
  }

  private static final Pattern REQUEST_START =
      Pattern.compile("(?:^|\r\n\r\n)([A-Z]+) \\S+ HTTP/1\\.[01]\r\n");

  /** One response as received. */
  record Response(int status, String reason, List<String[]> headers, String body, String raw) {
    /** The first value of {@code name}, case-insensitively, or null. */
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    /** The header names in order, as sent. */
    List<String> headerNames() {
      List<String> names = new ArrayList<>();
      for (String[] h : headers) {
        names.add(h[0]);
      }
      return names;
    }

    /** The raw response without its {@code Date} line, for exact comparisons. */
    String rawWithoutDate() {
      return raw.replaceAll("Date: [^\r]*\r\n", "");
    }
  }

  /** A client connection that parses the responses it receives, in order. */
  static final class Client {
    final Socket socket;
    final StringBuilder received = new StringBuilder();
    final List<Response> responses = new ArrayList<>();
    /** Per request sent, in order: whether it is a HEAD (its response has no body). */
    private final List<Boolean> noBody = new ArrayList<>();
    private final Set<Integer> headIndexes = new HashSet<>();
    private int finals;
    private int parsed;
    boolean closed;
    private Listener1<Response> onResponse = r -> {};
    private Listener0 onClose = () -> {};

    Client(int port) {
      socket = Net.connect(port, "127.0.0.1");
      socket.on("data", (Buffer b) -> {
        received.append(b.toString("latin1"));
        parseAvailable(false);
      });
      socket.on("close", () -> {
        closed = true;
        parseAvailable(true);
        onClose.call();
      });
    }

    /** Called with every complete response, interim 1xx ones included. */
    Client onResponse(Listener1<Response> listener) {
      this.onResponse = listener;
      return this;
    }

    /** Called once the connection is closed (after the last response was reported). */
    Client onClose(Listener0 listener) {
      this.onClose = listener;
      return this;
    }

    /** Sends raw bytes (latin1). */
    Client send(String raw) {
      noteRequests(raw);
      socket.write(raw, "latin1");
      return this;
    }

    /** Sends raw bytes and half-closes. */
    Client sendAndEnd(String raw) {
      noteRequests(raw);
      socket.end(raw, "latin1");
      return this;
    }

    /**
     * Remembers which requests are HEAD (their responses have no body), recognising a request
     * start at the beginning of a write or right after a blank line: good enough for tests.
     */
    private void noteRequests(String raw) {
      Matcher m = REQUEST_START.matcher(raw);
      while (m.find()) {
        noBody.add(m.group(1).equals("HEAD"));
      }
    }

    /** For requests written in pieces: the {@code index}-th response answers a HEAD. */
    Client expectHeadAt(int index) {
      headIndexes.add(index);
      return this;
    }

    /** Bytes received that are not part of a complete response yet. */
    String unparsed() {
      return received.substring(parsed);
    }

    private void parseAvailable(boolean eof) throws Exception {
      while (true) {
        Response r = parseOne(eof);
        if (r == null) {
          return;
        }
        responses.add(r);
        onResponse.call(r);
      }
    }

    private Response parseOne(boolean eof) {
      int start = parsed;
      int headEnd = received.indexOf("\r\n\r\n", start);
      if (headEnd < 0) {
        return null;
      }
      String[] lines = received.substring(start, headEnd).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      int status = Integer.parseInt(statusLine[1]);
      String reason = statusLine.length > 2 ? statusLine[2] : "";
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(new String[] {lines[i].substring(0, colon),
            lines[i].substring(colon + 1).trim()});
      }
      int bodyStart = headEnd + 4;
      String te = null;
      String cl = null;
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase("transfer-encoding")) {
          te = h[1].toLowerCase(Locale.ROOT);
        } else if (h[0].equalsIgnoreCase("content-length")) {
          cl = h[1];
        }
      }
      boolean interim = status >= 100 && status < 200;
      boolean head = !interim && (finals < noBody.size() ? noBody.get(finals)
          : headIndexes.contains(finals));
      String body;
      int end;
      if (interim || head || status == 204 || status == 304) {
        body = "";
        end = bodyStart;
      } else if (te != null && te.endsWith("chunked")) {
        // First find the end without copying (this runs on every packet), then decode.
        List<int[]> pieces = new ArrayList<>();
        int p = bodyStart;
        while (true) {
          int lineEnd = received.indexOf("\r\n", p);
          if (lineEnd < 0) {
            return null;
          }
          String sizeText = received.substring(p, lineEnd);
          int semi = sizeText.indexOf(';');
          int size = Integer.parseInt(semi >= 0 ? sizeText.substring(0, semi) : sizeText, 16);
          p = lineEnd + 2;
          if (size == 0) {
            int trailerEnd = received.indexOf("\r\n", p);
            while (trailerEnd > p) { // skip trailer lines
              p = trailerEnd + 2;
              trailerEnd = received.indexOf("\r\n", p);
            }
            if (trailerEnd < 0) {
              return null;
            }
            end = trailerEnd + 2;
            break;
          }
          if (received.length() < p + size + 2) {
            return null;
          }
          pieces.add(new int[] {p, p + size});
          p += size + 2;
        }
        StringBuilder sb = new StringBuilder();
        for (int[] piece : pieces) {
          sb.append(received, piece[0], piece[1]);
        }
        body = sb.toString();
      } else if (cl != null) {
        end = bodyStart + Integer.parseInt(cl);
        if (received.length() < end) {
          return null;
        }
        body = received.substring(bodyStart, end);
      } else {
        if (!eof) {
          return null;
        }
        end = received.length();
        body = received.substring(bodyStart, end);
      }
      if (!interim) {
        finals++;
      }
      parsed = end;
      return new Response(status, reason, headers, body, received.substring(start, end));
    }
  }

  /**
   * Runs a loop with a server using {@code handler}, sends {@code packets} on one connection
   * (one write each), half-closes after {@code expected} responses (1xx included), closes the
   * server when the connection closes, and returns every response received.
   */
  static List<Response> exchange(HttpServerOptions options,
      Listener2<IncomingMessage, ServerResponse> handler, int expected, String... packets) {
    List<Response> out = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer(options, handler);
      listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          if (client.responses.size() == expected) {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          out.addAll(client.responses);
          server.close();
        });
        for (String packet : packets) {
          client.send(packet);
        }
      });
    });
    return out;
  }

  /** {@link #exchange(HttpServerOptions, Listener2, int, String...)} with default options. */
  static List<Response> exchange(Listener2<IncomingMessage, ServerResponse> handler,
      int expected, String... packets) {
    return exchange(new HttpServerOptions(), handler, expected, packets);
  }

  /** A GET request for {@code url} with a Host header and optional extra header lines. */
  static String get(String url, String... headerLines) {
    return request("GET", url, headerLines);
  }

  /** A request without body: start line, Host and extra header lines. */
  static String request(String method, String url, String... headerLines) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(url)
        .append(" HTTP/1.1\r\nHost: localhost\r\n");
    for (String line : headerLines) {
      sb.append(line).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }
}
