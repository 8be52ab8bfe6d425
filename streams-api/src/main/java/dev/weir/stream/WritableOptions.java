package dev.weir.stream;

/**
 * Options of a {@link Writable}; Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#new-streamwritableoptions">new
 * stream.Writable(options)</a>. Fluent and mutable until passed to a constructor.
 */
public final class WritableOptions<T> {
  Integer highWaterMark;
  boolean objectMode;
  boolean decodeStrings = true;
  String defaultEncoding = "utf8";
  boolean emitClose = true;
  boolean autoDestroy = true;
  Hooks.Write<T> write;
  Hooks.Writev<T> writev;
  Hooks.WithCallback finalHook;
  Hooks.Destroy destroy;
  Hooks.WithCallback construct;

  /** Node's {@code highWaterMark}: {@code write()} returns false once this much is buffered. */
  public WritableOptions<T> highWaterMark(int hwm) {
    this.highWaterMark = Stream.checkHighWaterMark("options.highWaterMark", hwm);
    return this;
  }

  /** Node's {@code objectMode}. */
  public WritableOptions<T> objectMode(boolean objectMode) {
    this.objectMode = objectMode;
    return this;
  }

  /**
   * Node's {@code decodeStrings} (default true): strings are converted to {@code Buffer} before
   * {@code _write}. When false, {@code _write} receives the string itself with its encoding, so
   * the stream's chunk type must admit strings (e.g. {@code Writable<Object>}).
   */
  public WritableOptions<T> decodeStrings(boolean decodeStrings) {
    this.decodeStrings = decodeStrings;
    return this;
  }

  /** Node's {@code defaultEncoding} (default {@code "utf8"}) for strings written without one. */
  public WritableOptions<T> defaultEncoding(String defaultEncoding) {
    this.defaultEncoding = Stream.checkEncoding(defaultEncoding);
    return this;
  }

  /** Node's {@code emitClose} (default true). */
  public WritableOptions<T> emitClose(boolean emitClose) {
    this.emitClose = emitClose;
    return this;
  }

  /** Node's {@code autoDestroy} (default true). */
  public WritableOptions<T> autoDestroy(boolean autoDestroy) {
    this.autoDestroy = autoDestroy;
    return this;
  }

  /** Node's {@code write(chunk, encoding, cb)}: the {@code _write} implementation. */
  public WritableOptions<T> write(Hooks.Write<T> write) {
    this.write = write;
    return this;
  }

  /** Node's {@code writev(chunks, cb)}: the {@code _writev} implementation. */
  public WritableOptions<T> writev(Hooks.Writev<T> writev) {
    this.writev = writev;
    return this;
  }

  /** Node's {@code final(cb)}: the {@code _final} implementation. */
  public WritableOptions<T> finalHook(Hooks.WithCallback finalHook) {
    this.finalHook = finalHook;
    return this;
  }

  /** Node's {@code destroy(err, cb)}: the {@code _destroy} implementation. */
  public WritableOptions<T> destroy(Hooks.Destroy destroy) {
    this.destroy = destroy;
    return this;
  }

  /** Node's {@code construct(cb)}: the {@code _construct} implementation. */
  public WritableOptions<T> construct(Hooks.WithCallback construct) {
    this.construct = construct;
    return this;
  }
}
