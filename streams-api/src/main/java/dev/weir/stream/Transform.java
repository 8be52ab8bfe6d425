package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_METHOD_NOT_IMPLEMENTED;

import dev.weir.errors.WeirException;

/**
 * A duplex whose output is computed from its input; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#class-streamtransform">stream.Transform</a>
 * and {@code lib/internal/streams/transform.js}. Implement {@link #_transform} (and optionally
 * {@link #_flush}), or give {@code transform}/{@code flush} in {@link DuplexOptions}.
 *
 * <p>Backpressure between the sides is Node's: once the readable buffer is at its high-water
 * mark and nobody reads, the transform callback is held back, so {@code _transform} is not
 * called again and the writable side buffers, until the reader asks for more.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@link #_final} is final here: Node's Transform implements it to run {@code _flush}.</li>
 *   <li>A {@code _transform} that throws is the same as {@code callback(err)}.</li>
 * </ul>
 */
public class Transform<I, O> extends Duplex<I, O> {
  private final Hooks.Transform<I, O> transformHook;
  private final Hooks.Flush<O> flushHook;
  /** Node's {@code kCallback}: the write callback held back until the reader wants more. */
  private Callback pendingCallback;
  /** The write callback of the transform in flight ({@code onwrite}, one per stream). */
  private Callback writeCallback;
  /** The readable length before the transform in flight. */
  private long lengthBefore;
  private final TransformCallback<O> afterTransform = this::afterTransform;

  /** A transform with default options; override {@link #_transform}. */
  public Transform() {
    this(new DuplexOptions<>());
  }

  /** A transform with {@code options}. */
  public Transform(DuplexOptions<I, O> options) {
    super(options);
    this.transformHook = options.transform;
    this.flushHook = options.flush;
    readableState.sync = false;
  }

  @Override
  final boolean hasFinalHook(Overrides o, WritableOptions<I> w) {
    return true;
  }

  /**
   * Node's {@code _transform(chunk, encoding, callback)}: call {@code callback.done(err, data)}
   * once; {@code data}, when not null, is pushed; {@link #push} may also be called directly.
   */
  protected void _transform(I chunk, String encoding, TransformCallback<O> callback)
      throws Exception {
    if (transformHook == null) {
      throw ERR_METHOD_NOT_IMPLEMENTED.error("_transform()");
    }
    transformHook.transform(chunk, encoding, callback);
  }

  /** Node's {@code _flush(callback)}: runs after the last chunk, before the readable side ends. */
  protected void _flush(TransformCallback<O> callback) throws Exception {
    if (flushHook != null) {
      flushHook.flush(callback);
    } else {
      callback.done();
    }
  }

  @Override
  protected final void _write(I chunk, String encoding, Callback callback) throws Exception {
    writeCallback = callback;
    lengthBefore = readableState.length;
    try {
      _transform(chunk, encoding, afterTransform);
    } catch (WeirException e) {
      if (ERR_METHOD_NOT_IMPLEMENTED.name().equals(e.code())) {
        throw e;
      }
      afterTransform(e, null);
    } catch (Exception e) {
      afterTransform(e, null);
    }
  }

  private void afterTransform(Throwable err, O value) throws Exception {
    Callback callback = writeCallback;
    if (err != null) {
      callback.done(err);
      return;
    }
    if (value != null) {
      push(value);
    }
    ReadableState r = readableState;
    if (writableState.ended || lengthBefore == r.length || r.length < r.highWaterMark) {
      callback.done(null);
    } else {
      pendingCallback = callback;
    }
  }

  @Override
  protected final void _read(int size) throws Exception {
    if (pendingCallback != null) {
      Callback callback = pendingCallback;
      pendingCallback = null;
      callback.done(null);
    }
  }

  @Override
  protected final void _final(Callback callback) throws Exception {
    if (!destroyed) {
      _flush((er, data) -> {
        if (er != null) {
          callback.done(er);
          return;
        }
        if (data != null) {
          push(data);
        }
        push(null);
        callback.done(null);
      });
    } else {
      push(null);
      callback.done(null);
    }
  }
}
