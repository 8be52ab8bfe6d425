package dev.weir.stream;

/**
 * Node's {@code (err) => {}} completion callback: {@code done(null)} is success (Node's
 * {@code cb()}), {@code done(err)} a failure. One-shot: streams report a second call as
 * {@code ERR_MULTIPLE_CALLBACK}. May throw when supplied by user code.
 */
@FunctionalInterface
public interface Callback {
  void done(Throwable err) throws Exception;

  /** Success: the same as {@code done(null)}, Node's {@code cb()}. */
  default void done() throws Exception {
    done(null);
  }
}
