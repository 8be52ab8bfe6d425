package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_METHOD_NOT_IMPLEMENTED;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.errors.ErrorCode.ERR_STREAM_PUSH_AFTER_EOF;
import static dev.weir.errors.ErrorCode.ERR_STREAM_UNSHIFT_AFTER_END_EVENT;

import dev.weir.buffer.Buffer;
import dev.weir.buffer.StringDecoder;
import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.events.Listener2;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A source of data; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html#class-streamreadable">stream.Readable</a>
 * and {@code lib/internal/streams/readable.js}. Subclasses implement {@link #_read} and call
 * {@link #push}; or pass {@code read} in {@link ReadableOptions}.
 *
 * <p>Paused and flowing modes follow Node: a {@code 'data'} listener, {@link #resume()} or
 * {@link #pipe} start flowing; {@code 'readable'} takes precedence over {@code 'data'};
 * {@link #readableFlowing()} is null, TRUE or FALSE; {@code 'end'} fires only after every chunk
 * was consumed. {@link #pipe} applies backpressure: the source pauses while any destination's
 * {@code write()} returned false and resumes on its {@code 'drain'}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Generic in the chunk type {@code T}; after {@link #setEncoding} chunks are strings, so use
 *       the {@code Readable<String>} it returns.</li>
 *   <li>{@link #push(Object)} takes any object: {@code push(null)} ends the stream and strings
 *       are accepted on byte streams, as in Node; a wrong type gets {@code ERR_INVALID_ARG_TYPE}
 *       through {@code 'error'}.</li>
 *   <li>{@link #from} takes a Java {@link Iterable}, {@link Iterator} or
 *       {@link java.util.stream.Stream} and pulls synchronously; Node's async iterators have no
 *       counterpart here.</li>
 *   <li>No async iteration ({@code for await}), {@code readable.map/filter/…}, or
 *       {@code signal} option.</li>
 * </ul>
 */
public class Readable<T> extends Stream {
  private static final int MAX_HWM = 0x40000000;

  private final Hooks.Read<T> readHook;

  // Tasks allocated once per stream so the hot path schedules without allocating.
  private final dev.weir.loop.Task maybeReadMoreTask = this::maybeReadMore_;
  private final dev.weir.loop.Task emitReadableTask = this::emitReadable_;
  private final dev.weir.loop.Task resumeTask = this::resume_;

  /** A byte stream with default options; override {@link #_read}. */
  public Readable() {
    this(new ReadableOptions<>());
  }

  /** A stream with {@code options}. */
  public Readable(ReadableOptions<T> options) {
    this.readHook = options.read;
    this.readableState = new ReadableState(options);
    initLifecycle(options.emitClose, options.autoDestroy, options.destroy, options.construct);
    construct(() -> {
      if (readableState.needReadable) {
        maybeReadMore();
      }
    });
  }

  // ---- hooks ------------------------------------------------------------------------------

  /**
   * Node's {@code _read(size)}: fetch data and {@link #push} it; called again after each push
   * until push returns false. Throwing destroys the stream with the exception.
   */
  protected void _read(int size) throws Exception {
    if (readHook == null) {
      throw ERR_METHOD_NOT_IMPLEMENTED.error("_read()");
    }
    readHook.read(this, size);
  }

  // ---- push / unshift ---------------------------------------------------------------------

  /**
   * Node's {@code push(chunk)}: queues {@code chunk} ({@code null} ends the stream); returns
   * whether more may be pushed (the buffer is below {@code highWaterMark}).
   */
  public boolean push(Object chunk) {
    return push(chunk, null);
  }

  /** Node's {@code push(chunk, encoding)} for string chunks. */
  public boolean push(Object chunk, String encoding) {
    loop.checkInLoop();
    return pushChunk(chunk, encoding);
  }

  /**
   * {@code push} after the thread check. The common case, a non-empty Buffer (or any object in
   * object mode) added to a live stream without a decoder, is kept small enough for the JIT to
   * inline; everything else takes {@link #readableAddChunk}, which handles every case.
   */
  final boolean pushChunk(Object chunk, String encoding) {
    ReadableState state = readableState;
    if (chunk != null && state.decoder == null && !state.ended && !destroyed && errored == null
        && (state.objectMode || (chunk instanceof Buffer && ((Buffer) chunk).length() > 0))) {
      state.reading = false;
      addChunk(chunk, false);
      return !state.ended && (state.length < state.highWaterMark || state.length == 0);
    }
    return readableAddChunk(chunk, encoding, false);
  }

  /** Node's {@code unshift(chunk)}: puts data back at the front of the buffer. */
  public void unshift(Object chunk) {
    unshift(chunk, null);
  }

  /** Node's {@code unshift(chunk, encoding)}. */
  public void unshift(Object chunk, String encoding) {
    loop.checkInLoop();
    readableAddChunk(chunk, encoding, true);
  }

  private boolean readableAddChunk(Object chunk, String encoding, boolean addToFront) {
    ReadableState state = readableState;
    Throwable err = null;
    if (!state.objectMode && chunk != null) {
      // Buffer (a final class) first: one class compare on the hot path, where an interface
      // check (CharSequence) that fails scans the class's supertypes.
      if (chunk instanceof Buffer) {
        encoding = "";
      } else if (chunk instanceof CharSequence) {
        String s = chunk.toString();
        String enc = encoding != null ? encoding : state.defaultEncoding;
        if (state.encoding == null || !state.encoding.equals(normalize(enc))) {
          if (addToFront && state.encoding != null) {
            chunk = Buffer.from(s, enc).toString(state.encoding);
          } else {
            chunk = Buffer.from(s, enc);
            encoding = "";
          }
        } else {
          chunk = s;
        }
      } else if (chunk instanceof byte[]) {
        chunk = Buffer.from((byte[]) chunk);
        encoding = "";
      } else {
        err = ERR_INVALID_ARG_TYPE.error("chunk",
            "of type string or an instance of Buffer or Uint8Array", describe(chunk));
      }
    }
    if (err != null) {
      // Node: readableAddChunkPushByteMode returns false after reporting a wrong type.
      errorOrDestroy(err, false);
      return false;
    } else if (chunk == null) {
      state.reading = false;
      onEofChunk();
    } else if (state.objectMode || chunkLength(chunk) > 0) {
      if (addToFront) {
        if (state.endEmitted) {
          errorOrDestroy(ERR_STREAM_UNSHIFT_AFTER_END_EVENT.error(), false);
        } else if (destroyed || errored != null) {
          return false;
        } else {
          addChunk(chunk, true);
        }
      } else if (state.ended) {
        errorOrDestroy(ERR_STREAM_PUSH_AFTER_EOF.error(), false);
      } else if (destroyed || errored != null) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder != null && (encoding == null || encoding.isEmpty())
            && chunk instanceof Buffer) {
          String decoded = state.decoder.write((Buffer) chunk);
          if (state.objectMode || decoded.length() != 0) {
            addChunk(decoded, false);
          } else {
            maybeReadMore();
          }
        } else {
          addChunk(chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore();
    }
    return !state.ended && (state.length < state.highWaterMark || state.length == 0);
  }

  private static String normalize(String encoding) {
    return new StringDecoder(encoding).encoding();
  }

  private long chunkLength(Object chunk) {
    if (readableState.objectMode) {
      return 1;
    }
    return chunk instanceof Buffer ? ((Buffer) chunk).length() : ((String) chunk).length();
  }

  private void addChunk(Object chunk, boolean addToFront) {
    ReadableState state = readableState;
    if (state.flowing == Boolean.TRUE && state.length == 0 && !state.sync
        && state.dataListening) {
      state.clearAwaitDrain();
      state.dataEmitted = true;
      emit("data", chunk);
    } else {
      state.length += chunkLength(chunk);
      if (addToFront) {
        state.buffer.addFirst(chunk);
      } else {
        state.buffer.addLast(chunk);
      }
      if (state.needReadable) {
        emitReadable();
      }
    }
    maybeReadMore();
  }

  private void onEofChunk() {
    ReadableState state = readableState;
    if (state.ended) {
      return;
    }
    if (state.decoder != null) {
      String rest = state.decoder.end();
      if (!rest.isEmpty()) {
        state.buffer.addLast(rest);
        state.length += state.objectMode ? 1 : rest.length();
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable();
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadable_();
    }
  }

  private void emitReadable() {
    ReadableState state = readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      loop.nextTick(emitReadableTask);
    }
  }

  private void emitReadable_() {
    ReadableState state = readableState;
    if (!destroyed && errored == null && (state.length > 0 || state.ended)) {
      emit("readable");
      state.emittedReadable = false;
    }
    state.needReadable = state.flowing != Boolean.TRUE && !state.ended
        && state.length <= state.highWaterMark;
    flow();
  }

  private void maybeReadMore() {
    ReadableState state = readableState;
    if (!state.readingMore && constructed) {
      state.readingMore = true;
      loop.nextTick(maybeReadMoreTask);
    }
  }

  private void maybeReadMore_() {
    ReadableState state = readableState;
    while (!state.reading && !state.ended && (state.length < state.highWaterMark
        || (state.flowing == Boolean.TRUE && state.length == 0))) {
      long len = state.length;
      read(0);
      if (len == state.length) {
        break;
      }
    }
    state.readingMore = false;
  }

  // ---- read -------------------------------------------------------------------------------

  /**
   * Node's {@code read()}: everything buffered (in flowing mode, the first chunk), or null when
   * nothing is buffered; in object mode, one object.
   */
  public T read() {
    loop.checkInLoop();
    return readImpl(0, true);
  }

  /**
   * Node's {@code read(n)}: exactly {@code n} bytes (or characters with an encoding), or null if
   * fewer are buffered and the stream has not ended; {@code read(0)} only triggers a refill.
   * Asking for more than 1 GiB throws {@code ERR_OUT_OF_RANGE}, as Node 20 does.
   */
  public T read(int n) {
    loop.checkInLoop();
    if (n < 0) {
      n = 0;
    }
    return readImpl(n, false);
  }

  @SuppressWarnings("unchecked")
  private T readImpl(long n, boolean all) {
    ReadableState state = readableState;
    long nOrig = n;
    boolean origAll = all;
    if (!all && n > state.highWaterMark) {
      state.highWaterMark = computeNewHighWaterMark(n);
    }
    if (all || n != 0) {
      state.emittedReadable = false;
    }
    if (!all && n == 0 && state.needReadable
        && ((state.highWaterMark != 0 ? state.length >= state.highWaterMark : state.length > 0)
            || state.ended)) {
      if (state.length == 0 && state.ended) {
        endReadable();
      } else {
        emitReadable();
      }
      return null;
    }
    n = howMuchToRead(n, all);
    all = false;
    if (n == 0 && state.ended) {
      if (state.length == 0) {
        endReadable();
      }
      return null;
    }
    boolean doRead = state.needReadable;
    if (state.length == 0 || state.length - n < state.highWaterMark) {
      doRead = true;
    }
    if (state.ended || state.reading || destroyed || errored != null || !constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length == 0) {
        state.needReadable = true;
      }
      try {
        _read(state.highWaterMark);
      } catch (Exception e) {
        errorOrDestroy(e, false);
      }
      state.sync = false;
      if (!state.reading) {
        n = howMuchToRead(nOrig, origAll);
      }
    }
    Object ret = n > 0 ? fromList(n) : null;
    if (ret == null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= n;
      state.clearAwaitDrain();
    }
    if (state.length == 0) {
      if (!state.ended) {
        state.needReadable = true;
      }
      if ((origAll || nOrig != n) && state.ended) {
        endReadable();
      }
    }
    if (ret != null && !errorEmitted && !closeEmitted) {
      state.dataEmitted = true;
      emit("data", ret);
    }
    return (T) ret;
  }

  private static int computeNewHighWaterMark(long n) {
    // Node 20: readable.js computeNewHighWaterMark() refuses to grow past 1 GiB.
    if (n > MAX_HWM) {
      throw ERR_OUT_OF_RANGE.error("size", "<= 1GiB", n);
    }
    if (n == MAX_HWM) {
      return MAX_HWM;
    }
    int v = (int) n - 1;
    v |= v >>> 1;
    v |= v >>> 2;
    v |= v >>> 4;
    v |= v >>> 8;
    v |= v >>> 16;
    return v + 1;
  }

  private long howMuchToRead(long n, boolean all) {
    ReadableState state = readableState;
    if ((!all && n <= 0) || (state.length == 0 && state.ended)) {
      return 0;
    }
    if (state.objectMode) {
      return 1;
    }
    if (all) {
      if (state.flowing == Boolean.TRUE && state.length > 0) {
        return chunkLength(state.buffer.peekFirst());
      }
      return state.length;
    }
    if (n <= state.length) {
      return n;
    }
    return state.ended ? state.length : 0;
  }

  /** Node's {@code fromList}: takes {@code n} units from the buffer, slicing without copying. */
  private Object fromList(long n) {
    ReadableState state = readableState;
    if (state.length == 0) {
      return null;
    }
    if (state.objectMode) {
      return state.buffer.pollFirst();
    }
    if (n >= state.length) {
      Object ret;
      if (state.buffer.size() == 1) {
        ret = state.buffer.pollFirst();
      } else if (state.decoder != null) {
        StringBuilder sb = new StringBuilder((int) state.length);
        for (Object o : state.buffer) {
          sb.append(o);
        }
        ret = sb.toString();
      } else {
        List<Buffer> list = new ArrayList<>(state.buffer.size());
        for (Object o : state.buffer) {
          list.add((Buffer) o);
        }
        ret = Buffer.concat(list, (int) state.length);
      }
      state.buffer.clear();
      return ret;
    }
    return consume((int) n);
  }

  private Object consume(int n) {
    ArrayDeque<Object> buffer = readableState.buffer;
    Object first = buffer.peekFirst();
    if (first instanceof String) {
      String s = (String) first;
      if (n < s.length()) {
        buffer.pollFirst();
        buffer.addFirst(s.substring(n));
        return s.substring(0, n);
      }
      if (n == s.length()) {
        return buffer.pollFirst();
      }
      StringBuilder sb = new StringBuilder(n);
      while (sb.length() < n) {
        String head = (String) buffer.pollFirst();
        int need = n - sb.length();
        if (head.length() > need) {
          sb.append(head, 0, need);
          buffer.addFirst(head.substring(need));
        } else {
          sb.append(head);
        }
      }
      return sb.toString();
    }
    Buffer b = (Buffer) first;
    if (n < b.length()) {
      buffer.pollFirst();
      buffer.addFirst(b.subarray(n));
      return b.subarray(0, n);
    }
    if (n == b.length()) {
      return buffer.pollFirst();
    }
    Buffer ret = Buffer.allocUnsafe(n);
    int filled = 0;
    while (filled < n) {
      Buffer head = (Buffer) buffer.pollFirst();
      int need = n - filled;
      if (head.length() > need) {
        head.copy(ret, filled, 0, need);
        buffer.addFirst(head.subarray(need));
        filled = n;
      } else {
        head.copy(ret, filled, 0, head.length());
        filled += head.length();
      }
    }
    return ret;
  }

  private void endReadable() {
    ReadableState state = readableState;
    if (!state.endEmitted) {
      state.ended = true;
      loop.nextTick(this::endReadableNT);
    }
  }

  private void endReadableNT() {
    ReadableState state = readableState;
    if (errored == null && !closeEmitted && !state.endEmitted && state.length == 0) {
      state.endEmitted = true;
      emit("end");
      WritableState w = writableState;
      if (w != null && w.isWritable() && !allowHalfOpen()) {
        loop.nextTick(() -> {
          if (w.isWritable() && !w.ending && !destroyed) {
            w.end(null, null, null);
          }
        });
      } else if (autoDestroy) {
        // Node: a duplex is destroyed only when its writable side is done as well.
        boolean destroyNow = w == null || w.finished || !w.writable;
        if (destroyNow) {
          destroy();
        }
      }
    }
  }

  /** Whether the writable side stays open after 'end'; overridden by {@link Duplex}. */
  boolean allowHalfOpen() {
    return true;
  }

  // ---- flowing mode -----------------------------------------------------------------------

  /** Node's {@code resume()}: switches to flowing mode and emits {@code 'resume'}. */
  public Readable<T> resume() {
    loop.checkInLoop();
    ReadableState state = readableState;
    if (state.flowing != Boolean.TRUE) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        loop.nextTick(resumeTask);
      }
    }
    state.paused = Boolean.FALSE;
    return this;
  }

  private void resume_() {
    ReadableState state = readableState;
    if (!state.reading) {
      read(0);
    }
    state.resumeScheduled = false;
    emit("resume");
    flow();
    if (state.flowing == Boolean.TRUE && !state.reading) {
      read(0);
    }
  }

  /** Node's {@code pause()}: stops flowing and emits {@code 'pause'}. */
  public Readable<T> pause() {
    loop.checkInLoop();
    ReadableState state = readableState;
    if (state.flowing != Boolean.FALSE) {
      state.flowing = Boolean.FALSE;
      emit("pause");
    }
    state.paused = Boolean.TRUE;
    return this;
  }

  /** Node's {@code isPaused()}. */
  public boolean isPaused() {
    ReadableState state = readableState;
    return state.paused == Boolean.TRUE || state.flowing == Boolean.FALSE;
  }

  private void flow() {
    ReadableState state = readableState;
    while (state.flowing == Boolean.TRUE && readImpl(0, true) != null) {
      // read() emits 'data'
    }
  }

  /**
   * Node's {@code setEncoding(encoding)}: chunks become strings decoded without splitting
   * characters. Returns this stream typed as a {@code Readable<String>}.
   */
  @SuppressWarnings("unchecked")
  public Readable<String> setEncoding(String encoding) {
    loop.checkInLoop();
    ReadableState state = readableState;
    StringDecoder decoder = new StringDecoder(encoding);
    state.decoder = decoder;
    state.encoding = decoder.encoding();
    StringBuilder content = new StringBuilder();
    for (Object data : state.buffer) {
      content.append(data instanceof Buffer ? decoder.write((Buffer) data) : data.toString());
    }
    state.buffer.clear();
    if (content.length() > 0) {
      state.buffer.addLast(content.toString());
    }
    state.length = content.length();
    return (Readable<String>) (Readable<?>) this;
  }

  // ---- listeners: 'data' and 'readable' change the mode, as Node's Readable.prototype.on --

  private void onListenerAdded(String event) {
    ReadableState state = readableState;
    if ("data".equals(event)) {
      state.dataListening = true;
      state.readableListening = listenerCount("readable") > 0;
      if (state.flowing != Boolean.FALSE) {
        resume();
      }
    } else if ("readable".equals(event)) {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = true;
        state.needReadable = true;
        state.flowing = Boolean.FALSE;
        state.emittedReadable = false;
        if (state.length > 0) {
          emitReadable();
        } else if (!state.reading) {
          loop.nextTick(() -> read(0));
        }
      }
    }
  }

  private void updateReadableListening() {
    ReadableState state = readableState;
    state.readableListening = listenerCount("readable") > 0;
    if (state.resumeScheduled && state.paused == Boolean.FALSE) {
      state.flowing = Boolean.TRUE;
    } else if (state.dataListening) {
      resume();
    } else if (!state.readableListening) {
      state.flowing = null;
    }
  }

  @Override
  public Readable<T> on(String event, Listener0 listener) {
    super.on(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public <A> Readable<T> on(String event, Listener1<A> listener) {
    super.on(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public <A, B> Readable<T> on(String event, Listener2<A, B> listener) {
    super.on(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public Readable<T> addListener(String event, Listener0 listener) {
    return on(event, listener);
  }

  @Override
  public <A> Readable<T> addListener(String event, Listener1<A> listener) {
    return on(event, listener);
  }

  @Override
  public <A, B> Readable<T> addListener(String event, Listener2<A, B> listener) {
    return on(event, listener);
  }

  @Override
  public Readable<T> once(String event, Listener0 listener) {
    super.once(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public <A> Readable<T> once(String event, Listener1<A> listener) {
    super.once(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public <A, B> Readable<T> once(String event, Listener2<A, B> listener) {
    super.once(event, listener);
    onListenerAdded(event);
    return this;
  }

  @Override
  public Readable<T> removeListener(String event, Object listener) {
    super.removeListener(event, listener);
    if ("readable".equals(event)) {
      loop.nextTick(this::updateReadableListening);
    } else if ("data".equals(event) && listenerCount("data") == 0) {
      // Node: only removeListener clears kDataListening; removeAllListeners('data') does not.
      readableState.dataListening = false;
    }
    return this;
  }

  @Override
  public Readable<T> off(String event, Object listener) {
    return removeListener(event, listener);
  }

  @Override
  public Readable<T> removeAllListeners(String event) {
    super.removeAllListeners(event);
    if ("readable".equals(event)) {
      loop.nextTick(this::updateReadableListening);
    }
    return this;
  }

  @Override
  public Readable<T> removeAllListeners() {
    super.removeAllListeners();
    loop.nextTick(this::updateReadableListening);
    return this;
  }

  // ---- pipe -------------------------------------------------------------------------------

  /** The second argument of {@code 'unpipe'}: Node's {@code unpipeInfo}. */
  static final class UnpipeInfo {
    boolean hasUnpiped;
  }

  /** Node's {@code pipe(destination)}: see {@link #pipe(WritableStream, PipeOptions)}. */
  public <W extends WritableStream<?>> W pipe(W destination) {
    return pipe(destination, PipeOptions.DEFAULT);
  }

  /**
   * Node's {@code pipe(destination, {end})}: writes every chunk to {@code destination}, pausing
   * this stream while the destination's {@code write()} returns false and resuming on its
   * {@code 'drain'}; ends it on {@code 'end'} unless {@code end} is false. Errors do not destroy
   * either side. Returns {@code destination}, for chaining.
   *
   * <p>As in Node, the destination's chunk type is not checked against this stream's: strings
   * (a {@code Readable<String>}, or after {@link #setEncoding}) may be piped into a byte stream,
   * which encodes them; a chunk the destination cannot take fails its {@code write()}.
   */
  @SuppressWarnings("unchecked")
  public <W extends WritableStream<?>> W pipe(W destination, PipeOptions options) {
    loop.checkInLoop();
    if (destination == null) {
      throw ERR_INVALID_ARG_TYPE.error("destination", "a writable stream", "null");
    }
    WritableStream<Object> dest = (WritableStream<Object>) destination;
    Readable<T> src = this;
    ReadableState state = readableState;
    if (state.pipes.size() == 1 && !state.multiAwaitDrain) {
      state.multiAwaitDrain = true;
      Set<Object> set = new HashSet<>();
      if (state.awaitDrainWriters != null) {
        set.add(state.awaitDrainWriters);
      }
      state.awaitDrainWriters = set;
    }
    state.pipes.add(dest);
    Pipe pipe = new Pipe(src, dest);
    Listener0 endFn = options.end() ? pipe::onend : pipe::unpipe;
    pipe.endFn = endFn;
    if (state.endEmitted) {
      loop.nextTick(endFn::call);
    } else {
      src.once("end", endFn);
    }
    dest.on("unpipe", pipe.onunpipe);
    src.on("data", pipe.ondata);
    dest.prependListener("error", pipe.onerror);
    dest.once("close", pipe.onclose);
    dest.once("finish", pipe.onfinish);
    dest.emit("pipe", src);
    if (dest.writableNeedDrain()) {
      pipe.pause();
    } else if (state.flowing != Boolean.TRUE) {
      resume();
    }
    return destination;
  }

  /** The listeners of one {@code src.pipe(dest)}, as the closures of Node's pipe(). */
  private final class Pipe {
    final Readable<T> src;
    final WritableStream<Object> dest;
    Listener0 endFn;
    Listener0 ondrain;
    boolean cleanedUp;
    final Listener2<Object, Object> onunpipe = this::onunpipe;
    final Listener1<Object> ondata = this::ondata;
    final Listener1<Throwable> onerror = this::onerror;
    final Listener0 onclose = this::onclose;
    final Listener0 onfinish = this::onfinish;

    Pipe(Readable<T> src, WritableStream<Object> dest) {
      this.src = src;
      this.dest = dest;
    }

    void onunpipe(Object readable, Object info) throws Exception {
      if (readable == src && info instanceof UnpipeInfo && !((UnpipeInfo) info).hasUnpiped) {
        ((UnpipeInfo) info).hasUnpiped = true;
        cleanup();
      }
    }

    void onend() {
      dest.end();
    }

    void cleanup() throws Exception {
      dest.removeListener("close", onclose);
      dest.removeListener("finish", onfinish);
      if (ondrain != null) {
        dest.removeListener("drain", ondrain);
      }
      dest.removeListener("error", onerror);
      dest.removeListener("unpipe", onunpipe);
      src.removeListener("end", endFn);
      src.removeListener("data", ondata);
      cleanedUp = true;
      ReadableState state = readableState;
      if (ondrain != null && state.awaitDrainWriters != null
          && (!(dest instanceof Stream) || ((Stream) dest).writableState == null
              || ((Stream) dest).writableState.needDrain)) {
        ondrain.call();
      }
    }

    void pause() {
      ReadableState state = readableState;
      if (!cleanedUp) {
        if (state.pipes.size() == 1 && state.pipes.get(0) == dest) {
          state.awaitDrainWriters = dest;
          state.multiAwaitDrain = false;
        } else if (state.pipes.size() > 1 && state.pipes.contains(dest)) {
          @SuppressWarnings("unchecked")
          Set<Object> set = (Set<Object>) state.awaitDrainWriters;
          set.add(dest);
        }
        src.pause();
      }
      if (ondrain == null) {
        ondrain = this::pipeOnDrain;
        dest.on("drain", ondrain);
      }
    }

    void pipeOnDrain() {
      ReadableState state = readableState;
      if (state.awaitDrainWriters == dest) {
        state.awaitDrainWriters = null;
      } else if (state.multiAwaitDrain) {
        ((Set<?>) state.awaitDrainWriters).remove(dest);
      }
      boolean none = state.awaitDrainWriters == null
          || (state.multiAwaitDrain && ((Set<?>) state.awaitDrainWriters).isEmpty());
      if (none && state.dataListening) {
        src.resume();
      }
    }

    void ondata(Object chunk) {
      boolean ret = dest.write(chunk);
      if (!ret) {
        pause();
      }
    }

    void onerror(Throwable er) {
      unpipe();
      dest.removeListener("error", onerror);
      if (dest.listenerCount("error") == 0) {
        Stream s = dest.asStream();
        if (!s.errorEmitted) {
          s.errorOrDestroy(er, false);
        } else {
          dest.emit("error", er);
        }
      }
    }

    void onclose() {
      dest.removeListener("finish", onfinish);
      unpipe();
    }

    void onfinish() {
      dest.removeListener("close", onclose);
      unpipe();
    }

    void unpipe() {
      src.unpipe(dest);
    }
  }

  /** Node's {@code unpipe()}: detaches every destination. */
  public Readable<T> unpipe() {
    loop.checkInLoop();
    ReadableState state = readableState;
    if (state.pipes.isEmpty()) {
      return this;
    }
    List<WritableStream<?>> dests = state.pipes;
    state.pipes = new ArrayList<>(1);
    pause();
    for (WritableStream<?> dest : dests) {
      dest.emit("unpipe", this, new UnpipeInfo());
    }
    return this;
  }

  /** Node's {@code unpipe(destination)}: detaches one destination; others keep flowing. */
  public Readable<T> unpipe(WritableStream<?> destination) {
    if (destination == null) {
      return unpipe();
    }
    loop.checkInLoop();
    ReadableState state = readableState;
    int index = state.pipes.indexOf(destination);
    if (index < 0) {
      return this;
    }
    state.pipes.remove(index);
    if (state.pipes.isEmpty()) {
      pause();
    }
    destination.emit("unpipe", this, new UnpipeInfo());
    return this;
  }

  // ---- state ------------------------------------------------------------------------------

  /** Node's {@code readable}: true while it is safe to read (not ended, errored or destroyed). */
  public boolean readable() {
    ReadableState state = readableState;
    return state.readable && !destroyed && errored == null && !state.endEmitted;
  }

  /** Node's {@code readableEnded}: {@code 'end'} was emitted. */
  public final boolean readableEnded() {
    return readableState.endEmitted;
  }

  /** Node's {@code readableLength}: bytes (or characters, or objects) buffered. */
  public final long readableLength() {
    return readableState.length;
  }

  /** Node's {@code readableHighWaterMark}. */
  public final int readableHighWaterMark() {
    return readableState.highWaterMark;
  }

  /** Node's {@code readableFlowing}: null, TRUE or FALSE. */
  public final Boolean readableFlowing() {
    return readableState.flowing;
  }

  /** Node's {@code readableObjectMode}. */
  public final boolean readableObjectMode() {
    return readableState.objectMode;
  }

  /**
   * The destination of this stream's only pipe while that pipe is all that consumes it: flowing,
   * nothing buffered, no encoding, no other {@code 'data'} or any {@code 'readable'} listener;
   * else null. For subclasses that can move bytes to such a destination without chunks (a file
   * or socket forwarded by the kernel); a Weir extension.
   */
  protected final WritableStream<?> solePipeDestination() {
    ReadableState state = readableState;
    if (state.pipes.size() != 1 || state.flowing != Boolean.TRUE || state.length != 0
        || readableEncoding() != null || listenerCount("data") != 1
        || listenerCount("readable") != 0) {
      return null;
    }
    return state.pipes.get(0);
  }

  /** Node's {@code readableEncoding}: the {@link #setEncoding} encoding, or null. */
  public final String readableEncoding() {
    return readableState.encoding;
  }

  /** Node's {@code readableAborted}: destroyed or errored before 'end'. */
  public final boolean readableAborted() {
    // Node: a Duplex created with readable: false is never aborted on its readable side.
    return readableState.readable && (destroyed || errored != null)
        && !readableState.endEmitted;
  }

  /** Node's {@code readableDidRead}: 'data' was emitted at least once. */
  public final boolean readableDidRead() {
    return readableState.dataEmitted;
  }

  @Override
  public Readable<T> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Readable<T> destroy(Throwable err) {
    super.destroy(err);
    return this;
  }

  // ---- Readable.from ----------------------------------------------------------------------

  /**
   * Node's {@code Readable.from(iterable)}: an object-mode stream (highWaterMark 1, as Node) of
   * the items, pulled only while {@code push} returns true. A null item is
   * {@code ERR_STREAM_NULL_VALUES}.
   */
  public static <T> Readable<T> from(Iterable<? extends T> iterable) {
    if (iterable == null) {
      throw ERR_INVALID_ARG_TYPE.error("iterable", "an Iterable", "null");
    }
    return FromIterator.create(iterable.iterator(),
        iterable instanceof AutoCloseable ? (AutoCloseable) iterable : null);
  }

  /** Node's {@code Readable.from(iterator)}; see {@link #from(Iterable)}. */
  public static <T> Readable<T> from(Iterator<? extends T> iterator) {
    if (iterator == null) {
      throw ERR_INVALID_ARG_TYPE.error("iterable", "an Iterator", "null");
    }
    return FromIterator.create(iterator,
        iterator instanceof AutoCloseable ? (AutoCloseable) iterator : null);
  }

  /**
   * Node's {@code Readable.from(iterable)} for a Java stream: consumed lazily with backpressure,
   * closed when the Readable is destroyed (including after it ended).
   */
  public static <T> Readable<T> from(java.util.stream.Stream<? extends T> stream) {
    if (stream == null) {
      throw ERR_INVALID_ARG_TYPE.error("iterable", "a Stream", "null");
    }
    return FromIterator.create(stream.iterator(), stream);
  }

  /** Node's {@code Readable.from} with explicit options (e.g. a larger {@code highWaterMark}). */
  public static <T> Readable<T> from(Iterable<? extends T> iterable, ReadableOptions<T> options) {
    if (iterable == null) {
      throw ERR_INVALID_ARG_TYPE.error("iterable", "an Iterable", "null");
    }
    return FromIterator.create(iterable.iterator(),
        iterable instanceof AutoCloseable ? (AutoCloseable) iterable : null, options);
  }
}
