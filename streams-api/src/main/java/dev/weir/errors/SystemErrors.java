package dev.weir.errors;

import java.util.Map;

/** libuv's descriptions of the system error codes Weir reports ({@code uv_strerror}). */
final class SystemErrors {
  private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("ENOENT", "no such file or directory"),
      Map.entry("EACCES", "permission denied"),
      Map.entry("EPERM", "operation not permitted"),
      Map.entry("EISDIR", "illegal operation on a directory"),
      Map.entry("ENOTDIR", "not a directory"),
      Map.entry("EEXIST", "file already exists"),
      Map.entry("ENOTEMPTY", "directory not empty"),
      Map.entry("EMFILE", "too many open files"),
      Map.entry("EBADF", "bad file descriptor"),
      Map.entry("EINVAL", "invalid argument"),
      Map.entry("EIO", "i/o error"),
      Map.entry("ECONNREFUSED", "connection refused"),
      Map.entry("ECONNRESET", "connection reset by peer"),
      Map.entry("ECONNABORTED", "software caused connection abort"),
      Map.entry("EPIPE", "broken pipe"),
      Map.entry("ETIMEDOUT", "connection timed out"),
      Map.entry("EADDRINUSE", "address already in use"),
      Map.entry("EADDRNOTAVAIL", "address not available"),
      Map.entry("ENOTFOUND", "getaddrinfo failed"),
      Map.entry("EHOSTUNREACH", "host is unreachable"),
      Map.entry("ENETUNREACH", "network is unreachable"),
      Map.entry("ENOTCONN", "socket is not connected"),
      Map.entry("EROFS", "read-only file system"),
      Map.entry("ENOSPC", "no space left on device"),
      Map.entry("ELOOP", "too many symbolic links encountered"),
      Map.entry("ENAMETOOLONG", "name too long"));

  private SystemErrors() {}

  static String describe(String code) {
    return DESCRIPTIONS.getOrDefault(code, "unknown error");
  }
}
