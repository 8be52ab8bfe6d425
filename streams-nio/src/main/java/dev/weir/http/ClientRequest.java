package dev.weir.http;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.loop.Task;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import dev.weir.stream.Callback;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP request being sent, and the source of its response; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpclientrequest">http.ClientRequest</a>.
 * A byte {@link dev.weir.stream.Writable} for the request body (with {@code Content-Length} when
 * {@code end(data)} carries all of it, chunked otherwise); {@code 'response'} delivers an
 * {@link IncomingMessage} whose body honours backpressure. Events: {@code 'socket'},
 * {@code 'response'}, {@code 'continue'}, {@code 'information'}, {@code 'timeout'},
 * {@code 'error'} ({@code ECONNREFUSED}, {@code ECONNRESET} "socket hang up", parse errors) and
 * {@code 'close'} once the response has ended or the connection failed.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>http only (no https), no {@code upgrade}/{@code connect} responses, no trailers.</li>
 *   <li>{@code abort()} is {@code destroy()}, as Node recommends.</li>
 * </ul>
 */
public final class ClientRequest extends OutgoingMessage implements HttpParser.Handler {
  private static final Set<String> NO_BODY_METHODS =
      Set.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private final String method;
  private final String path;
  private final String host;
  private final int port;
  private final Agent agent;
  private final long timeout;
  private List<Task> waitingForSocket = new ArrayList<>(2);
  private HttpParser parser;
  private IncomingMessage res;
  private boolean responseComplete;
  private boolean released;
  private boolean reusedSocket;
  private final Listener1<Buffer> onData = this::onData;
  private final Listener0 onEnd = this::onEnd;
  private final Listener0 onClose = this::onClose;
  private final Listener1<Throwable> onError = this::onSocketError;

