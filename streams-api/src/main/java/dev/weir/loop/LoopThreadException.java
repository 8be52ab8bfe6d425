package dev.weir.loop;

/**
 * Thrown when a loop-confined object is used from a thread that is not its loop's, or when
 * loop-only work is started on a thread without a loop. Carries a Weir error code like
 * {@link dev.weir.errors.WeirException}: {@code ERR_WEIR_NOT_IN_LOOP} or {@code ERR_WEIR_NO_LOOP}.
 */
public final class LoopThreadException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String code;

  LoopThreadException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** {@code "ERR_WEIR_NOT_IN_LOOP"} or {@code "ERR_WEIR_NO_LOOP"}. */
  public String code() {
    return code;
  }
}
