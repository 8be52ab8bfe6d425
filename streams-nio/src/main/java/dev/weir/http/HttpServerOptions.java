package dev.weir.http;

/**
 * Options of {@link Http#createServer(HttpServerOptions, dev.weir.events.Listener2)}; Node's
 * {@code http.createServer(options)} limits, with Node's defaults.
 */
public final class HttpServerOptions {
  int maxHeaderSize = 16 * 1024;
  long headersTimeout = 60_000;
  long requestTimeout = 300_000;
  long keepAliveTimeout = 5_000;
  int maxRequestsPerSocket;
  int highWaterMark = 16 * 1024;
  boolean requireHostHeader = true;

  /** Node's {@code maxHeaderSize} (default 16 KiB): larger start line + headers get 431. */
  public HttpServerOptions maxHeaderSize(int bytes) {
    this.maxHeaderSize = positive("maxHeaderSize", bytes);
    return this;
  }

  /** Node's {@code headersTimeout} in ms (default 60 s): headers slower than this get 408. */
  public HttpServerOptions headersTimeout(long ms) {
    this.headersTimeout = nonNegative("headersTimeout", ms);
    return this;
  }

  /** Node's {@code requestTimeout} in ms (default 300 s; 0 disables): whole request → 408. */
  public HttpServerOptions requestTimeout(long ms) {
    this.requestTimeout = nonNegative("requestTimeout", ms);
    return this;
  }

  /** Node's {@code keepAliveTimeout} in ms (default 5 s; 0 disables): idle connections close. */
  public HttpServerOptions keepAliveTimeout(long ms) {
    this.keepAliveTimeout = nonNegative("keepAliveTimeout", ms);
    return this;
  }

  /**
   * The initial {@link Server#maxRequestsPerSocket(int)} (default 0, unlimited). Node 20 has no
   * such option, only the {@code server.maxRequestsPerSocket} property, which
   * {@link Server#maxRequestsPerSocket(int)} mirrors; this is a Weir convenience.
   */
  public HttpServerOptions maxRequestsPerSocket(int n) {
    this.maxRequestsPerSocket = (int) nonNegative("maxRequestsPerSocket", n);
    return this;
  }

  /** Node's {@code highWaterMark} of the sockets and responses (default 16 KiB). */
  public HttpServerOptions highWaterMark(int bytes) {
    this.highWaterMark = positive("highWaterMark", bytes);
    return this;
  }

  /**
   * Node's {@code requireHostHeader} (default true): an HTTP/1.1 request without {@code Host}
   * gets 400 and the connection is closed, without a {@code 'request'} event.
   */
  public HttpServerOptions requireHostHeader(boolean require) {
    this.requireHostHeader = require;
    return this;
  }

  private static int positive(String name, int v) {
    if (v <= 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error(name, "> 0", v);
    }
    return v;
  }

  static long nonNegative(String name, long v) {
    if (v < 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error(name, ">= 0", v);
    }
    return v;
  }
}
