package dev.weir.samples.staticfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 client on a plain socket, for tests: it sends request targets exactly as
 * given (no normalisation, unlike real clients), and parses responses with a parser of its own.
 */
final class RawHttpClient implements AutoCloseable {
  /** A response: status, lower-cased headers, the body as received. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final Socket socket;
  final InputStream in;
  private final OutputStream out;

  RawHttpClient(int port) throws IOException {
    this(port, 0);
  }

  /** With {@code receiveBuffer > 0}, a small kernel receive buffer (a slow client's). */
  RawHttpClient(int port, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.setSoTimeout(20_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** One request on a fresh connection: {@code GET target} plus header lines. */
  static Response get(int port, String target, String... headers) throws IOException {
    return exchange(port, "GET", target, headers);
  }

  static Response exchange(int port, String method, String target, String... headers)
      throws IOException {
    try (RawHttpClient c = new RawHttpClient(port)) {
      c.send(method, target, headers);
      return c.read(method.equals("HEAD"));
    }
  }

  void send(String method, String target, String... headers) throws IOException {
    StringBuilder sb = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    sendRaw(sb.append("\r\n").toString());
  }

  void sendRaw(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads the status line and headers; the body is left in {@link #in}. */
  Response readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Response(status, headers, new byte[0]);
  }

  /** Reads one whole response; {@code head}: the request was HEAD (no body follows). */
  Response read(boolean head) throws IOException {
    Response r = readHead();
    String length = r.header("content-length");
    byte[] body;
    if (head || r.status() == 304 || r.status() == 204) {
      body = new byte[0];
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if ("chunked".equals(r.header("transfer-encoding"))) {
      throw new IOException("chunked responses are not expected from the file server");
    } else {
      body = in.readAllBytes();
    }
    return new Response(r.status(), r.headers(), body);
  }

  /** Whether the server closed the connection (EOF) within the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
