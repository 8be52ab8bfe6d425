package dev.weir.stream;

/**
 * Options of a {@link Readable}; Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#new-streamreadableoptions">new
 * stream.Readable(options)</a>. Fluent and mutable until passed to a constructor.
 */
public final class ReadableOptions<T> {
  /** Node 20's default {@code highWaterMark} for byte streams (Node 22 uses 64 KiB). */
  public static final int DEFAULT_HIGH_WATER_MARK = 16 * 1024;
  /** Node's default {@code highWaterMark} in object mode. */
  public static final int DEFAULT_OBJECT_HIGH_WATER_MARK = 16;

  Integer highWaterMark;
  boolean objectMode;
  /** Whether {@link #objectMode(boolean)} was called (Readable.from defaults to true). */
  boolean objectModeSet;
  String encoding;
  boolean emitClose = true;
  boolean autoDestroy = true;
  Hooks.Read<T> read;
  Hooks.Destroy destroy;
  Hooks.WithCallback construct;

  /** Node's {@code highWaterMark}: bytes (or objects) to buffer before {@code push} says stop. */
  public ReadableOptions<T> highWaterMark(int hwm) {
    this.highWaterMark = Stream.checkHighWaterMark("options.highWaterMark", hwm);
    return this;
  }

  /** Node's {@code objectMode}: chunks are any objects, each counting 1. */
  public ReadableOptions<T> objectMode(boolean objectMode) {
    this.objectMode = objectMode;
    this.objectModeSet = true;
    return this;
  }

  /** Node's {@code encoding}: decode buffers to strings (as {@code setEncoding}). */
  public ReadableOptions<T> encoding(String encoding) {
    this.encoding = encoding;
    return this;
  }

  /** Node's {@code emitClose} (default true). */
  public ReadableOptions<T> emitClose(boolean emitClose) {
    this.emitClose = emitClose;
    return this;
  }

  /** Node's {@code autoDestroy} (default true). */
  public ReadableOptions<T> autoDestroy(boolean autoDestroy) {
    this.autoDestroy = autoDestroy;
    return this;
  }

  /** Node's {@code read(size)}: the {@code _read} implementation. */
  public ReadableOptions<T> read(Hooks.Read<T> read) {
    this.read = read;
    return this;
  }

  /** Node's {@code destroy(err, cb)}: the {@code _destroy} implementation. */
  public ReadableOptions<T> destroy(Hooks.Destroy destroy) {
    this.destroy = destroy;
    return this;
  }

  /** Node's {@code construct(cb)}: the {@code _construct} implementation. */
  public ReadableOptions<T> construct(Hooks.WithCallback construct) {
    this.construct = construct;
    return this;
  }
}
