package dev.weir.stream;

import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.events.Listener2;
import java.util.List;

/**
 * A destination for data; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#class-streamwritable">stream.Writable</a>.
 * Subclasses implement {@link #_write} (and optionally {@link #_writev}, {@link #_final},
 * {@link #_destroy}, {@link #_construct}), or pass them as lambdas in {@link WritableOptions}.
 * Buffering, {@code 'drain'}, {@code end()}/{@code 'finish'} and errors follow Node's
 * {@code writable.js}: {@code write()} returns false once the buffered length reaches
 * {@code highWaterMark} (16 KiB, or 16 objects), and {@code 'drain'} follows once it is empty.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Generic in the chunk type; byte streams carry {@link dev.weir.buffer.Buffer} and also
 *       accept strings ({@link CharSequence}) and {@code byte[]}.</li>
 *   <li>A {@code _write} that throws is treated as calling its callback with the exception
 *       (Node lets it propagate out of {@code write()}). An unimplemented {@code _write} is the
 *       exception: its {@code ERR_METHOD_NOT_IMPLEMENTED} is thrown from {@code write()}, as in
 *       Node.</li>
 *   <li>Node 22 raised the default {@code highWaterMark} to 64 KiB; Weir follows Node 20.</li>
 * </ul>
 */
public class Writable<T> extends Stream implements WritableStream<T> {

  /** A byte stream with default options; override {@link #_write}. */
  public Writable() {
    this(new WritableOptions<>());
  }

  /** A stream with {@code options}. */
  public Writable(WritableOptions<T> options) {
    Overrides o = Overrides.of(getClass());
    this.writableState = new WritableState(this, options, o.writev || options.writev != null,
        o.finalHook || options.finalHook != null);
    initLifecycle(options.emitClose, options.autoDestroy, options.destroy, options.construct);
    construct(() -> {
      WritableState state = writableState;
      if (!state.writing) {
        state.clearBuffer();
      }
      state.finishMaybe(false);
    });
  }

  // ---- hooks ------------------------------------------------------------------------------

  /** Node's {@code _write}: call {@code callback} exactly once; throwing equals calling it. */
  protected void _write(T chunk, String encoding, Callback callback) throws Exception {
    writableState.defaultWrite(chunk, encoding, callback);
  }

  /** Node's {@code _writev}: writes buffered chunks at once; used when overridden or given. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected void _writev(List<WritableChunk<T>> chunks, Callback callback) throws Exception {
    writableState.defaultWritev((List) chunks, callback);
  }

  /** Node's {@code _final}: runs after {@code end()} once all writes are done. */
  protected void _final(Callback callback) throws Exception {
    writableState.defaultFinal(callback);
  }

  @Override
  @SuppressWarnings("unchecked")
  final void invokeWrite(Object chunk, String encoding, Callback cb) throws Exception {
    _write((T) chunk, encoding, cb);
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
  public Writable<T> on(String event, Listener0 listener) {
    super.on(event, listener);
    return this;
  }

  @Override
  public <A> Writable<T> on(String event, Listener1<A> listener) {
    super.on(event, listener);
    return this;
  }

  @Override
  public <A, B> Writable<T> on(String event, Listener2<A, B> listener) {
    super.on(event, listener);
    return this;
  }

  @Override
  public Writable<T> once(String event, Listener0 listener) {
    super.once(event, listener);
    return this;
  }

  @Override
  public <A> Writable<T> once(String event, Listener1<A> listener) {
    super.once(event, listener);
    return this;
  }

  @Override
  public <A, B> Writable<T> once(String event, Listener2<A, B> listener) {
    super.once(event, listener);
    return this;
  }

  @Override
  public Writable<T> end() {
    WritableStream.super.end();
    return this;
  }

  @Override
  public Writable<T> end(Callback callback) {
    WritableStream.super.end(callback);
    return this;
  }

  @Override
  public Writable<T> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Writable<T> destroy(Throwable err) {
    super.destroy(err);
    return this;
  }
}
