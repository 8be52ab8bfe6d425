package dev.weir.stream;

import java.util.List;

/**
 * A stream that is both readable ({@code Out}) and writable ({@code In}); mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#class-streamduplex">stream.Duplex</a>.
 * Implement {@link #_read} and {@link #_write} (or give them in {@link DuplexOptions}). Each side
 * has its own buffer and high-water mark; {@code allowHalfOpen} (default true) decides whether
 * the writable side is ended when the readable side ends.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Two type parameters: {@code In} is written, {@code Out} is read (Node's are untyped).</li>
 *   <li>The writable methods come from {@link WritableStream}; see {@link Writable} for their
 *       differences from Node.</li>
 * </ul>
 */
public class Duplex<I, O> extends Readable<O> implements WritableStream<I> {
  private final boolean allowHalfOpen;

  /** A byte duplex with default options; override {@link #_read} and {@link #_write}. */
  public Duplex() {
    this(new DuplexOptions<>());
  }

  /** A duplex with {@code options}. */
  public Duplex(DuplexOptions<I, O> options) {
    super(options.readableSide());
    WritableOptions<I> w = options.writableSide();
    Overrides o = Overrides.of(getClass());
    this.allowHalfOpen = options.allowHalfOpen;
    this.writableState = new WritableState(this, w, o.writev || w.writev != null,
        hasFinalHook(o, w));
    if (!options.readable) {
      readableState.readable = false;
      readableState.ended = true;
      readableState.endEmitted = true;
    }
    if (!options.writable) {
      writableState.writable = false;
      writableState.ending = true;
      writableState.ended = true;
      writableState.finished = true;
    }
    construct(() -> {
      WritableState state = writableState;
      if (!state.writing) {
        state.clearBuffer();
      }
      state.finishMaybe(false);
    });
  }

  /** Whether {@code _final} must be called; a {@link Transform} always has one. */
  boolean hasFinalHook(Overrides o, WritableOptions<I> w) {
    return o.finalHook || w.finalHook != null;
  }

  @Override
  final boolean allowHalfOpen() {
    return allowHalfOpen;
  }

  /** Node's {@code allowHalfOpen}. */
  public final boolean isAllowHalfOpen() {
    return allowHalfOpen;
  }

  // ---- hooks ------------------------------------------------------------------------------

  /** Node's {@code _write}: call {@code callback} exactly once; throwing equals calling it. */
  protected void _write(I chunk, String encoding, Callback callback) throws Exception {
    writableState.defaultWrite(chunk, encoding, callback);
  }

  /** Node's {@code _writev}: writes buffered chunks at once; used when overridden or given. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected void _writev(List<WritableChunk<I>> chunks, Callback callback) throws Exception {
    writableState.defaultWritev((List) chunks, callback);
  }

  /** Node's {@code _final}: runs after {@code end()} once all writes are done. */
  protected void _final(Callback callback) throws Exception {
    writableState.defaultFinal(callback);
  }

  @Override
  @SuppressWarnings("unchecked")
  final void invokeWrite(Object chunk, String encoding, Callback cb) throws Exception {
    _write((I) chunk, encoding, cb);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  final void invokeWritev(List<WritableChunk<Object>> chunks, Callback cb) throws Exception {
    _writev((List) chunks, cb);
  }

  @Override
  final void invokeFinal(Callback cb) throws Exception {
    _final(cb);
  }

  // ---- chaining ---------------------------------------------------------------------------

  @Override
  public Duplex<I, O> end() {
    WritableStream.super.end();
    return this;
  }

  @Override
  public Duplex<I, O> end(Callback callback) {
    WritableStream.super.end(callback);
    return this;
  }

  @Override
  public Duplex<I, O> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Duplex<I, O> destroy(Throwable err) {
    super.destroy(err);
    return this;
  }
}
