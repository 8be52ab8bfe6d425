package dev.weir.stream;

/**
 * The callback of Node's {@code _transform(chunk, encoding, callback)} and {@code _flush(callback)}:
 * {@code done(err, data)}; {@code data}, when not null, is pushed to the readable side.
 */
@FunctionalInterface
public interface TransformCallback<O> {
  void done(Throwable err, O data) throws Exception;

  /** Node's {@code callback()}: success, nothing pushed. */
  default void done() throws Exception {
    done(null, null);
  }

  /** Node's {@code callback(err)}. */
  default void fail(Throwable err) throws Exception {
    done(err, null);
  }
}
