package dev.weir.http;

import dev.weir.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * One incremental HTTP/1.x message parser for requests (server) and responses (client): an
 * explicit state machine fed chunk by chunk, so any split of the bytes gives the same events.
 * Strict as RFC 9112 and llhttp's defaults: CRLF line ends, token methods and header names, no
 * obsolete line folding, no control characters in values, no request smuggling shapes
 * (Content-Length with Transfer-Encoding, differing duplicate lengths, a Transfer-Encoding whose
 * last coding is not chunked). Errors carry llhttp's codes ({@link HttpParseException}), checked
 * against node 20. Unlike llhttp, a request line must say HTTP/1.0 or HTTP/1.1 (node accepts
 * 0.9 and 2.0 there).
 *
 * <p>Per message the handler sees: a start line, header pairs, headers complete (which decides
 * whether a body follows), body slices (views of the input, not copies) and message complete.
 * After each complete message the parser stops, so the caller decides when the next one on the
 * connection may begin ({@link #resume()}).
 */
final class HttpParser {
  /** What the parser reports. */
  interface Handler {
    /** A request line. */
    void onRequestLine(String method, String url, int major, int minor);

    /** A status line (responses). */
    void onStatusLine(int major, int minor, int status, String reason);

    /** One header field, name as sent. */
    void onHeader(String name, String value);

    /**
     * The header block ended. Return true when no body must be read even if the headers announce
     * one (a response to HEAD).
     */
    boolean onHeadersComplete() throws Exception;

    /** A body slice; it shares the input's memory and is only valid during this call. */
    void onBody(Buffer data) throws Exception;

    /** The message (and its trailers) ended. */
    void onMessageComplete() throws Exception;
  }

  enum Mode { REQUEST, RESPONSE }

  private enum State {
    START, METHOD, URL, REQ_VERSION, REQ_LINE_LF,
    RES_VERSION, RES_STATUS, RES_REASON, RES_LINE_LF,
    HEADER_START, HEADER_NAME, HEADER_VALUE, HEADER_LF, HEADERS_END_LF,
    BODY_LENGTH, BODY_EOF,
    CHUNK_SIZE, CHUNK_EXT_NAME_START, CHUNK_EXT_NAME, CHUNK_EXT_VALUE_START, CHUNK_EXT_VALUE,
    CHUNK_EXT_QUOTED, CHUNK_EXT_QUOTED_ESCAPE, CHUNK_EXT_QUOTED_END,
    CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF,
    TRAILER_START, TRAILER_NAME, TRAILER_VALUE, TRAILER_LF, TRAILERS_END_LF,
    DONE, ERROR
  }

  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
      "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
      "UNLOCK", "SEARCH", "PURGE", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH",
      "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "LINK", "UNLINK", "QUERY", "SOURCE", "BIND",
      "UNBIND", "REBIND", "ACL", "MKCALENDAR");

  private final Mode mode;
  private final Handler handler;
  private final int maxHeaderSize;
  private State state = State.START;
  /** The bytes of the token or line being read. */
  private byte[] token = new byte[128];
  private int tokenLength;
  private String method;
  private String url;
  private int major;
  private int minor;
  private int status;
  private String headerName;
  /** Bytes of start line and headers so far, checked against {@link #maxHeaderSize}. */
  private int headerBytes;
  private long contentLength;
  private boolean sawContentLength;
  private boolean sawTransferEncoding;
  private boolean chunked;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private boolean upgrade;
  private long remaining;
  private boolean paused;
  private boolean requestWasHead;

  HttpParser(Mode mode, int maxHeaderSize, Handler handler) {
    this.mode = mode;
    this.maxHeaderSize = maxHeaderSize;
    this.handler = handler;
  }

  // ---- the message just parsed --------------------------------------------------------------

  String method() {
    return method;
  }

  int major() {
    return major;
  }

  int minor() {
    return minor;
  }

  /** Whether the connection may carry another message after this one (RFC 9112 §9.3). */
  boolean shouldKeepAlive() {
    if (major == 1 && minor == 0) {
      return connectionKeepAlive && !connectionClose && !needsEof();
    }
    return !connectionClose && !needsEof();
  }

  boolean isChunked() {
    return chunked;
  }

  /** Whether the start of the current message has been seen (for timeouts and errors). */
  boolean inMessage() {
    return state != State.START && state != State.DONE;
  }

  boolean isDone() {
    return state == State.DONE;
  }

  /** For the client: the request this response answers was HEAD (so no body). */
  void expectResponseToHead(boolean head) {
    this.requestWasHead = head;
  }

  /** After a complete message, allows the next one to start. */
  void resume() {
    if (state == State.DONE) {
      reset();
    }
    paused = false;
  }

  private void reset() {
    state = State.START;
    tokenLength = 0;
    method = null;
    url = null;
    major = 0;
    minor = 0;
    status = 0;
    headerName = null;
    headerBytes = 0;
    contentLength = 0;
    sawContentLength = false;
    sawTransferEncoding = false;
    chunked = false;
    connectionClose = false;
    connectionKeepAlive = false;
    upgrade = false;
    remaining = 0;
  }

  /** A response body that lasts until the connection closes (no length, not chunked). */
  private boolean needsEof() {
    return mode == Mode.RESPONSE && !chunked && !sawContentLength && !noBodyStatus()
        && !requestWasHead;
  }

  private boolean noBodyStatus() {
    return (status >= 100 && status < 200) || status == 204 || status == 304;
  }

  // ---- feeding --------------------------------------------------------------------------------

  /**
   * Parses from {@code data[offset..]}; returns how many bytes were consumed. Stops after a
   * complete message (the rest waits for {@link #resume()}).
   */
  int execute(Buffer data, int offset) throws Exception {
    int length = data.length();
    int p = offset;
    while (p < length && !paused) {
      switch (state) {
        case BODY_LENGTH -> {
          int n = (int) Math.min(remaining, length - p);
          remaining -= n;
          Buffer slice = data.subarray(p, p + n);
          p += n;
          handler.onBody(slice);
          if (remaining == 0) {
            complete();
          }
        }
        case BODY_EOF -> {
          Buffer slice = data.subarray(p, length);
          p = length;
          handler.onBody(slice);
        }
        case CHUNK_DATA -> {
          int n = (int) Math.min(remaining, length - p);
          remaining -= n;
          Buffer slice = data.subarray(p, p + n);
          p += n;
          handler.onBody(slice);
          if (remaining == 0) {
            state = State.CHUNK_DATA_CR;
          }
        }
        case DONE -> {
          paused = true;
        }
        case ERROR -> throw new IllegalStateException("parser used after an error");
        default -> {
          byteStep(data.get(p) & 0xff);
          p++;
        }
      }
    }
    return p - offset;
  }

  /** The connection ended: completes a read-until-close body, or reports a truncated one. */
  void finish() throws Exception {
    if (state == State.BODY_EOF) {
      complete();
    } else if (inMessage()) {
      throw fail("HPE_INVALID_EOF_STATE", "Invalid EOF state", 400);
    }
  }

  private void complete() throws Exception {
    state = State.DONE;
    paused = true;
    handler.onMessageComplete();
  }

  private HttpParseException fail(String code, String reason, int status) {
    state = State.ERROR;
    return new HttpParseException(code, reason, status);
  }

  private void addToken(int b) {
    if (tokenLength == token.length) {
      token = java.util.Arrays.copyOf(token, token.length * 2);
    }
    token[tokenLength++] = (byte) b;
  }

  private String takeToken() {
    String s = new String(token, 0, tokenLength, StandardCharsets.ISO_8859_1);
    tokenLength = 0;
    return s;
  }

  private void countHeaderByte() {
    if (++headerBytes > maxHeaderSize) {
      throw fail("HPE_HEADER_OVERFLOW", "Header overflow", 431);
    }
  }

  private static boolean isTchar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*'
        || c == '+' || c == '-' || c == '.' || c == '^' || c == '_' || c == '`' || c == '|'
        || c == '~';
  }

  private static boolean isFieldValueByte(int c) {
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  }

  private static int hexValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** One byte of a start line, header block, chunk framing or trailer. */
  private void byteStep(int c) throws Exception {
    switch (state) {
      case START -> {
        if (mode == Mode.REQUEST) {
          // RFC 9112 §2.2: ignore at least one empty line before a request.
          if (c == '\r' || c == '\n') {
            return;
          }
          state = State.METHOD;
        } else {
          state = State.RES_VERSION;
        }
        byteStep(c);
      }
      case METHOD -> {
        countHeaderByte();
        if (c == ' ') {
          method = takeToken();
          if (!METHODS.contains(method)) {
            throw fail("HPE_INVALID_METHOD", "Invalid method encountered", 400);
          }
          state = State.URL;
        } else if (c >= 'A' && c <= 'Z' || c == '-') {
          addToken(c);
        } else {
          throw fail("HPE_INVALID_METHOD", "Invalid method encountered", 400);
        }
      }
      case URL -> {
        countHeaderByte();
        if (c == ' ') {
          if (tokenLength == 0) {
            return; // llhttp skips extra spaces before the target ("GET  / HTTP/1.1").
          }
          url = takeToken();
          state = State.REQ_VERSION;
        } else if (c > 0x20 && c < 0x7f) {
          addToken(c);
        } else {
          throw fail("HPE_INVALID_URL", "Invalid characters in url", 400);
        }
      }
      case REQ_VERSION, RES_VERSION -> {
        countHeaderByte();
        boolean request = state == State.REQ_VERSION;
        if (tokenLength < 5 && c != "HTTP/".charAt(tokenLength)) {
          throw fail("HPE_INVALID_CONSTANT", "Expected HTTP/", 400);
        }
        if ((request && c == '\r') || (!request && c == ' ')) {
          parseVersion(takeToken());
          state = request ? State.REQ_LINE_LF : State.RES_STATUS;
        } else if (c > 0x20 && c < 0x7f && tokenLength < 8) {
          addToken(c);
        } else {
          throw fail("HPE_INVALID_VERSION", "Invalid HTTP version", 400);
        }
      }
      case REQ_LINE_LF, RES_LINE_LF -> {
        countHeaderByte();
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after request line", 400);
        }
        if (state == State.REQ_LINE_LF) {
          handler.onRequestLine(method, url, major, minor);
        }
        state = State.HEADER_START;
      }
      case RES_STATUS -> {
        countHeaderByte();
        if (c >= '0' && c <= '9' && tokenLength < 3) {
          addToken(c);
        } else if ((c == ' ' || c == '\r') && tokenLength == 3) {
          status = Integer.parseInt(takeToken());
          if (status < 100) {
            throw fail("HPE_INVALID_STATUS", "Invalid status code", 400);
          }
          if (c == '\r') {
            handler.onStatusLine(major, minor, status, "");
            state = State.RES_LINE_LF;
          } else {
            state = State.RES_REASON;
          }
        } else {
          throw fail("HPE_INVALID_STATUS", "Invalid status code", 400);
        }
      }
      case RES_REASON -> {
        countHeaderByte();
        if (c == '\r') {
          handler.onStatusLine(major, minor, status, takeToken());
          state = State.RES_LINE_LF;
        } else if (isFieldValueByte(c)) {
          addToken(c);
        } else {
          throw fail("HPE_INVALID_STATUS", "Invalid response status", 400);
        }
      }
      case HEADER_START -> {
        countHeaderByte();
        if (c == '\r') {
          state = State.HEADERS_END_LF;
        } else if (c == ' ' || c == '\t') {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value "
              + "(obsolete line folding)", 400);
        } else if (isTchar(c)) {
          addToken(c);
          state = State.HEADER_NAME;
        } else {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid header token", 400);
        }
      }
      case HEADER_NAME -> {
        countHeaderByte();
        if (c == ':') {
          headerName = takeToken();
          state = State.HEADER_VALUE;
        } else if (isTchar(c)) {
          addToken(c);
        } else {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid header token", 400);
        }
      }
      case HEADER_VALUE -> {
        countHeaderByte();
        if (c == '\r') {
          state = State.HEADER_LF;
        } else if (isFieldValueByte(c)) {
          if (tokenLength > 0 || (c != ' ' && c != '\t')) {
            addToken(c);
          }
        } else if (c == '\n') {
          throw fail("HPE_CR_EXPECTED", "Missing expected CR after header value", 400);
        } else {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid header value char", 400);
        }
      }
      case HEADER_LF -> {
        countHeaderByte();
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after header value", 400);
        }
        int end = tokenLength;
        while (end > 0 && (token[end - 1] == ' ' || token[end - 1] == '\t')) {
          end--;
        }
        tokenLength = end;
        String value = takeToken();
        onHeader(headerName, value);
        state = State.HEADER_START;
      }
      case HEADERS_END_LF -> {
        countHeaderByte();
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after headers", 400);
        }
        headersComplete();
      }
      case CHUNK_SIZE -> {
        int v = hexValue(c);
        if (v >= 0) {
          if (remaining > (Long.MAX_VALUE >> 4)) {
            throw fail("HPE_INVALID_CHUNK_SIZE", "Chunk size overflow", 400);
          }
          remaining = remaining * 16 + v;
          tokenLength++;
        } else if (tokenLength == 0) {
          throw fail("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", 400);
        } else if (c == ';') {
          state = State.CHUNK_EXT_NAME_START;
          tokenLength = 0;
        } else if (c == '\r') {
          state = State.CHUNK_SIZE_LF;
        } else {
          throw fail("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", 400);
        }
      }
      // chunk-ext = *( ";" ext-name [ "=" ( token / quoted-string ) ] ), strictly, as llhttp:
      // no whitespace, bounded in size; anything else is HPE_STRICT.
      case CHUNK_EXT_NAME_START, CHUNK_EXT_NAME, CHUNK_EXT_VALUE_START, CHUNK_EXT_VALUE,
          CHUNK_EXT_QUOTED, CHUNK_EXT_QUOTED_ESCAPE, CHUNK_EXT_QUOTED_END -> chunkExtension(c);
      case CHUNK_SIZE_LF -> {
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after chunk size", 400);
        }
        tokenLength = 0;
        if (remaining == 0) {
          state = State.TRAILER_START;
          headerBytes = 0;
        } else {
          state = State.CHUNK_DATA;
        }
      }
      case CHUNK_DATA_CR -> {
        if (c != '\r') {
          throw fail("HPE_STRICT", "Expected CR after chunk data", 400);
        }
        state = State.CHUNK_DATA_LF;
      }
      case CHUNK_DATA_LF -> {
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Expected LF after chunk data", 400);
        }
        state = State.CHUNK_SIZE;
        remaining = 0;
        tokenLength = 0;
      }
      case TRAILER_START -> {
        countHeaderByte();
        if (c == '\r') {
          state = State.TRAILERS_END_LF;
        } else if (isTchar(c)) {
          state = State.TRAILER_NAME;
        } else {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid trailer token", 400);
        }
      }
      case TRAILER_NAME -> {
        countHeaderByte();
        if (c == ':') {
          state = State.TRAILER_VALUE;
        } else if (!isTchar(c)) {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid trailer token", 400);
        }
      }
      case TRAILER_VALUE -> {
        countHeaderByte();
        if (c == '\r') {
          state = State.TRAILER_LF;
        } else if (c == '\n') {
          throw fail("HPE_CR_EXPECTED", "Missing expected CR after trailer value", 400);
        } else if (!isFieldValueByte(c)) {
          throw fail("HPE_INVALID_HEADER_TOKEN", "Invalid trailer value char", 400);
        }
      }
      case TRAILER_LF -> {
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after trailer", 400);
        }
        state = State.TRAILER_START;
      }
      case TRAILERS_END_LF -> {
        if (c != '\n') {
          throw fail("HPE_LF_EXPECTED", "Missing expected LF after trailers", 400);
        }
        complete();
      }
      default -> throw new IllegalStateException("unexpected parser state " + state);
    }
  }

  private void chunkExtension(int c) {
    if (++tokenLength > 1024) {
      throw fail("HPE_STRICT", "Chunk extensions too long", 400);
    }
    State next = switch (state) {
      case CHUNK_EXT_NAME_START -> isTchar(c) ? State.CHUNK_EXT_NAME : null;
      case CHUNK_EXT_NAME -> isTchar(c) ? State.CHUNK_EXT_NAME
          : c == '=' ? State.CHUNK_EXT_VALUE_START
          : c == ';' ? State.CHUNK_EXT_NAME_START : c == '\r' ? State.CHUNK_SIZE_LF : null;
      case CHUNK_EXT_VALUE_START -> isTchar(c) ? State.CHUNK_EXT_VALUE
          : c == '"' ? State.CHUNK_EXT_QUOTED : null;
      case CHUNK_EXT_VALUE -> isTchar(c) ? State.CHUNK_EXT_VALUE
          : c == ';' ? State.CHUNK_EXT_NAME_START : c == '\r' ? State.CHUNK_SIZE_LF : null;
      case CHUNK_EXT_QUOTED -> c == '"' ? State.CHUNK_EXT_QUOTED_END
          : c == '\\' ? State.CHUNK_EXT_QUOTED_ESCAPE
          : (c == '\t' || (c >= 0x20 && c != 0x7f)) ? State.CHUNK_EXT_QUOTED : null;
      case CHUNK_EXT_QUOTED_ESCAPE -> (c == '\t' || (c >= 0x20 && c != 0x7f))
          ? State.CHUNK_EXT_QUOTED : null;
      case CHUNK_EXT_QUOTED_END -> c == ';' ? State.CHUNK_EXT_NAME_START
          : c == '\r' ? State.CHUNK_SIZE_LF : null;
      default -> null;
    };
    if (next == null) {
      throw fail("HPE_STRICT", "Invalid character in chunk extensions", 400);
    }
    state = next;
  }

  private void parseVersion(String v) {
    if (v.length() != 8 || !v.startsWith("HTTP/") || v.charAt(6) != '.'
        || !Character.isDigit(v.charAt(5)) || !Character.isDigit(v.charAt(7))) {
      throw fail("HPE_INVALID_VERSION", "Invalid HTTP version", 400);
    }
    major = v.charAt(5) - '0';
    minor = v.charAt(7) - '0';
    if (major != 1 || minor > 1) {
      // Node answers every parse error but overflow and timeout with 400.
      throw fail("HPE_INVALID_VERSION", "Invalid HTTP version", 400);
    }
  }

  private void onHeader(String name, String value) {
    // Header names are matched without allocating a lower-cased copy.
    if (name.equalsIgnoreCase("content-length")) {
      if (sawTransferEncoding && mode == Mode.REQUEST) {
        throw fail("HPE_INVALID_CONTENT_LENGTH",
            "Content-Length can't be present with Transfer-Encoding", 400);
      }
      // llhttp rejects a second Content-Length even when it repeats the first (node 20 answers
      // "Content-Length: 1" twice with 400), so no list or duplicate can disagree downstream.
      if (sawContentLength) {
        throw fail("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length", 400);
      }
      long parsed = parseContentLength(value);
      sawContentLength = true;
      contentLength = parsed;
    } else if (name.equalsIgnoreCase("transfer-encoding")) {
      if (mode == Mode.REQUEST && sawContentLength) {
        throw fail("HPE_INVALID_TRANSFER_ENCODING",
            "Transfer-Encoding can't be present with Content-Length", 400);
      }
      if (mode == Mode.REQUEST && chunked) {
        // llhttp: nothing may follow a final chunked, not even a second "chunked" header.
        throw fail("HPE_INVALID_TRANSFER_ENCODING", "Request has invalid `Transfer-Encoding`",
            400);
      }
      sawTransferEncoding = true;
      String last = value;
      int comma = value.lastIndexOf(',');
      if (comma >= 0) {
        last = value.substring(comma + 1);
      }
      chunked = last.trim().equalsIgnoreCase("chunked");
      if (!chunked || value.toLowerCase(Locale.ROOT).indexOf("chunked")
          != value.toLowerCase(Locale.ROOT).lastIndexOf("chunked")) {
        if (mode == Mode.REQUEST) {
          throw fail("HPE_INVALID_TRANSFER_ENCODING",
              "Request has invalid `Transfer-Encoding`", 400);
        }
      }
    } else if (name.equalsIgnoreCase("connection")) {
      for (String token : value.split(",")) {
        String t = token.trim();
        if (t.equalsIgnoreCase("close")) {
          connectionClose = true;
        } else if (t.equalsIgnoreCase("keep-alive")) {
          connectionKeepAlive = true;
        } else if (t.equalsIgnoreCase("upgrade")) {
          upgrade = true;
        }
      }
    }
    handler.onHeader(name, value);
  }

  private long parseContentLength(String value) {
    if (value.isEmpty()) {
      throw fail("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length", 400);
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw fail("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length", 400);
      }
      if (n > (Long.MAX_VALUE - 9) / 10) {
        throw fail("HPE_INVALID_CONTENT_LENGTH", "Content-Length overflow", 400);
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private void headersComplete() throws Exception {
    if (sawContentLength && sawTransferEncoding) {
      if (mode == Mode.REQUEST) {
        throw fail("HPE_UNEXPECTED_CONTENT_LENGTH",
            "Content-Length can't be present with Transfer-Encoding", 400);
      }
      sawContentLength = false; // RFC 9112 §6.3: Transfer-Encoding wins in a response.
    }
    if (mode == Mode.REQUEST && sawTransferEncoding && !chunked) {
      throw fail("HPE_INVALID_TRANSFER_ENCODING", "Request has invalid `Transfer-Encoding`",
          400);
    }
    boolean skipBody = handler.onHeadersComplete();
    tokenLength = 0;
    if (mode == Mode.RESPONSE && (skipBody || requestWasHead || noBodyStatus())) {
      if (status >= 100 && status < 200 && status != 101) {
        // An interim response: the real one follows on the same connection.
        reset();
        return;
      }
      complete();
    } else if (chunked) {
      state = State.CHUNK_SIZE;
      remaining = 0;
    } else if (sawContentLength) {
      if (contentLength == 0) {
        complete();
      } else {
        remaining = contentLength;
        state = State.BODY_LENGTH;
      }
    } else if (needsEof()) {
      state = State.BODY_EOF;
    } else {
      complete();
    }
  }
}
