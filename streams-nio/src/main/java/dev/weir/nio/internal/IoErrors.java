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

  /** glibc's strerror() texts, as the JDK puts them into exception messages, and their codes. */
  private static final String[][] STRERROR = {
      {"connection refused", "ECONNREFUSED"},
      {"reset", "ECONNRESET"},
      {"broken pipe", "EPIPE"},
      {"address already in use", "EADDRINUSE"},
      {"cannot assign requested address", "EADDRNOTAVAIL"},
      {"permission denied", "EACCES"},
      {"timed out", "ETIMEDOUT"},
      {"network is unreachable", "ENETUNREACH"},
      {"no route to host", "EHOSTUNREACH"},
      {"too many open files", "EMFILE"},
      {"is a directory", "EISDIR"},
      {"not a directory", "ENOTDIR"},
      {"no such file or directory", "ENOENT"},
      {"operation not permitted", "EPERM"},
      {"file exists", "EEXIST"},
      {"directory not empty", "ENOTEMPTY"},
      {"bad file descriptor", "EBADF"},
      {"invalid argument", "EINVAL"},
      {"read-only file system", "EROFS"},
      {"no space left on device", "ENOSPC"},
      {"too many levels of symbolic links", "ELOOP"},
      {"file name too long", "ENAMETOOLONG"},
  };

  /** The errno name whose strerror() text {@code reason} contains, or null. */
  public static String fromReason(String reason) {
    String lower = reason.toLowerCase(Locale.ROOT);
    for (String[] entry : STRERROR) {
      if (lower.contains(entry[0])) {
        return entry[1];
      }
    }
    return null;
  }

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
    String fromMessage = e.getMessage() == null ? null : fromReason(e.getMessage());
    if (fromMessage != null) {
      return fromMessage;
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
