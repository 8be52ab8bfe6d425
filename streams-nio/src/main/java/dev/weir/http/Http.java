package dev.weir.http;

import dev.weir.events.Listener1;
import dev.weir.events.Listener2;

/**
 * Node's <a href="https://nodejs.org/docs/latest-v20.x/api/http.html">http</a> module functions:
 * {@code Http.createServer((req, res) -> ...)}, and the client's {@code Http.request} and
 * {@code Http.get}. Call them inside {@link dev.weir.loop.EventLoop#run}.
 */
public final class Http {
  private Http() {}

  /** Node's {@code http.createServer([requestListener])}. */
  public static Server createServer(Listener2<IncomingMessage, ServerResponse> requestListener) {
    return new Server(new HttpServerOptions(), requestListener);
  }

  /** Node's {@code http.createServer(options[, requestListener])}. */
  public static Server createServer(HttpServerOptions options,
      Listener2<IncomingMessage, ServerResponse> requestListener) {
    return new Server(options == null ? new HttpServerOptions() : options, requestListener);
  }

  /** Node's {@code http.createServer()}. */
  public static Server createServer() {
    return new Server(new HttpServerOptions(), null);
  }

  /** Node's {@code http.request(url[, callback])}: call {@code end()} to send it. */
  public static ClientRequest request(String url, Listener1<IncomingMessage> callback) {
    return new ClientRequest(RequestOptions.fromUrl(url), callback);
  }

  /** Node's {@code http.request(options[, callback])}: call {@code end()} to send it. */
  public static ClientRequest request(RequestOptions options,
      Listener1<IncomingMessage> callback) {
    return new ClientRequest(options, callback);
  }

  /** Node's {@code http.get(url[, callback])}: a GET that is already ended. */
  public static ClientRequest get(String url, Listener1<IncomingMessage> callback) {
    ClientRequest req = request(url, callback);
    req.end();
    return req;
  }

  /** Node's {@code http.get(options[, callback])}. */
  public static ClientRequest get(RequestOptions options, Listener1<IncomingMessage> callback) {
    ClientRequest req = request(options.method("GET"), callback);
    req.end();
    return req;
  }

  /** Node's {@code http.STATUS_CODES.get(code)}. */
  public static String statusText(int code) {
    return StatusCodes.reason(code);
  }
}
