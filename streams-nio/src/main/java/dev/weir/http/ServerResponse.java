package dev.weir.http;

import static dev.weir.errors.ErrorCode.ERR_HTTP_HEADERS_SENT;
import static dev.weir.errors.ErrorCode.ERR_HTTP_INVALID_STATUS_CODE;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Callback;
import java.util.Map;

/**
 * The response a server writes; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpserverresponse">http.ServerResponse</a>.
 *
 * <p>A byte {@link dev.weir.stream.Writable} (strings accepted), so
 * {@code Fs.createReadStream(file).pipe(res)} works and slow clients push back:
 * {@code write()} returns false while the socket cannot keep up and {@code 'drain'} follows.
 * Headers are sent implicitly on the first write, with {@code Content-Length} when it was set or
 * when {@code end(data)} carries the whole body, otherwise {@code Transfer-Encoding: chunked}
 * (or, for an HTTP/1.0 client, by closing the connection); {@code Date} and {@code Connection}
 * are added; {@code HEAD}, 204 and 304 responses carry no body.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@code statusCode}/{@code statusMessage} are methods: {@code res.statusCode(404)} sets,
 *       {@code res.statusCode()} gets.</li>
 *   <li>No trailers ({@code addTrailers}) and no {@code writeEarlyHints}.</li>
 *   <li>{@code end(data)} to an HTTP/1.0 client sends a {@code Content-Length} (and keeps the
 *       connection when the client asked for keep-alive); Node frames every HTTP/1.0 response
 *       without a user-set length by closing the connection.</li>
 * </ul>
 */
public final class ServerResponse extends OutgoingMessage {
  private final IncomingMessage req;
  private final ServerConnection connection;
  private int statusCode = 200;
  private String statusMessage;
  /** The {@code Keep-Alive} header value, or null when none is sent. */
  private final String keepAliveValue;
  /**
   * Node's {@code maxRequestsOnConnectionReached}: this answers the last request
   * {@code maxRequestsPerSocket} allows (or one past it), so a kept-alive response says
   * {@code Connection: close}, though the connection is not closed by the server.
   */
  boolean maxRequestsOnConnectionReached;

  ServerResponse(ServerConnection connection, IncomingMessage req, boolean keepAlive,
      long keepAliveTimeoutMs, int maxRequestsPerSocket) {
    this.connection = connection;
    this.req = req;
    this.socket = req.socket();
    this.shouldKeepAlive = keepAlive;
    this.sendDate = true;
    // Node: _http_outgoing.js _storeHeader sends "Keep-Alive: timeout=<floor(s)>[, max=<n>]"
    // only when keepAliveTimeout is set.
    this.keepAliveValue = keepAliveTimeoutMs <= 0 ? null : "timeout=" + keepAliveTimeoutMs / 1000
        + (maxRequestsPerSocket > 0 ? ", max=" + maxRequestsPerSocket : "");
    if ("HEAD".equals(req.method())) {
      hasBody = false;
    }
  }

  /** Node's {@code res.statusCode} (default 200). */
  public int statusCode() {
    return statusCode;
  }

  /** Node's {@code res.statusCode = code}: 100–999, before the headers are sent. */
  public ServerResponse statusCode(int code) {
    loop().checkInLoop();
    if (code < 100 || code > 999) {
      throw ERR_HTTP_INVALID_STATUS_CODE.error(code);
    }
    if (headersSent()) {
      throw ERR_HTTP_HEADERS_SENT.error("set");
    }
    statusCode = code;
    // Node: ServerResponse.writeHead clears _hasBody for 1xx, 204 and 304 before the header is
    // stored, so no Content-Length or chunked framing is announced for them.
    hasBody = !"HEAD".equals(req.method()) && !(code == 204 || code == 304
        || (code >= 100 && code < 200));
    return this;
  }

  /** Node's {@code res.statusMessage}: the reason phrase (default from the status code). */
  public String statusMessage() {
    return statusMessage != null ? statusMessage : StatusCodes.reason(statusCode);
  }

  /** Node's {@code res.statusMessage = message}. */
  public ServerResponse statusMessage(String message) {
    loop().checkInLoop();
    if (message != null && (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0)) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_CHAR.error("statusMessage", message);
    }
    statusMessage = message;
    return this;
  }

  /** Node's {@code res.sendDate} (default true). */
  public ServerResponse sendDate(boolean sendDate) {
    this.sendDate = sendDate;
    return this;
  }

  /** Node's {@code res.req}: the request this response answers. */
  public IncomingMessage req() {
    return req;
  }

  /** Node's {@code writeHead(statusCode)}. */
  public ServerResponse writeHead(int status) {
    return writeHead(status, null, null);
  }

  /** Node's {@code writeHead(statusCode, headers)}. */
  public ServerResponse writeHead(int status, Map<String, ?> headers) {
    return writeHead(status, null, headers);
  }

  /**
   * Node's {@code writeHead(statusCode[, statusMessage][, headers])}: fixes the status and the
   * headers (merged with those set before); they are sent with the first write or {@code end}.
   */
  public ServerResponse writeHead(int status, String message, Map<String, ?> headers) {
    loop().checkInLoop();
    if (headersSent()) {
      throw ERR_HTTP_HEADERS_SENT.error("write");
    }
    statusCode(status);
    if (message != null) {
      statusMessage(message);
    }
    if (headers != null) {
      headers.forEach(this::setHeader);
    }
    if (statusCode == 204 || statusCode == 304 || (statusCode >= 100 && statusCode < 200)) {
      hasBody = false;
    }
    storeHeader(false);
    return this;
  }

  /** Node's {@code writeContinue()}: sends {@code 100 Continue} now. */
  public void writeContinue() {
    loop().checkInLoop();
    socket.write("HTTP/1.1 100 Continue\r\n\r\n", "latin1");
  }

  @Override
  String startLine() {
    if (statusCode == 204 || statusCode == 304) {
      hasBody = false;
    }
    return statusMessage == null ? StatusCodes.statusLine(statusCode)
        : "HTTP/1.1 " + statusCode + " " + statusMessage;
  }

  @Override
  boolean peerIsHttp11() {
    return req.httpVersionMajor() == 1 && req.httpVersionMinor() >= 1;
  }

  @Override
  boolean canCloseDelimit() {
    return true;
  }

  @Override
  String connectionKeepAliveHeader() {
    // Node: _http_outgoing.js _storeHeader writes "Connection: close" here without setting
    // _last, so the socket stays open for the client to close.
    if (maxRequestsOnConnectionReached) {
      return "Connection: close\r\n";
    }
    return keepAliveValue == null ? "Connection: keep-alive\r\n"
        : "Connection: keep-alive\r\nKeep-Alive: " + keepAliveValue + "\r\n";
  }

  /** Whether the connection stays open after this response (decided with the headers). */
  boolean keepsAlive() {
    return shouldKeepAlive;
  }

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    connection.responseDestroyed(this);
    callback.done(err);
  }

  /** The body bytes written so far, for access logs (a Weir convenience). */
  public long bytesSent() {
    return socket == null ? 0 : socket.bytesWritten();
  }

  static Buffer statusLineOnly(int status) {
    return Buffer.from("HTTP/1.1 " + status + " " + StatusCodes.reason(status)
        + "\r\nConnection: close\r\n\r\n", "latin1");
  }
}