  ClientRequest(RequestOptions options, Listener1<IncomingMessage> callback) {
    super(false);
    this.method = options.method.toUpperCase(Locale.ROOT);
    if (!HttpParser.METHODS.contains(method)) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_HTTP_TOKEN.error("Method", options.method);
    }
    this.path = options.path;
    if (path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_CHAR.error("path", path);
    }
    this.host = options.host;
    this.port = options.port;
    this.timeout = options.timeout;
    this.agent = options.noAgent ? null
        : options.agent != null ? options.agent : Agent.globalAgent();
    this.shouldKeepAlive = agent != null && agent.keepAlive();
    for (Map.Entry<String, Object> h : options.headers.entrySet()) {
      setHeader(h.getKey(), h.getValue());
    }
    if (options.setHost && !hasHeader("host")) {
      setHeader("Host", port == 80 ? host : host + ":" + port);
    }
    if (callback != null) {
      once("response", callback);
    }
    if ("HEAD".equals(method)) {
      hasBody = true; // a HEAD request may not carry a body either, but it is the response
    }
    if (agent != null) {
      agent.addRequest(this, host, port);
    } else {
      assignSocket(Net.connect(port, host), false);
    }
  }

  /** Node's {@code request.method}. */
  public String method() {
    return method;
  }

  /** Node's {@code request.path}. */
  public String path() {
    return path;
  }

  /** Node's {@code request.host}. */
  public String host() {
    return host;
  }

  /** Node's {@code request.reusedSocket}: the socket came from the agent's free list. */
  public boolean reusedSocket() {
    return reusedSocket;
  }

  // ---- socket assignment ----------------------------------------------------------------------

  void assignSocket(Socket socket, boolean reused) {
    loop().nextTick(() -> onSocket(socket, reused));
  }

  private void onSocket(Socket s, boolean reused) throws Exception {
    if (destroyed()) {
      release(s, false);
      return;
    }
    socket = s;
    reusedSocket = reused;
    parser = new HttpParser(HttpParser.Mode.RESPONSE, 16 * 1024, this);
    parser.expectResponseToHead("HEAD".equals(method));
    s.on("data", onData);
    s.on("end", onEnd);
    s.on("close", onClose);
    s.on("error", onError);
    if (timeout > 0) {
      setTimeout(timeout, null);
    }
    if (s.isPaused()) {
      s.resume();
    }
    emit("socket", s);
    List<Task> tasks = waitingForSocket;
    waitingForSocket = null;
    for (Task t : tasks) {
      t.run();
    }
  }

  @Override
  boolean deferUntilSocket(Task task) {
    if (waitingForSocket != null && !destroyed()) {
      waitingForSocket.add(task);
      return true;
    }
    return false;
  }

  private void release(Socket s, boolean reusable) {
    if (released || s == null) {
      // No socket yet: onSocket() releases it when it arrives for a destroyed request.
      return;
    }
    released = true;
    if (s != null) {
      s.removeListener("data", onData);
      s.removeListener("end", onEnd);
      s.removeListener("close", onClose);
      s.removeListener("error", onError);
      s.removeAllListeners("timeout");
      if (reusable) {
        s.setTimeout(0);
      }
    }
    if (agent != null && s != null) {
      agent.release(Agent.key(host, port), s, reusable);
    } else if (s != null && !s.destroyed()) {
      if (reusable) {
        s.end();
      } else {
        s.destroy();
      }
    }
  }

  // ---- response parsing -----------------------------------------------------------------------

  private void onData(Buffer chunk) {
    if (responseComplete || parser == null) {
      return;
    }
    try {
      int offset = 0;
      while (offset < chunk.length() && !parser.isDone()) {
        offset += parser.execute(chunk, offset);
      }
    } catch (HttpParseException e) {
      fail(e);
    } catch (Exception e) {
      throw e instanceof RuntimeException ? (RuntimeException) e
          : dev.weir.errors.ErrorCode.ERR_WEIR_LISTENER_THREW.errorWithCause(e, "response", e);
    }
  }

  @Override
  public void onRequestLine(String m, String url, int major, int minor) {
    throw new IllegalStateException("a client parses responses");
  }

  @Override
  public void onStatusLine(int major, int minor, int status, String reason) {
    res = new IncomingMessage(socket, this::readMore);
    res.httpVersionMajor = major;
    res.httpVersionMinor = minor;
    res.statusCode = status;
    res.statusMessage = reason;
  }

  @Override
  public void onHeader(String name, String value) {
    res.rawHeaders.add(name);
    res.rawHeaders.add(value);
  }

  @Override
  public boolean onHeadersComplete() {
    int status = res.statusCode();
    if (status >= 100 && status < 200 && status != 101) {
      IncomingMessage info = res;
      res = null;
      if (status == 100) {
        emit("continue");
      } else {
        emit("information", info);
      }
      return false;
    }
    // Node: the socket is released on the response's 'end', before the user's 'end' listeners.
    res.on("end", this::onResponseEnd);
    if (!emit("response", res)) {
      res.resume(); // Node: an unwanted response is read and discarded.
    }
    return false;
  }

  @Override
  public void onBody(Buffer data) {
    if (!res.destroyed() && !res.push(data)) {
      socket.pause();
    }
  }

  private void readMore() {
    if (socket != null && socket.isPaused() && !responseComplete) {
      socket.resume();
    }
  }

  @Override
  public void onMessageComplete() {
    responseComplete = true;
    res.complete = true;
    res.push(null);
  }

  private void onResponseEnd() {
    boolean reusable = parser.shouldKeepAlive() && shouldKeepAlive;
    if (writableFinished()) {
      finishExchange(reusable);
    } else {
      once("finish", () -> finishExchange(reusable));
    }
  }

  private void finishExchange(boolean reusable) {
    release(socket, reusable);
    if (!destroyed()) {
      destroy();
    }
  }

  private void onEnd() throws Exception {
    if (responseComplete || parser == null) {
      return;
    }
    try {
      parser.finish();
    } catch (HttpParseException e) {
      fail(hangUp());
    }
  }

  private void onClose() {
    if (!responseComplete) {
      fail(hangUp());
    }
  }

  private void onSocketError(Throwable err) {
    if (!responseComplete) {
      fail(err);
    }
  }

  private static WeirException hangUp() {
    return new WeirException("ECONNRESET", "socket hang up", null);
  }

  private void fail(Throwable err) {
    Socket s = socket;
    release(s, false);
    if (s != null && !s.destroyed()) {
      s.destroy();
    }
    if (res != null && !res.complete && !res.destroyed()) {
      res.destroy(WeirException.system("ECONNRESET", "read", null, null, -1, null));
      if (!destroyed()) {
        destroy();
      }
    } else if (!destroyed()) {
      destroy(err);
    }
  }

  // ---- request API ----------------------------------------------------------------------------

  /**
   * Node's {@code request.setTimeout(ms[, callback])}: {@code 'timeout'} on this request after
   * {@code ms} of socket inactivity (the request is not aborted; do it in the listener).
   */
  public ClientRequest setTimeout(long ms, Listener0 callback) {
    loop().checkInLoop();
    if (callback != null) {
      once("timeout", callback);
    }
    if (socket == null) {
      if (waitingForSocket != null) {
        waitingForSocket.add(() -> setTimeout(ms, null));
      }
      return this;
    }
    socket.removeAllListeners("timeout");
    socket.setTimeout(ms, () -> emit("timeout"));
    return this;
  }

  /** Node's deprecated {@code abort()}: the same as {@link #destroy()}, after {@code 'abort'}. */
  public void abort() {
    loop().checkInLoop();
    if (!destroyed()) {
      emit("abort");
      destroy();
    }
  }

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    if (!responseComplete) {
      Socket s = socket;
      release(s, false);
      if (s != null && !s.destroyed()) {
        s.destroy();
      }
      if (res != null && !res.complete && !res.destroyed()) {
        res.destroy(WeirException.system("ECONNRESET", "read", null, null, -1, null));
      }
    }
    waitingForSocket = null;
    callback.done(err);
  }

  @Override
  String startLine() {
    return method + " " + path + " HTTP/1.1";
  }

  @Override
  boolean peerIsHttp11() {
    return true;
  }

  @Override
  boolean canCloseDelimit() {
    return false;
  }

  @Override
  boolean useChunkedEncodingByDefault() {
    return !NO_BODY_METHODS.contains(method);
  }
}
