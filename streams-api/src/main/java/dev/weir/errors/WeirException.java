package dev.weir.errors;

/**
 * An error with Node's string code; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/errors.html">Error</a> with {@code code}
 * and, for system errors, {@code syscall}, {@code path}, {@code address} and {@code port}.
 *
 * <p>{@code if (err.code === 'ENOENT')} ports as {@code if ("ENOENT".equals(err.code()))}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>An unchecked Java exception; the original {@link java.io.IOException} of an I/O failure
 *       is kept as the cause.</li>
 *   <li>{@code errno} is not modelled: the string code is the stable contract.</li>
 * </ul>
 */
public class WeirException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String syscall;
  private final String path;
  private final String address;
  private final int port;

  /** An error with {@code code} and {@code message}; {@code cause} may be null. */
  public WeirException(String code, String message, Throwable cause) {
    this(code, message, cause, null, null, null, -1);
  }

  private WeirException(String code, String message, Throwable cause, String syscall,
      String path, String address, int port) {
    super(message, cause);
    if (code == null || code.isEmpty()) {
      throw new IllegalArgumentException("code is empty");
    }
    this.code = code;
    this.syscall = syscall;
    this.path = path;
    this.address = address;
    this.port = port;
  }

  /**
   * A system error as libuv reports it, e.g. {@code system("ENOENT", "open", "/x", null, -1, e)}
   * whose message is {@code "ENOENT: no such file or directory, open '/x'"} as in Node.
   *
   * @param code the errno name ({@code "ECONNREFUSED"})
   * @param syscall the failing call ({@code "connect"})
   * @param path the file path, or null
   * @param address the network address, or null
   * @param port the network port, or -1
   * @param cause the original exception, or null
   */
  public static WeirException system(String code, String syscall, String path, String address,
      int port, Throwable cause) {
    StringBuilder msg = new StringBuilder(code).append(": ").append(SystemErrors.describe(code))
        .append(", ").append(syscall);
    if (path != null) {
      msg.append(" '").append(path).append('\'');
    }
    if (address != null) {
      msg.append(' ').append(address);
      if (port >= 0) {
        msg.append(':').append(port);
      }
    }
    return new WeirException(code, msg.toString(), cause, syscall, path, address, port);
  }

  /** Node's {@code err.code}: {@code "ERR_STREAM_WRITE_AFTER_END"}, {@code "ENOENT"}… */
  public String code() {
    return code;
  }

  /** Node's {@code err.syscall} for system errors ({@code "open"}, {@code "connect"}), else null. */
  public String syscall() {
    return syscall;
  }

  /** Node's {@code err.path} for file system errors, else null. */
  public String path() {
    return path;
  }

  /** Node's {@code err.address} for network errors, else null. */
  public String address() {
    return address;
  }

  /** Node's {@code err.port} for network errors, else -1. */
  public int port() {
    return port;
  }

  /**
   * Node's {@code err.code} for any throwable: the code of a {@link WeirException} (or of a
   * {@link dev.weir.loop.LoopThreadException}), else null — so {@code err?.code === 'ENOENT'}
   * ports as {@code "ENOENT".equals(WeirException.codeOf(err))}.
   */
  public static String codeOf(Throwable t) {
    if (t instanceof WeirException) {
      return ((WeirException) t).code;
    }
    if (t instanceof dev.weir.loop.LoopThreadException) {
      return ((dev.weir.loop.LoopThreadException) t).code();
    }
    return null;
  }

  /** Whether {@code t} is a {@link WeirException} with the given code. */
  public static boolean hasCode(Throwable t, String code) {
    return t instanceof WeirException && ((WeirException) t).code.equals(code);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " [" + code + "]: " + getMessage();
  }
}
