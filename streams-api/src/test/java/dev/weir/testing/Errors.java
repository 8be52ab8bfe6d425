package dev.weir.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;

/** Assertions on Node error codes: tests compare {@code code()}, never messages. */
public final class Errors {
  private Errors() {}

  /** Asserts that {@code t} is a {@link WeirException} with {@code code}. */
  public static WeirException assertCode(ErrorCode code, Object t) {
    return assertCode(code.name(), t);
  }

  /** Asserts that {@code t} is a {@link WeirException} with the string {@code code}. */
  public static WeirException assertCode(String code, Object t) {
    WeirException e = assertInstanceOf(WeirException.class, t);
    assertEquals(code, e.code(), () -> "code of " + e);
    return e;
  }
}
