package dev.weir.http;

import dev.weir.buffer.Buffer;
import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.net.Socket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection of a {@link Server}: feeds the socket's bytes to the parser, turns
 * messages into {@code 'request'} events, and answers them strictly in order. Only one exchange
 * is active at a time: after a request is parsed, the bytes behind it (a pipelined request) wait,
 * with the socket paused, until the response has finished. A request body that nobody reads
 * pauses the socket too, so memory per connection stays bounded by the high-water marks.
 */
final class ServerConnection implements HttpParser.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
  private static final long GRACEFUL_CLOSE_MS = 1_000;

  /** Coarse lifecycle, logged at debug level. */
  enum State { IDLE, READING_HEADERS, EXCHANGE, CLOSING, CLOSED }

  private final Server server;
  private final Socket socket;
  private final HttpServerOptions options;
  private final EventLoop loop;
  private final HttpParser parser;
  private State state = State.IDLE;
  private IncomingMessage req;
  private ServerResponse res;
  private boolean requestDone;
  private boolean responseDone;
  /** Unparsed bytes behind a complete request, waiting for its response. */
  private Buffer pending;
  private int pendingOffset;
  /** The socket is paused because the request body is not being read. */
  private boolean bodyPaused;
  private boolean peerEnded;
  private int requestCount;
  /** Node's {@code state.requestsCount}: HTTP/1.1 requests counted for maxRequestsPerSocket. */
  private int requestsCount;
  private Timeout headersTimer;
  private Timeout requestTimer;
  private Timeout keepAliveTimer;
  private final Listener1<Buffer> onData = this::onData;
  private final Listener0 onResponseFinish = this::onResponseFinish;

  ServerConnection(Server server, Socket socket, HttpServerOptions options) {
    this.server = server;
    this.socket = socket;
    this.options = options;
    this.loop = socket.loop();
    this.parser = new HttpParser(HttpParser.Mode.REQUEST, options.maxHeaderSize, this);
  }

  void start() {
    socket.on("data", onData);
    socket.on("end", this::onEnd);
    socket.on("error", this::onSocketError);
    socket.on("close", this::onClose);
    // Node: a new connection must send its headers within headersTimeout.
    armHeadersTimer();
  }

  private void setState(State next) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("http connection {} --> {}", state, next);
    }
    state = next;
  }

  /** Whether no request is in progress (for {@code closeIdleConnections}). */
  boolean isIdle() {
    return state == State.IDLE;
  }

  Socket socket() {
    return socket;
  }

  // ---- input --------------------------------------------------------------------------------

  private void onData(Buffer chunk) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    if (pending != null) {
      // Bytes that were already on their way when we paused: keep them behind the others.
      pending = Buffer.concat(List.of(pending.subarray(pendingOffset), chunk));
      pendingOffset = 0;
      return;
    }
    feed(chunk, 0);
  }

  private void feed(Buffer data, int offset) {
    while (offset < data.length() && state != State.CLOSING && state != State.CLOSED) {
      if (parser.isDone()) {
        pending = data;
        pendingOffset = offset;
        updateFlow();
        return;
      }
      if (state == State.IDLE) {
        clearTimer(keepAliveTimer);
        keepAliveTimer = null;
        setState(State.READING_HEADERS);
        armHeadersTimer();
        if (options.requestTimeout > 0) {
          requestTimer = loop.setTimeout(this::onRequestTimeout, options.requestTimeout).unref();
        }
      }
      try {
        offset += parser.execute(data, offset);
      } catch (HttpParseException e) {
        clientError(e);
        return;
      } catch (Exception e) {
        // A 'request' listener threw: Node lets it crash the process; Weir reports it to the
        // loop's uncaughtException handling and closes this connection.
        destroySocket(null);
        throw e instanceof RuntimeException ? (RuntimeException) e
            : ErrorCode.ERR_WEIR_LISTENER_THREW.errorWithCause(e, "request", e);
      }
    }
  }

  private void updateFlow() {
    boolean flow = !bodyPaused && pending == null && state != State.CLOSED;
    if (flow && socket.isPaused()) {
      socket.resume();
    } else if (!flow && !socket.isPaused()) {
      socket.pause();
    }
  }

  // ---- parser events ------------------------------------------------------------------------

  @Override
  public void onRequestLine(String method, String url, int major, int minor) {
    req = new IncomingMessage(socket, this::readMore);
    req.method = method;
    req.url = url;
    req.httpVersionMajor = major;
    req.httpVersionMinor = minor;
  }

  @Override
  public void onStatusLine(int major, int minor, int status, String reason) {
    throw new IllegalStateException("a server parses requests");
  }

  @Override
  public void onHeader(String name, String value) {
    req.rawHeaders.add(name);
    req.rawHeaders.add(value);
  }

  @Override
  public boolean onHeadersComplete() throws Exception {
    clearTimer(headersTimer);
    headersTimer = null;
    setState(State.EXCHANGE);
    requestCount++;
    boolean keepAlive = parser.shouldKeepAlive() && !server.isClosing();
    int maxRequests = server.maxRequestsPerSocket();
    res = new ServerResponse(this, req, keepAlive, options.keepAliveTimeout, maxRequests);
    res.on("finish", onResponseFinish);
    requestDone = false;
    responseDone = false;
    boolean http11 = req.httpVersionMajor() == 1 && req.httpVersionMinor() == 1;
    if (options.requireHostHeader && http11 && req.header("host") == null) {
      // Node: _http_server.js parserOnIncoming answers 400 itself, without 'request'.
      res.statusCode(400);
      res.setHeader("Connection", "close");
      res.end();
      return false;
    }
    if (http11 && maxRequests > 0) {
      // Node: parserOnIncoming counts HTTP/1.1 requests only; the last allowed response says
      // "Connection: close", and each request past the limit gets 503 without 'request'.
      requestsCount++;
      res.maxRequestsOnConnectionReached = maxRequests <= requestsCount;
      if (maxRequests < requestsCount) {
        server.emit("dropRequest", req, socket);
        res.writeHead(503);
        res.end();
        return false;
      }
    }
    String expect = req.header("expect");
    if (expect != null && req.httpVersionMinor() >= 1) {
      if (expect.equalsIgnoreCase("100-continue")) {
        if (server.listenerCount("checkContinue") > 0) {
          server.emit("checkContinue", req, res);
        } else {
          res.writeContinue();
          server.emit("request", req, res);
        }
      } else if (server.listenerCount("checkExpectation") > 0) {
        server.emit("checkExpectation", req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    } else {
      server.emit("request", req, res);
    }
    return false;
  }

  @Override
  public void onBody(Buffer data) {
    if (req.destroyed()) {
      return;
    }
    // The slice shares the socket chunk's memory, which is never reused: no copy needed.
    if (!req.push(data) && !bodyPaused) {
      bodyPaused = true;
      updateFlow();
    }
  }

  @Override
  public void onMessageComplete() {
    clearTimer(requestTimer);
    requestTimer = null;
    req.complete = true;
    req.push(null);
    requestDone = true;
    if (responseDone) {
      // Not from inside the parser's execute(): the next message starts on a clean stack.
      loop.nextTick(this::maybeNext);
    }
  }

  /** The request body's {@code _read}: the reader wants more. */
  private void readMore() {
    if (bodyPaused) {
      bodyPaused = false;
      updateFlow();
    }
  }

  // ---- responses ----------------------------------------------------------------------------

  private void onResponseFinish() {
    responseDone = true;
    if (!requestDone && req != null) {
      // Node: a body nobody wants is read and discarded so the next request can be parsed.
      req.resume();
    }
    // The next exchange starts a tick later, so every 'finish' listener of this response
    // (the user's come after ours) runs before the next 'request'.
    loop.nextTick(this::maybeNext);
  }

  void responseDestroyed(ServerResponse response) {
    if (response == res && !responseDone && state != State.CLOSED) {
      // Destroyed before it finished: this connection cannot carry another message.
      destroySocket(null);
    }
  }

  private void maybeNext() {
    if (!requestDone || !responseDone || state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    boolean keepAlive = res.keepsAlive();
    req = null;
    res = null;
    requestDone = false;
    responseDone = false;
    if (!keepAlive || peerEnded || server.isClosing()) {
      // A closing server also closes a connection as soon as its exchange is done (node 20
      // leaves it to the keep-alive timeout, delaying 'close' by that much).
      closeGracefully();
      return;
    }
    setState(State.IDLE);
    parser.resume();
    if (options.keepAliveTimeout > 0) {
      keepAliveTimer = loop.setTimeout(this::onKeepAliveTimeout, options.keepAliveTimeout)
          .unref();
    }
    if (pending != null) {
      Buffer data = pending;
      int offset = pendingOffset;
      pending = null;
      feed(data, offset);
    }
    updateFlow();
  }

  // ---- errors, timeouts, closing ------------------------------------------------------------

  private void clientError(WeirException e) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    clearTimers();
    // A request in progress is aborted (ECONNRESET) when the socket closes, as in Node; not
    // here, where destroying it would take the socket down before the answer is written.
    setState(State.CLOSING);
    if (server.listenerCount("clientError") > 0) {
      server.emit("clientError", e, socket);
      return;
    }
    int status = e instanceof HttpParseException ? ((HttpParseException) e).status() : 400;
    if (socket.writable() && (res == null || !res.headersSent())) {
      socket.write(ServerResponse.statusLineOnly(status));
    }
    closeGracefully();
  }

  private void onRequestTimeout() {
    requestTimer = null;
    if (res != null && res.headersSent()) {
      destroySocket(null);
    } else {
      clientError(new HttpParseException("ERR_HTTP_REQUEST_TIMEOUT", "Request timeout", 408));
    }
  }

  private void onHeadersTimeout() {
    headersTimer = null;
    if (state == State.IDLE && !parser.inMessage() && requestCount > 0) {
      return;
    }
    clientError(new HttpParseException("ERR_HTTP_REQUEST_TIMEOUT", "Request timeout", 408));
  }

  private void onKeepAliveTimeout() {
    keepAliveTimer = null;
    if (state == State.IDLE) {
      destroySocket(null);
    }
  }

  private void armHeadersTimer() {
    if (options.headersTimeout > 0 && headersTimer == null) {
      headersTimer = loop.setTimeout(this::onHeadersTimeout, options.headersTimeout).unref();
    }
  }

  private void clearTimer(Timeout t) {
    if (t != null) {
      loop.clearTimeout(t);
    }
  }

  private void clearTimers() {
    clearTimer(headersTimer);
    clearTimer(requestTimer);
    clearTimer(keepAliveTimer);
    headersTimer = null;
    requestTimer = null;
    keepAliveTimer = null;
  }

  /**
   * Ends our side (FIN after what was written), discards whatever the peer still sends, and
   * destroys the socket when the peer closes or after a grace period, so a response is not
   * lost to a reset and a silent peer cannot hold the descriptor.
   */
  private void closeGracefully() {
    if (state == State.CLOSED) {
      return;
    }
    setState(State.CLOSING);
    clearTimers();
    pending = null;
    socket.removeListener("data", onData);
    socket.end();
    socket.resume();
    loop.setTimeout(() -> destroySocket(null), GRACEFUL_CLOSE_MS).unref();
  }

  void destroySocket(Throwable err) {
    if (!socket.destroyed()) {
      socket.destroy(err);
    }
  }

  private void onEnd() {
    peerEnded = true;
    try {
      parser.finish();
    } catch (HttpParseException e) {
      if (req != null && res != null && !req.complete) {
        req.destroy(WeirException.system("ECONNRESET", "read", null, null, -1, null));
      }
    } catch (Exception e) {
      LOG.debug("parser finish failed", e);
    }
    if (state == State.IDLE || state == State.READING_HEADERS || state == State.CLOSING) {
      closeGracefully();
      destroySocket(null);
    }
    // In an exchange: the response still goes out; maybeNext() closes afterwards.
  }

  private void onSocketError(Throwable err) {
    if (state == State.CLOSING || state == State.CLOSED) {
      // Already reported or closing on purpose: one 'clientError' per connection at most.
      destroySocket(null);
      return;
    }
    if (!server.emit("clientError", err, socket)) {
      destroySocket(null);
    }
  }

  private void onClose() throws Exception {
    setState(State.CLOSED);
    clearTimers();
    pending = null;
    if (req != null && res != null && !req.complete && !req.destroyed()) {
      req.destroy(WeirException.system("ECONNRESET", "read", null, null, -1, null));
    }
    if (res != null && !res.writableFinished()) {
      res.socketClosed();
      res.destroy();
    }
    server.connectionClosed(this);
  }
}
