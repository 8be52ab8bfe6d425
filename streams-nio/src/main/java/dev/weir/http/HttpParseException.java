package dev.weir.http;

import dev.weir.errors.WeirException;

/**
 * A malformed or over-limit HTTP message, with llhttp's error code ({@code HPE_INVALID_METHOD},
 * {@code HPE_HEADER_OVERFLOW}, …) as {@link #code()}, as Node reports it to
 * {@code 'clientError'}, and the status a server answers it with.
 */
public final class HttpParseException extends WeirException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpParseException(String code, String reason, int status) {
    super(code, "Parse Error: " + reason, null);
    this.status = status;
  }

  /** The response status that fits: 400, 431 (headers too large) or 408 (timeout). */
  public int status() {
    return status;
  }

  /** Node's {@code err.reason}: the parser's explanation. */
  public String reason() {
    return getMessage().substring("Parse Error: ".length());
  }
}
