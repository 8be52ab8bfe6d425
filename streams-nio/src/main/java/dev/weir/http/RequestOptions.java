package dev.weir.http;

import static dev.weir.errors.ErrorCode.ERR_INVALID_PROTOCOL;
import static dev.weir.errors.ErrorCode.ERR_INVALID_URL;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@link Http#request(RequestOptions, dev.weir.events.Listener1)}; Node's
 * {@code http.request(options)}: {@code method}, {@code host}, {@code port}, {@code path},
 * {@code headers}, {@code agent}, {@code timeout}. Fluent.
 */
public final class RequestOptions {
  String method = "GET";
  String host = "localhost";
  int port = 80;
  String path = "/";
  final Map<String, Object> headers = new LinkedHashMap<>();
  Agent agent;
  boolean noAgent;
  long timeout;
  boolean setHost = true;

  /** Node's {@code method} (default GET). */
  public RequestOptions method(String method) {
    this.method = method;
    return this;
  }

  /** Node's {@code host}/{@code hostname} (default localhost). */
  public RequestOptions host(String host) {
    this.host = host;
    return this;
  }

  /** Node's {@code port} (default 80). */
  public RequestOptions port(int port) {
    this.port = port;
    return this;
  }

  /** Node's {@code path}: the request target with its query (default {@code /}). */
  public RequestOptions path(String path) {
    this.path = path;
    return this;
  }

  /** One request header (Node's {@code headers} object, entry by entry). */
  public RequestOptions header(String name, Object value) {
    headers.put(name, value);
    return this;
  }

  /** Node's {@code headers}. */
  public RequestOptions headers(Map<String, ?> headers) {
    this.headers.putAll(headers);
    return this;
  }

  /** Node's {@code agent}: a specific {@link Agent} (default: the loop's global agent). */
  public RequestOptions agent(Agent agent) {
    this.agent = agent;
    this.noAgent = false;
    return this;
  }

  /** Node's {@code agent: false}: a fresh connection, closed after the response. */
  public RequestOptions noAgent() {
    this.agent = null;
    this.noAgent = true;
    return this;
  }

  /** Node's {@code timeout}: the socket idle timeout in ms, emitting 'timeout' on the request. */
  public RequestOptions timeout(long ms) {
    this.timeout = ms;
    return this;
  }

  /** Node's {@code setHost} (default true): send a {@code Host} header. */
  public RequestOptions setHost(boolean setHost) {
    this.setHost = setHost;
    return this;
  }

  /** Options from an {@code http://} URL: host, port and path (with query). */
  public static RequestOptions fromUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ERR_INVALID_URL.errorWithCause(e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw ERR_INVALID_URL.error();
    }
    if (!uri.getScheme().equalsIgnoreCase("http")) {
      throw ERR_INVALID_PROTOCOL.error(uri.getScheme() + ":");
    }
    RequestOptions o = new RequestOptions().host(uri.getHost())
        .port(uri.getPort() < 0 ? 80 : uri.getPort());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    return o.path(path);
  }
}
