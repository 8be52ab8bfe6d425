package dev.weir.errors;

/**
 * The one table of Weir's error codes; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/errors.html#nodejs-error-codes">error codes</a>
 * with the names and message templates of {@code lib/internal/errors.js}.
 *
 * <p>Codes that Node does not have start with {@code ERR_WEIR_}. Tests and callers compare
 * {@link WeirException#code()}, never the message.
 */
public enum ErrorCode {
  ERR_INVALID_ARG_TYPE("The \"%s\" argument must be %s. Received %s"),
  ERR_INVALID_ARG_VALUE("The argument '%s' %s. Received %s"),
  ERR_OUT_OF_RANGE("The value of \"%s\" is out of range. It must be %s. Received %s"),
  ERR_UNKNOWN_ENCODING("Unknown encoding: %s"),
  ERR_UNHANDLED_ERROR("Unhandled error. (%s)"),
  ERR_BUFFER_OUT_OF_BOUNDS("Attempt to access memory outside buffer bounds"),
  ERR_INVALID_BUFFER_SIZE("Buffer size must be a multiple of %s"),
  ERR_METHOD_NOT_IMPLEMENTED("The %s method is not implemented"),
  ERR_MULTIPLE_CALLBACK("Callback called multiple times"),
  ERR_MISSING_ARGS("The \"%s\" argument must be specified"),
  ERR_STREAM_ALREADY_FINISHED("Cannot call %s after a stream was finished"),
  ERR_STREAM_CANNOT_PIPE("Cannot pipe, not readable"),
  ERR_STREAM_DESTROYED("Cannot call %s after a stream was destroyed"),
  ERR_STREAM_NULL_VALUES("May not write null values to stream"),
  ERR_STREAM_PREMATURE_CLOSE("Premature close"),
  ERR_STREAM_PUSH_AFTER_EOF("stream.push() after EOF"),
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT("stream.unshift() after end event"),
  ERR_STREAM_WRITE_AFTER_END("write after end"),
  ERR_HTTP_HEADERS_SENT("Cannot %s headers after they are sent to the client"),
  ERR_HTTP_INVALID_HEADER_VALUE("Invalid value \"%s\" for header \"%s\""),
  ERR_HTTP_INVALID_STATUS_CODE("Invalid status code: %s"),
  ERR_HTTP_REQUEST_TIMEOUT("Request timeout"),
  ERR_HTTP_CONTENT_LENGTH_MISMATCH("Response body's content-length of %s byte(s) does not match the content-length of %s byte(s) set in header"),
  ERR_INVALID_CHAR("Invalid character in %s [\"%s\"]"),
  ERR_INVALID_HTTP_TOKEN("%s must be a valid HTTP token [\"%s\"]"),
  ERR_INVALID_URL("Invalid URL"),
  ERR_INVALID_PROTOCOL("Protocol \"%s\" not supported. Expected \"http:\""),
  ERR_SERVER_ALREADY_LISTEN("Listen method has been called more than once without closing."),
  ERR_SERVER_NOT_RUNNING("Server is not running."),
  ERR_SOCKET_BAD_PORT("%s should be >= 0 and < 65536. Received %s."),
  ERR_SOCKET_CLOSED("Socket is closed"),
  /** A listener or task threw a checked exception; the original is the cause. */
  ERR_WEIR_LISTENER_THREW("A listener for '%s' threw %s"),
  /** A checked exception escaped a loop callback with no 'uncaughtException' listener. */
  ERR_WEIR_UNCAUGHT_EXCEPTION("Uncaught exception: %s"),
  /** No {@link dev.weir.loop.EventLoop} runs on the calling thread. */
  ERR_WEIR_NO_LOOP("%s must be called on an event loop thread (inside EventLoop.run), but %s has none");

  private final String template;

  ErrorCode(String template) {
    this.template = template;
  }

  /** A new exception with this code and the message template filled with {@code args}. */
  public WeirException error(Object... args) {
    return new WeirException(name(), String.format(template, args), null);
  }

  /** A new exception with this code, the filled message and {@code cause}. */
  public WeirException errorWithCause(Throwable cause, Object... args) {
    return new WeirException(name(), String.format(template, args), cause);
  }

  /** The message template, with {@code %s} placeholders as in {@link String#format}. */
  public String template() {
    return template;
  }
}
