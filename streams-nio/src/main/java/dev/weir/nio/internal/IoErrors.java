package dev.weir.nio.internal;

import dev.weir.errors.WeirException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Maps JDK I/O exceptions to Node's system error codes ({@code ECONNRESET}, {@code EPIPE}…). */
public final class IoErrors {
  private IoErrors() {}

  /** The libuv code for {@code e}, or {@code EIO} when nothing better fits. */
  public static String code(IOException e) {
    if (e instanceof UnknownHostException) {
      return "ENOTFOUND";
    }
    if (e instanceof ClosedChannelException) {
      return "EBADF";
    }
    if (e instanceof SocketTimeoutException) {
      return "ETIMEDOUT";
    }
    if (e instanceof NoRouteToHostException) {
      return "EHOSTUNREACH";
    }
    if (e instanceof PortUnreachableException) {
      return "ECONNREFUSED";
    }
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("connection refused")) {
      return "ECONNREFUSED";
    }
    if (message.contains("reset")) {
      return "ECONNRESET";
    }
    if (message.contains("broken pipe")) {
      return "EPIPE";
    }
    if (message.contains("address already in use")) {
      return "EADDRINUSE";
    }
    if (message.contains("cannot assign requested address")) {
      return "EADDRNOTAVAIL";
    }
    if (message.contains("permission denied")) {
      return "EACCES";
    }
    if (message.contains("timed out")) {
      return "ETIMEDOUT";
    }
    if (message.contains("network is unreachable")) {
      return "ENETUNREACH";
    }
    if (message.contains("no route to host")) {
      return "EHOSTUNREACH";
    }
    if (message.contains("too many open files")) {
      return "EMFILE";
    }
    if (e instanceof BindException) {
      return "EADDRINUSE";
    }
    if (e instanceof ConnectException) {
      return "ECONNREFUSED";
    }
    return "EIO";
  }

  /** A Node system error for a network call: code, {@code syscall}, address and port. */
  public static WeirException network(IOException e, String syscall, String address, int port) {
    return WeirException.system(code(e), syscall, null, address, port, e);
  }
}
