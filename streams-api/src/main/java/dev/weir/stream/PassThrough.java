package dev.weir.stream;

/**
 * A {@link Transform} that passes every chunk through unchanged; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#class-streampassthrough">stream.PassThrough</a>.
 */
public class PassThrough<T> extends Transform<T, T> {
  /** A byte pass-through with default options. */
  public PassThrough() {
    this(new DuplexOptions<>());
  }

  /** A pass-through with {@code options} (e.g. {@code objectMode}). */
  public PassThrough(DuplexOptions<T, T> options) {
    super(options);
  }

  @Override
  protected void _transform(T chunk, String encoding, TransformCallback<T> callback)
      throws Exception {
    callback.done(null, chunk);
  }
}
