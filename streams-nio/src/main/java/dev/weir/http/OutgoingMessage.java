package dev.weir.http;

import static dev.weir.errors.ErrorCode.ERR_HTTP_HEADERS_SENT;
import static dev.weir.errors.ErrorCode.ERR_INVALID_CHAR;
import static dev.weir.errors.ErrorCode.ERR_INVALID_HTTP_TOKEN;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener0;
import dev.weir.net.FileRegionSink;
import dev.weir.net.Socket;
import dev.weir.stream.Callback;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableChunk;
import dev.weir.stream.WritableOptions;
import dev.weir.stream.WritableStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link ServerResponse} and {@link ClientRequest} share: headers, framing
 * ({@code Content-Length} or chunked) and writing through the socket with its backpressure;
 * mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpoutgoingmessage">http.OutgoingMessage</a>.
 * A {@link Writable} of bytes (strings accepted): {@code write()} returns false when the socket
 * cannot keep up, and {@code 'drain'} follows.
 */
public abstract class OutgoingMessage extends Writable<Buffer> implements FileRegionSink {
  private static final Buffer CRLF = Buffer.from("\r\n");
  private static final Buffer LAST_CHUNK = Buffer.from("0\r\n\r\n");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
  /** The formatted Date of the current second, shared by every response (Node caches it too). */
  private static volatile CachedDate cachedDate = new CachedDate(Long.MIN_VALUE, "");

  private record CachedDate(long second, String value) {}

