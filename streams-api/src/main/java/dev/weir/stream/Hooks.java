package dev.weir.stream;

import java.util.List;

/**
 * The functional forms of the stream hooks, for option builders: Node's
 * {@code new Writable({ write(chunk, enc, cb) {…} })} becomes
 * {@code new Writable<>(new WritableOptions<Buffer>().write((chunk, enc, cb) -> …))}.
 */
public final class Hooks {
  private Hooks() {}

  /** Node's {@code read(size)}; receives the stream so it can {@code push}. */
  @FunctionalInterface
  public interface Read<T> {
    void read(Readable<T> stream, int size) throws Exception;
  }

  /** Node's {@code write(chunk, encoding, callback)}. */
  @FunctionalInterface
  public interface Write<T> {
    void write(T chunk, String encoding, Callback callback) throws Exception;
  }

  /** Node's {@code writev(chunks, callback)}. */
  @FunctionalInterface
  public interface Writev<T> {
    void writev(List<WritableChunk<T>> chunks, Callback callback) throws Exception;
  }

  /** Node's {@code final(callback)}, {@code construct(callback)} and {@code flush}-like hooks. */
  @FunctionalInterface
  public interface WithCallback {
    void call(Callback callback) throws Exception;
  }

  /** Node's {@code destroy(err, callback)}; {@code err} is null for a plain destroy. */
  @FunctionalInterface
  public interface Destroy {
    void destroy(Throwable err, Callback callback) throws Exception;
  }

  /** Node's {@code transform(chunk, encoding, callback)}. */
  @FunctionalInterface
  public interface Transform<I, O> {
    void transform(I chunk, String encoding, TransformCallback<O> callback) throws Exception;
  }

  /** Node's {@code flush(callback)}. */
  @FunctionalInterface
  public interface Flush<O> {
    void flush(TransformCallback<O> callback) throws Exception;
  }
}
