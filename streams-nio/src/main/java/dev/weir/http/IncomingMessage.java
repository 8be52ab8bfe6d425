package dev.weir.http;

import dev.weir.buffer.Buffer;
import dev.weir.net.Socket;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request received by a server, or a response received by a client, as a byte
 * {@link Readable} of its body; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpincomingmessage">http.IncomingMessage</a>.
 *
 * <p>The body honours backpressure: when nobody reads it and its buffer is full, the socket stops
 * reading, so a client uploading faster than the server consumes is slowed by TCP.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@link #headers()} maps lower-cased names to a {@code String}, except
 *       {@code set-cookie}, whose value is a {@code List<String>}, as in Node.</li>
 *   <li>No {@code trailers} (they are validated and dropped) and no {@code upgrade}.</li>
 * </ul>
 */
public final class IncomingMessage extends Readable<Buffer> {
  /** Headers whose duplicates Node discards (the first one wins). */
  private static final Set<String> SINGLE = Set.of("age", "authorization", "content-length",
      "content-type", "etag", "expires", "from", "host", "if-modified-since",
      "if-unmodified-since", "last-modified", "location", "max-forwards",
      "proxy-authorization", "referer", "retry-after", "server", "user-agent");

  private final Socket socket;
  private final Runnable onRead;
  final List<String> rawHeaders = new ArrayList<>();
  private Map<String, Object> headers;
  String method;
  String url;
  int httpVersionMajor;
  int httpVersionMinor;
  int statusCode;
  String statusMessage;
  boolean complete;
  boolean aborted;

  /**
   * @param onRead asks the connection for more body: resumes the socket (called from
   *     {@code _read})
   */
  IncomingMessage(Socket socket, Runnable onRead) {
    super(new ReadableOptions<>());
    this.socket = socket;
    this.onRead = onRead;
  }

  @Override
  protected void _read(int size) {
    onRead.run();
  }

  /**
   * Node's {@code IncomingMessage._destroy}: a message destroyed before it was complete emits
   * {@code 'aborted'} and takes its socket down; the error reaches {@code 'error'} only when
   * somebody listens, for backward compatibility as in Node.
   */
  @Override
  protected void _destroy(Throwable err, dev.weir.stream.Callback callback) throws Exception {
    if (!readableEnded() || !complete) {
      aborted = true;
      emit("aborted");
    }
    if (socket != null && !socket.destroyed() && aborted) {
      socket.destroy(err);
    }
    Throwable reported = listenerCount("error") > 0 ? err : null;
    loop().nextTick(() -> callback.done(reported));
  }

  /** Node's {@code message.method} (requests). */
  public String method() {
    return method;
  }

  /** Node's {@code message.url} (requests): the request target as sent. */
  public String url() {
    return url;
  }

  /** Node's {@code message.httpVersion}: {@code "1.1"} or {@code "1.0"}. */
  public String httpVersion() {
    return httpVersionMajor + "." + httpVersionMinor;
  }

  /** Node's {@code httpVersionMajor}. */
  public int httpVersionMajor() {
    return httpVersionMajor;
  }

  /** Node's {@code httpVersionMinor}. */
  public int httpVersionMinor() {
    return httpVersionMinor;
  }

  /** Node's {@code message.statusCode} (responses). */
  public int statusCode() {
    return statusCode;
  }

  /** Node's {@code message.statusMessage} (responses). */
  public String statusMessage() {
    return statusMessage;
  }

  /** Node's {@code message.socket}. */
  public Socket socket() {
    return socket;
  }

  /** Node's {@code message.complete}: the whole message was received and parsed. */
  public boolean complete() {
    return complete;
  }

  /** Node's {@code message.aborted} (deprecated there): the connection ended mid-message. */
  public boolean aborted() {
    return aborted;
  }

  /** Node's {@code message.rawHeaders}: names and values alternating, as received. */
  public List<String> rawHeaders() {
    return Collections.unmodifiableList(rawHeaders);
  }

  /**
   * Node's {@code message.headers}: lower-cased names; duplicates joined with {@code ", "}
   * ({@code "; "} for {@code cookie}), or dropped for single-valued headers, and
   * {@code set-cookie} as a {@code List<String>}.
   */
  public Map<String, Object> headers() {
    if (headers == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i + 1 < rawHeaders.size(); i += 2) {
        String name = rawHeaders.get(i).toLowerCase(Locale.ROOT);
        String value = rawHeaders.get(i + 1);
        Object existing = map.get(name);
        if (name.equals("set-cookie")) {
          @SuppressWarnings("unchecked")
          List<String> list = existing == null ? new ArrayList<>() : (List<String>) existing;
          list.add(value);
          map.put(name, list);
        } else if (existing == null) {
          map.put(name, value);
        } else if (!SINGLE.contains(name)) {
          map.put(name, existing + (name.equals("cookie") ? "; " : ", ") + value);
        }
      }
      headers = Collections.unmodifiableMap(map);
    }
    return headers;
  }

  /** One header by name, case-insensitively (a Weir convenience), as in {@link #headers()}. */
  @SuppressWarnings("unchecked")
  public String header(String name) {
    if (headers == null) {
      // Before anyone asked for the map: a header sent once (or not at all) is found by a scan
      // of the raw list, without building the map for every request.
      String found = null;
      boolean again = false;
      for (int i = 0; i + 1 < rawHeaders.size(); i += 2) {
        if (rawHeaders.get(i).equalsIgnoreCase(name)) {
          if (found != null) {
            again = true;
            break;
          }
          found = rawHeaders.get(i + 1);
        }
      }
      if (!again) {
        return found;
      }
    }
    Object v = headers().get(name.toLowerCase(Locale.ROOT));
    if (v instanceof List) {
      return String.join(", ", (List<String>) v);
    }
    return (String) v;
  }

  /** Node's {@code message.setTimeout(ms, callback)}: the socket's. */
  public IncomingMessage setTimeout(long ms, dev.weir.events.Listener0 callback) {
    socket.setTimeout(ms, callback);
    return this;
  }
}
