package dev.weir.stream;

import dev.weir.events.EventEmitter;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.events.Listener2;

/**
 * Anything Node accepts as a writable: {@link Writable}, {@link Duplex}, {@link Transform},
 * {@link PassThrough}, and in streams-nio a {@code Socket} or an HTTP {@code ServerResponse}.
 * Mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#writable-streams">writable
 * streams</a> API; {@link Readable#pipe} and {@link Stream#pipeline} take it.
 *
 * <p>Strings may be written to byte streams: {@code ws.write("line\n")} encodes with the
 * default encoding (utf8). The string overloads take {@link CharSequence} so that they do not
 * collide with {@code write(T)} when {@code T} is {@code String}.
 *
 * <p>Implementations are {@link Stream}s (subclasses of {@link Writable} or {@link Duplex}); the
 * event methods below are those of {@link EventEmitter}.
 */
public interface WritableStream<T> {

  /** Node's {@code write(chunk)}: false once the buffer reached {@code highWaterMark}. */
  default boolean write(T chunk) {
    return asStream().writableState.write(chunk, null, null) == Boolean.TRUE;
  }

  /** Node's {@code write(chunk, callback)}. */
  default boolean write(T chunk, Callback callback) {
    return asStream().writableState.write(chunk, null, callback) == Boolean.TRUE;
  }

  /** Node's {@code write(chunk, encoding, callback)}. */
  default boolean write(T chunk, String encoding, Callback callback) {
    return asStream().writableState.write(chunk, encoding, callback) == Boolean.TRUE;
  }

  /** Node's {@code write(string)}, encoded with the default encoding. */
  default boolean write(CharSequence chunk) {
    return asStream().writableState.write(chunk, null, null) == Boolean.TRUE;
  }

  /** Node's {@code write(string, encoding)}. */
  default boolean write(CharSequence chunk, String encoding) {
    return asStream().writableState.write(chunk, encoding, null) == Boolean.TRUE;
  }

  /** Node's {@code write(string, callback)}. */
  default boolean write(CharSequence chunk, Callback callback) {
    return asStream().writableState.write(chunk, null, callback) == Boolean.TRUE;
  }

  /** Node's {@code write(string, encoding, callback)}. */
  default boolean write(CharSequence chunk, String encoding, Callback callback) {
    return asStream().writableState.write(chunk, encoding, callback) == Boolean.TRUE;
  }

  /** Node's {@code end()}. */
  default WritableStream<T> end() {
    asStream().writableState.end(null, null, null);
    return this;
  }

  /** Node's {@code end(callback)}: {@code callback} runs on 'finish' or with the error. */
  default WritableStream<T> end(Callback callback) {
    asStream().writableState.end(null, null, callback);
    return this;
  }

  /** Node's {@code end(chunk)}. */
  default WritableStream<T> end(T chunk) {
    asStream().writableState.end(chunk, null, null);
    return this;
  }

  /** Node's {@code end(chunk, callback)}. */
  default WritableStream<T> end(T chunk, Callback callback) {
    asStream().writableState.end(chunk, null, callback);
    return this;
  }

  /** Node's {@code end(string)}. */
  default WritableStream<T> end(CharSequence chunk) {
    asStream().writableState.end(chunk, null, null);
    return this;
  }

  /** Node's {@code end(string, callback)}. */
  default WritableStream<T> end(CharSequence chunk, Callback callback) {
    asStream().writableState.end(chunk, null, callback);
    return this;
  }

  /** Node's {@code end(string, encoding)}. */
  default WritableStream<T> end(CharSequence chunk, String encoding) {
    asStream().writableState.end(chunk, encoding, null);
    return this;
  }

  /** Node's {@code end(string, encoding, callback)}. */
  default WritableStream<T> end(CharSequence chunk, String encoding, Callback callback) {
    asStream().writableState.end(chunk, encoding, callback);
    return this;
  }

  /** Node's {@code cork()}: buffer writes until {@link #uncork()} (nested). */
  default void cork() {
    asStream().writableState.cork();
  }

  /** Node's {@code uncork()}: flushes through {@code _writev} when it is defined. */
  default void uncork() {
    asStream().writableState.uncork();
  }

  /** Node's {@code setDefaultEncoding(encoding)}. */
  default WritableStream<T> setDefaultEncoding(String encoding) {
    asStream().writableState.setDefaultEncoding(encoding);
    return this;
  }

  /** Node's {@code writable}: true while {@code write()} is safe to call. */
  default boolean writable() {
    return asStream().writableState.isWritable();
  }

  /** Node's {@code writableEnded}: {@code end()} was called. */
  default boolean writableEnded() {
    return asStream().writableState.ending;
  }

  /** Node's {@code writableFinished}: 'finish' was emitted. */
  default boolean writableFinished() {
    return asStream().writableState.finished;
  }

  /** Node's {@code writableLength}: bytes (or objects) queued. */
  default long writableLength() {
    return asStream().writableState.length;
  }

  /** Node's {@code writableHighWaterMark}. */
  default int writableHighWaterMark() {
    return asStream().writableState.highWaterMark;
  }

  /** Node's {@code writableNeedDrain}: a write returned false and 'drain' is pending. */
  default boolean writableNeedDrain() {
    return asStream().writableState.needDrain();
  }

  /** Node's {@code writableCorked}: how many {@code uncork()} calls are needed. */
  default int writableCorked() {
    return asStream().writableState.corked;
  }

  /** Node's {@code writableObjectMode}. */
  default boolean writableObjectMode() {
    return asStream().writableState.objectMode;
  }

  /** Node's {@code destroyed}. */
  boolean destroyed();

  /** Node's {@code closed}. */
  boolean closed();

  /** Node's {@code errored}. */
  Throwable errored();

  /** Node's {@code destroy()}. */
  Stream destroy();

  /** Node's {@code destroy(err)}. */
  Stream destroy(Throwable err);

  /** {@link EventEmitter#on(String, Listener0)}. */
  EventEmitter on(String event, Listener0 listener);

  /** {@link EventEmitter#on(String, Listener1)}. */
  <A> EventEmitter on(String event, Listener1<A> listener);

  /** {@link EventEmitter#on(String, Listener2)}. */
  <A, B> EventEmitter on(String event, Listener2<A, B> listener);

  /** {@link EventEmitter#once(String, Listener0)}. */
  EventEmitter once(String event, Listener0 listener);

  /** {@link EventEmitter#once(String, Listener1)}. */
  <A> EventEmitter once(String event, Listener1<A> listener);

  /** {@link EventEmitter#prependListener(String, Listener1)}. */
  <A> EventEmitter prependListener(String event, Listener1<A> listener);

  /** {@link EventEmitter#removeListener(String, Object)}. */
  EventEmitter removeListener(String event, Object listener);

  /** {@link EventEmitter#emit(String, Object, Object)}. */
  boolean emit(String event, Object a, Object b);

  /** {@link EventEmitter#emit(String, Object)}. */
  boolean emit(String event, Object a);

  /** {@link EventEmitter#listenerCount(String)}. */
  int listenerCount(String event);

  /**
   * This writable as the {@link Stream} it is: every implementation extends {@link Writable} or
   * {@link Duplex}, whose state the default methods above drive.
   */
  default Stream asStream() {
    return (Stream) this;
  }
}
