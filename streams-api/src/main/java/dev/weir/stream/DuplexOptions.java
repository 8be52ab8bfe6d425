package dev.weir.stream;

/**
 * Options of a {@link Duplex}, {@link Transform} or {@link PassThrough}; Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#new-streamduplexoptions">new
 * stream.Duplex(options)</a> and
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#new-streamtransformoptions">new
 * stream.Transform(options)</a>. {@code In} is written, {@code Out} is read.
 */
public final class DuplexOptions<I, O> {
  Integer highWaterMark;
  Integer readableHighWaterMark;
  Integer writableHighWaterMark;
  boolean objectMode;
  Boolean readableObjectMode;
  Boolean writableObjectMode;
  boolean allowHalfOpen = true;
  boolean readable = true;
  boolean writable = true;
  String encoding;
  boolean decodeStrings = true;
  String defaultEncoding = "utf8";
  boolean emitClose = true;
  boolean autoDestroy = true;
  Hooks.Read<O> read;
  Hooks.Write<I> write;
  Hooks.Writev<I> writev;
  Hooks.WithCallback finalHook;
  Hooks.Destroy destroy;
  Hooks.WithCallback construct;
  Hooks.Transform<I, O> transform;
  Hooks.Flush<O> flush;

  /** Node's {@code highWaterMark}, for both sides unless a side sets its own. */
  public DuplexOptions<I, O> highWaterMark(int hwm) {
    this.highWaterMark = Stream.checkHighWaterMark("options.highWaterMark", hwm);
    return this;
  }

  /** Node's {@code readableHighWaterMark}. */
  public DuplexOptions<I, O> readableHighWaterMark(int hwm) {
    this.readableHighWaterMark = Stream.checkHighWaterMark("options.readableHighWaterMark", hwm);
    return this;
  }

  /** Node's {@code writableHighWaterMark}. */
  public DuplexOptions<I, O> writableHighWaterMark(int hwm) {
    this.writableHighWaterMark = Stream.checkHighWaterMark("options.writableHighWaterMark", hwm);
    return this;
  }

  /** Node's {@code objectMode}, for both sides. */
  public DuplexOptions<I, O> objectMode(boolean objectMode) {
    this.objectMode = objectMode;
    return this;
  }

  /** Node's {@code readableObjectMode}. */
  public DuplexOptions<I, O> readableObjectMode(boolean objectMode) {
    this.readableObjectMode = objectMode;
    return this;
  }

  /** Node's {@code writableObjectMode}. */
  public DuplexOptions<I, O> writableObjectMode(boolean objectMode) {
    this.writableObjectMode = objectMode;
    return this;
  }

  /** Node's {@code allowHalfOpen} (default true): false ends the writable side after 'end'. */
  public DuplexOptions<I, O> allowHalfOpen(boolean allowHalfOpen) {
    this.allowHalfOpen = allowHalfOpen;
    return this;
  }

  /** Node's {@code readable} (default true): false makes the readable side ended from the start. */
  public DuplexOptions<I, O> readable(boolean readable) {
    this.readable = readable;
    return this;
  }

  /** Node's {@code writable} (default true): false makes the writable side ended from the start. */
  public DuplexOptions<I, O> writable(boolean writable) {
    this.writable = writable;
    return this;
  }

  /** Node's {@code encoding} of the readable side. */
  public DuplexOptions<I, O> encoding(String encoding) {
    this.encoding = encoding;
    return this;
  }

  /** Node's {@code decodeStrings} of the writable side; see {@link WritableOptions}. */
  public DuplexOptions<I, O> decodeStrings(boolean decodeStrings) {
    this.decodeStrings = decodeStrings;
    return this;
  }

  /** Node's {@code defaultEncoding} of the writable side. */
  public DuplexOptions<I, O> defaultEncoding(String defaultEncoding) {
    this.defaultEncoding = Stream.checkEncoding(defaultEncoding);
    return this;
  }

  /** Node's {@code emitClose} (default true). */
  public DuplexOptions<I, O> emitClose(boolean emitClose) {
    this.emitClose = emitClose;
    return this;
  }

  /** Node's {@code autoDestroy} (default true). */
  public DuplexOptions<I, O> autoDestroy(boolean autoDestroy) {
    this.autoDestroy = autoDestroy;
    return this;
  }

  /** Node's {@code read(size)}. */
  public DuplexOptions<I, O> read(Hooks.Read<O> read) {
    this.read = read;
    return this;
  }

  /** Node's {@code write(chunk, encoding, cb)}. */
  public DuplexOptions<I, O> write(Hooks.Write<I> write) {
    this.write = write;
    return this;
  }

  /** Node's {@code writev(chunks, cb)}. */
  public DuplexOptions<I, O> writev(Hooks.Writev<I> writev) {
    this.writev = writev;
    return this;
  }

  /** Node's {@code final(cb)}. */
  public DuplexOptions<I, O> finalHook(Hooks.WithCallback finalHook) {
    this.finalHook = finalHook;
    return this;
  }

  /** Node's {@code destroy(err, cb)}. */
  public DuplexOptions<I, O> destroy(Hooks.Destroy destroy) {
    this.destroy = destroy;
    return this;
  }

  /** Node's {@code construct(cb)}. */
  public DuplexOptions<I, O> construct(Hooks.WithCallback construct) {
    this.construct = construct;
    return this;
  }

  /** Node's {@code transform(chunk, encoding, cb)}, for {@link Transform}. */
  public DuplexOptions<I, O> transform(Hooks.Transform<I, O> transform) {
    this.transform = transform;
    return this;
  }

  /** Node's {@code flush(cb)}, for {@link Transform}. */
  public DuplexOptions<I, O> flush(Hooks.Flush<O> flush) {
    this.flush = flush;
    return this;
  }

  ReadableOptions<O> readableSide() {
    ReadableOptions<O> r = new ReadableOptions<>();
    r.highWaterMark = readableHighWaterMark != null ? readableHighWaterMark : highWaterMark;
    r.objectMode = readableObjectMode != null ? readableObjectMode : objectMode;
    r.encoding = encoding;
    r.emitClose = emitClose;
    r.autoDestroy = autoDestroy;
    r.read = read;
    r.destroy = destroy;
    r.construct = construct;
    return r;
  }

  WritableOptions<I> writableSide() {
    WritableOptions<I> w = new WritableOptions<>();
    w.highWaterMark = writableHighWaterMark != null ? writableHighWaterMark : highWaterMark;
    w.objectMode = writableObjectMode != null ? writableObjectMode : objectMode;
    w.decodeStrings = decodeStrings;
    w.defaultEncoding = defaultEncoding;
    w.emitClose = emitClose;
    w.autoDestroy = autoDestroy;
    w.write = write;
    w.writev = writev;
    w.finalHook = finalHook;
    return w;
  }
}
