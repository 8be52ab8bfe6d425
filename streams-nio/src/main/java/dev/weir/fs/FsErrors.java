package dev.weir.fs;

import dev.weir.errors.WeirException;
import dev.weir.nio.internal.IoErrors;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Maps the JDK's I/O exceptions to Node's system errors: {@code WeirException.system(code,
 * syscall, path, null, -1, cause)} with the errno name libuv would report and the original
 * exception as the cause. The JDK reports most errno values only as {@code strerror} text, so
 * that text is matched when no specific exception type exists.
 */
final class FsErrors {
  private FsErrors() {}

  /** {@code e} as Node's error for {@code syscall} on {@code path} (null for fd calls). */
  static Throwable map(Throwable e, String syscall, String path) {
    if (e instanceof WeirException || !(e instanceof IOException)) {
      return e;
    }
    return WeirException.system(code((IOException) e), syscall, path, null, -1, e);
  }

  /** A system error with {@code code} that has no JDK exception behind it. */
  static WeirException system(String code, String syscall, String path) {
    return WeirException.system(code, syscall, path, null, -1, null);
  }

  /** The errno name for {@code e}; {@code EIO} when nothing more specific is known. */
  static String code(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "ENOENT";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "EEXIST";
    }
    if (e instanceof AccessDeniedException) {
      return "EACCES";
    }
    if (e instanceof NotDirectoryException) {
      return "ENOTDIR";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "ENOTEMPTY";
    }
    if (e instanceof NotLinkException) {
      return "EINVAL";
    }
    if (e instanceof ClosedChannelException) {
      // Includes AsynchronousCloseException: the handle was closed under the call.
      return "EBADF";
    }
    String reason = e instanceof FileSystemException
        ? ((FileSystemException) e).getReason() : e.getMessage();
    return reason == null ? "EIO" : fromReason(reason);
  }

  // glibc's strerror() texts, as the JDK puts them into exceptions: one table for net and fs.
  private static String fromReason(String reason) {
    String code = IoErrors.fromReason(reason);
    return code != null ? code : "EIO";
  }
}