  /** Today's HTTP date, formatted once per second. */
  static String httpDate() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate cached = cachedDate;
    if (cached.second() != second) {
      cached = new CachedDate(second,
          HTTP_DATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second),
              ZoneOffset.UTC)));
      cachedDate = cached;
    }
    return cached.value();
  }

  /** Lower-cased name to {@code [name as set, value]}. */
  private final Map<String, Object[]> headers = new LinkedHashMap<>();
  Socket socket;
  /** The encoded start line and headers, once decided (Node's {@code _header}). */
  private Buffer header;
  private boolean headerFlushed;
  boolean chunkedEncoding;
  /** Whether this message may have a body at all (not for HEAD, 204, 304). */
  boolean hasBody = true;
  boolean shouldKeepAlive = true;
  boolean sendDate;
  /** The whole body when {@code end(data)} is the first write (Content-Length known). */
  private long knownLength = -1;
  private long bodyBytes;
  private Callback drainWaiter;
  private final Listener0 onSocketDrain = this::onSocketDrain;

  OutgoingMessage() {
    super(new WritableOptions<>());
  }

  /** For a client request, which stays open until its response ended (Node's 'close'). */
  OutgoingMessage(boolean autoDestroy) {
    super(new WritableOptions<Buffer>().autoDestroy(autoDestroy));
  }

  // ---- headers ------------------------------------------------------------------------------

  /** Node's {@code setHeader(name, value)}: value a String, a Number or a List of strings. */
  public OutgoingMessage setHeader(String name, Object value) {
    loop().checkInLoop();
    if (header != null) {
      throw ERR_HTTP_HEADERS_SENT.error("set");
    }
    String text = validateHeader(name, value);
    headers.put(lowerCase(name), new Object[] {name, value, text});
    return this;
  }

  /**
   * Checks a header; returns the value's text, or null for a list (each element is checked).
   */
  static String validateHeader(String name, Object value) {
    if (name == null || name.isEmpty() || !isToken(name)) {
      throw ERR_INVALID_HTTP_TOKEN.error("Header name", name);
    }
    if (value == null) {
      throw dev.weir.errors.ErrorCode.ERR_HTTP_INVALID_HEADER_VALUE.error("undefined", name);
    }
    if (value instanceof List) {
      for (Object v : (List<?>) value) {
        checkValue(name, String.valueOf(v));
      }
      return null;
    }
    String text = String.valueOf(value);
    checkValue(name, text);
    return text;
  }

  /** Lower-cased names of common response headers, so setting them allocates no new name. */
  private static final Map<String, String> COMMON_NAMES;

  static {
    Map<String, String> m = new java.util.HashMap<>();
    for (String n : new String[] {"Accept-Ranges", "Age", "Allow", "Cache-Control", "Connection",
        "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
        "Content-Location", "Content-Range", "Content-Security-Policy", "Content-Type", "Date",
        "ETag", "Expires", "Keep-Alive", "Last-Modified", "Link", "Location", "Retry-After",
        "Server", "Set-Cookie", "Strict-Transport-Security", "Transfer-Encoding", "Vary",
        "WWW-Authenticate", "X-Content-Type-Options", "X-Frame-Options", "Accept",
        "Accept-Encoding", "Authorization", "Cookie", "Host", "User-Agent"}) {
      m.put(n, n.toLowerCase(Locale.ROOT));
    }
    COMMON_NAMES = Map.copyOf(m);
  }

  private static String lowerCase(String name) {
    String lower = COMMON_NAMES.get(name);
    return lower != null ? lower : name.toLowerCase(Locale.ROOT);
  }

  private static void checkValue(String name, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        throw ERR_INVALID_CHAR.error("header content", name);
      }
    }
  }

  /** RFC 9110 tchar: letters, digits and {@code !#$%&'*+-.^_`|~}. */
  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }

  static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !TOKEN[c]) {
        return false;
      }
    }
    return true;
  }

  /** Node's {@code getHeader(name)}: as set, or null. */
  public Object getHeader(String name) {
    Object[] entry = headers.get(lowerCase(name));
    return entry == null ? null : entry[1];
  }

  /** Node's {@code getHeaders()}: lower-cased names to values. */
  public Map<String, Object> getHeaders() {
    Map<String, Object> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, v[1]));
    return Collections.unmodifiableMap(copy);
  }

  /** Node's {@code getHeaderNames()}: lower-cased. */
  public List<String> getHeaderNames() {
    return List.copyOf(headers.keySet());
  }

  /** Node's {@code hasHeader(name)}. */
  public boolean hasHeader(String name) {
    return headers.containsKey(lowerCase(name));
  }

  /** Node's {@code removeHeader(name)}. */
  public void removeHeader(String name) {
    loop().checkInLoop();
    if (header != null) {
      throw ERR_HTTP_HEADERS_SENT.error("remove");
    }
    headers.remove(lowerCase(name));
  }

  /** Node's {@code headersSent}: the header block is decided (and goes out first). */
  public boolean headersSent() {
    return header != null;
  }

  /** Node's {@code socket}; null for a client request not yet assigned one. */
  public Socket socket() {
    return socket;
  }

  /** The start line, without CRLF ({@code "HTTP/1.1 200 OK"} or {@code "GET / HTTP/1.1"}). */
  abstract String startLine();

  /** Whether the peer understands chunked framing (HTTP/1.1). */
  abstract boolean peerIsHttp11();

  /** Whether a response may be framed by closing the connection (requests may not). */
  abstract boolean canCloseDelimit();

  /**
   * A client request has no socket until its agent assigns one: runs {@code task} then and
   * returns true. Responses always have their socket.
   */
  boolean deferUntilSocket(dev.weir.loop.Task task) {
    return false;
  }

  /**
   * Node's {@code useChunkedEncodingByDefault}: false for requests whose method normally has no
   * body (GET, HEAD, DELETE, OPTIONS, TRACE, CONNECT), which then get no framing header.
   */
  boolean useChunkedEncodingByDefault() {
    return true;
  }

  /** Node's {@code _implicitHeader}/{@code _storeHeader}: decides framing, encodes headers. */
  final void storeHeader(boolean ending) {
    if (header != null) {
      return;
    }
    String userLength = headerValue("content-length");
    String userTe = headerValue("transfer-encoding");
    String userConnection = headerValue("connection");
    if (userConnection != null && userConnection.toLowerCase(Locale.ROOT).contains("close")) {
      shouldKeepAlive = false;
    }
    // The framing header this message adds (Node's _storeHeader), or null.
    String framing = null;
    if (hasBody) {
      if (userTe != null) {
        chunkedEncoding = userTe.toLowerCase(Locale.ROOT).trim().endsWith("chunked");
      } else if (userLength == null) {
        if (!useChunkedEncodingByDefault() && knownLength <= 0 && bodyBytes == 0 && ending) {
          // Node: a GET without a body carries no Content-Length or Transfer-Encoding.
          hasBody = false;
        } else if (knownLength >= 0 || (ending && bodyBytes == 0)) {
          framing = "Content-Length: " + Math.max(knownLength, 0) + "\r\n";
        } else if (peerIsHttp11()) {
          chunkedEncoding = true;
          framing = "Transfer-Encoding: chunked\r\n";
        } else if (canCloseDelimit()) {
          shouldKeepAlive = false;
        } else {
          chunkedEncoding = true;
          framing = "Transfer-Encoding: chunked\r\n";
        }
      }
    }
    String start = startLine();
    String date = sendDate && !headers.containsKey("date") ? httpDate() : null;
    String connection = userConnection != null ? null
        : shouldKeepAlive ? connectionKeepAliveHeader() : "Connection: close\r\n";
    // Measure, then encode into one array of the exact size: no builder growth, no copies.
    int size = start.length() + 2;
    for (Object[] entry : headers.values()) {
      int nameLength = ((String) entry[0]).length();
      if (entry[2] != null) {
        size += nameLength + 4 + ((String) entry[2]).length();
      } else {
        for (Object v : (List<?>) entry[1]) {
          size += nameLength + 4 + String.valueOf(v).length();
        }
      }
    }
    if (date != null) {
      size += 8 + date.length();
    }
    if (connection != null) {
      size += connection.length();
    }
    if (framing != null) {
      size += framing.length();
    }
    size += 2;
    byte[] out = new byte[size];
    int at = putLine(out, 0, start);
    for (Object[] entry : headers.values()) {
      String name = (String) entry[0];
      if (entry[2] != null) {
        at = putHeader(out, at, name, (String) entry[2]);
      } else {
        for (Object v : (List<?>) entry[1]) {
          at = putHeader(out, at, name, String.valueOf(v));
        }
      }
    }
    if (date != null) {
      at = putHeader(out, at, "Date", date);
    }
    if (connection != null) {
      at = put(out, at, connection);
    }
    if (framing != null) {
      at = put(out, at, framing);
    }
    put(out, at, "\r\n");
    header = Buffer.wrap(out);
  }

  private static int putHeader(byte[] out, int at, String name, String value) {
    at = put(out, at, name);
    out[at++] = ':';
    out[at++] = ' ';
    return putLine(out, at, value);
  }

  private static int putLine(byte[] out, int at, String s) {
    at = put(out, at, s);
    out[at++] = '\r';
    out[at++] = '\n';
    return at;
  }

  /** Latin-1 (validated: no char above 0xff) into {@code out} at {@code at}. */
  private static int put(byte[] out, int at, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      out[at + i] = (byte) s.charAt(i);
    }
    return at + s.length();
  }

  /** The Connection header of a kept-alive message. */
  String connectionKeepAliveHeader() {
    return "Connection: keep-alive\r\n";
  }

  private String headerValue(String lowerName) {
    Object[] entry = headers.get(lowerName);
    if (entry == null) {
      return null;
    }
    if (entry[2] != null) {
      return (String) entry[2];
    }
    return String.join(", ", ((List<?>) entry[1]).stream().map(String::valueOf).toList());
  }

  /** Node's {@code flushHeaders()}: sends the header block now. */
  public void flushHeaders() {
    loop().checkInLoop();
    storeHeader(false);
    if (socket != null && !headerFlushed && !destroyed()) {
      headerFlushed = true;
      socket.write(header);
    }
  }

  // ---- body -----------------------------------------------------------------------------------

  @Override
  protected void _write(Buffer chunk, String encoding, Callback callback) throws Exception {
    writeBody(List.of(chunk), chunk.length(), callback);
  }

  @Override
  protected void _writev(List<WritableChunk<Buffer>> chunks, Callback callback)
      throws Exception {
    List<Buffer> buffers = new ArrayList<>(chunks.size());
    long total = 0;
    for (WritableChunk<Buffer> c : chunks) {
      buffers.add(c.chunk());
      total += c.chunk().length();
    }
    writeBody(buffers, total, callback);
  }

  private void writeBody(List<Buffer> buffers, long total, Callback callback) throws Exception {
    if (socket == null && deferUntilSocket(() -> writeBody(buffers, total, callback))) {
      return;
    }
    storeHeader(false);
    if (socket == null || socket.destroyed()) {
      peerGone(callback, "write");
      return;
    }
    if (!hasBody || total == 0) {
      if (!headerFlushed) {
        headerFlushed = true;
        socket.write(header);
      }
      callback.done(null);
      return;
    }
    bodyBytes += total;
    socket.cork();
    if (!headerFlushed) {
      headerFlushed = true;
      socket.write(header);
    }
    if (chunkedEncoding) {
      socket.write(Long.toHexString(total) + "\r\n", "latin1");
    }
    boolean ok = true;
    for (Buffer b : buffers) {
      ok = socket.write(b);
    }
    if (chunkedEncoding) {
      ok = socket.write(CRLF);
    }
    socket.uncork();
    if (ok || socket.writableLength() == 0) {
      callback.done(null);
    } else {
      waitForDrain(callback);
    }
  }

  private void waitForDrain(Callback callback) {
    if (drainWaiter == null) {
      socket.on("drain", onSocketDrain);
    }
    drainWaiter = callback;
  }

  private void onSocketDrain() throws Exception {
    Callback cb = drainWaiter;
    if (cb != null) {
      drainWaiter = null;
      socket.removeListener("drain", onSocketDrain);
      cb.done(null);
    }
  }

  /** The socket closed under us: fail a write waiting for 'drain'. */
  void socketClosed() throws Exception {
    Callback cb = drainWaiter;
    if (cb != null) {
      drainWaiter = null;
      peerGone(cb, "write");
    }
  }

  /**
   * The connection is gone (a client that went away mid-response): as in Node, the message is
   * destroyed without an {@code 'error'} event — only the pending write callback learns
   * {@code ERR_STREAM_DESTROYED} — so a server needs no error listener for it.
   */
  private void peerGone(Callback callback, String operation) throws Exception {
    if (!destroyed()) {
      destroy();
    }
    callback.done(ERR_STREAM_DESTROYED.error(operation));
  }

  @Override
  protected void _final(Callback callback) throws Exception {
    if (socket == null && deferUntilSocket(() -> _final(callback))) {
      return;
    }
    storeHeader(true);
    if (socket == null || socket.destroyed()) {
      peerGone(callback, "end");
      return;
    }
    boolean needHeader = !headerFlushed;
    boolean needLast = hasBody && chunkedEncoding;
    if (!needHeader && !needLast) {
      // Node: 'finish' once everything was handed to the socket.
      if (socket.writableLength() == 0) {
        callback.done(null);
      } else {
        socket.write(Buffer.alloc(0), callback);
      }
      return;
    }
    headerFlushed = true;
    if (needHeader && needLast) {
      socket.cork();
      socket.write(header);
      socket.write(LAST_CHUNK, callback);
      socket.uncork();
    } else {
      socket.write(needHeader ? header : LAST_CHUNK, callback);
    }
  }

  /**
   * Records that {@code body} is the whole body ({@code end(data)} before any write), so the
   * header can carry its {@code Content-Length} instead of chunked framing.
   */
  void wholeBody(long length) {
    if (header == null && writableLength() == 0 && bodyBytes == 0 && !writableEnded()) {
      knownLength = length;
    }
  }

  @Override
  public WritableStream<Buffer> end(Buffer chunk, Callback callback) {
    if (chunk != null) {
      wholeBody(chunk.length());
    }
    return super.end(chunk, callback);
  }

  @Override
  public WritableStream<Buffer> end(Buffer chunk) {
    return end(chunk, (Callback) null);
  }

  @Override
  public WritableStream<Buffer> end(CharSequence chunk, String encoding, Callback callback) {
    if (chunk == null) {
      return super.end(callback);
    }
    return end(Buffer.from(chunk.toString(), encoding), callback);
  }

  @Override
  public WritableStream<Buffer> end(CharSequence chunk) {
    return end(chunk, null, null);
  }

  @Override
  public WritableStream<Buffer> end(CharSequence chunk, String encoding) {
    return end(chunk, encoding, null);
  }

  @Override
  public WritableStream<Buffer> end(CharSequence chunk, Callback callback) {
    return end(chunk, null, callback);
  }

  // ---- zero-copy bodies ---------------------------------------------------------------------

  /**
   * Sends a file region as body bytes without copying them through the heap (a Weir
   * extension, used by a {@link dev.weir.fs.ReadStream} piped alone into this message): only for
   * a body framed by {@code Content-Length} (or by closing the connection) — a chunked body,
   * a message without a body, or one with writes still queued returns false and the bytes are
   * written as usual. The headers go out first; see {@link Socket#sendFile}.
   */
  @Override
  public boolean sendFile(java.nio.channels.FileChannel file, long position, long count,
      Socket.SendFileCallback callback) {
    loop().checkInLoop();
    if (socket == null || socket.destroyed() || destroyed() || writableEnded()
        || writableLength() > 0) {
      return false;
    }
    storeHeader(false);
    if (!hasBody || chunkedEncoding) {
      return false;
    }
    if (!headerFlushed) {
      headerFlushed = true;
      socket.write(header);
    }
    return socket.sendFile(file, position, count, (err, sent) -> {
      bodyBytes += sent;
      callback.done(err, sent);
    });
  }

  @Override
  public boolean cancelSendFile() {
    loop().checkInLoop();
    return socket != null && socket.cancelSendFile();
  }
}
