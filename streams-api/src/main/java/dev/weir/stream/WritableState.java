package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_METHOD_NOT_IMPLEMENTED;
import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;
import static dev.weir.errors.ErrorCode.ERR_STREAM_ALREADY_FINISHED;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;
import static dev.weir.errors.ErrorCode.ERR_STREAM_NULL_VALUES;
import static dev.weir.errors.ErrorCode.ERR_STREAM_WRITE_AFTER_END;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The writable side's state and algorithm, shared by {@link Writable} and {@link Duplex}; a port
 * of the behaviour of Node's {@code lib/internal/streams/writable.js} with its field names.
 */
final class WritableState {
  /** A callback that does nothing, for writes without one (Node's {@code nop}). */
  static final Callback NOP = err -> {};

  /** One buffered write (Node's {@code {chunk, encoding, callback}}). */
  static final class WriteReq implements WritableChunk<Object> {
    final Object chunk;
    final String encoding;
    final Callback callback;

    WriteReq(Object chunk, String encoding, Callback callback) {
      this.chunk = chunk;
      this.encoding = encoding;
      this.callback = callback;
    }

    @Override
    public Object chunk() {
      return chunk;
    }

    @Override
    public String encoding() {
      return encoding;
    }
  }

  /** Node's {@code afterWriteTickInfo}: sync completions of the same callback, counted. */
  private final class AfterWriteTick implements Task {
    int count;
    Callback cb;

    @Override
    public void run() throws Exception {
      if (afterWriteTickInfo == this) {
        afterWriteTickInfo = null;
      }
      int n = count;
      Callback c = cb;
      count = 0;
      cb = null;
      spareTick = this;
      afterWrite(n, c);
    }
  }

  private final Stream stream;
  /** Node's {@code objectMode}. */
  final boolean objectMode;
  /** Node's {@code highWaterMark}. */
  final int highWaterMark;
  /** Node's {@code decodeStrings}. */
  final boolean decodeStrings;
  /** Node's {@code defaultEncoding}. */
  String defaultEncoding;
  /** Node's {@code writable}: false for a Duplex created with {@code writable: false}. */
  boolean writable = true;
  /** Node's {@code finalCalled}. */
  boolean finalCalled;
  /** Node's {@code needDrain}: a write returned false; emit 'drain' when empty. */
  boolean needDrain;
  /** Node's {@code ending}: {@code end()} was called. */
  boolean ending;
  /** Node's {@code ended}. */
  boolean ended;
  /** Node's {@code finished}: 'finish' was emitted. */
  boolean finished;
  /** Node's {@code length}: bytes (or objects) written and not yet called back. */
  long length;
  /** Node's {@code writing}: a {@code _write} is in flight. */
  boolean writing;
  /** Node's {@code corked}: nesting depth of {@code cork()}. */
  int corked;
  /** Node's {@code sync}: inside the {@code _write} call (its callback must be deferred). */
  boolean sync = true;
  /** Node's {@code bufferProcessing}. */
  boolean bufferProcessing;
  /** Node's {@code writecb}: the callback of the write in flight. */
  Callback writecb;
  /** Node's {@code writelen}. */
  long writelen;
  /** Node's {@code pendingcb}: callbacks not yet called (finish waits for 0). */
  int pendingcb;
  /** Node's {@code prefinished}. */
  boolean prefinished;
  /** Node's {@code buffered}: writes waiting while one is in flight or corked. */
  final WriteQueue buffered = new WriteQueue();
  /** Node's {@code allBuffers}. */
  boolean allBuffers = true;
  /** Node's {@code kOnFinished}: callbacks of {@code end(cb)}. */
  final List<Callback> onFinished = new ArrayList<>(1);
  private AfterWriteTick afterWriteTickInfo;
  /** Node's {@code kAfterWritePending}: an {@code afterWrite} tick is queued. */
  private boolean afterWritePending;
  /** Node's {@code process.nextTick(afterWrite, stream, state, 1, nop)}, allocated once. */
  private final Task afterWriteNop = () -> afterWrite(1, NOP);
  private AfterWriteTick spareTick;
  /** Node's {@code state.onwrite}: the one callback handed to every {@code _write}. */
  final Callback onwrite = this::onwrite;
  private final boolean hasWritev;
  private final boolean hasFinal;
  private final Hooks.Write<Object> writeHook;
  private final Hooks.Writev<Object> writevHook;
  private final Hooks.WithCallback finalHook;

  WritableState(Stream stream, WritableOptions<?> opts, boolean hasWritev, boolean hasFinal) {
    this.stream = stream;
    this.objectMode = opts.objectMode;
    this.highWaterMark = opts.highWaterMark != null ? opts.highWaterMark
        : objectMode ? ReadableOptions.DEFAULT_OBJECT_HIGH_WATER_MARK
        : ReadableOptions.DEFAULT_HIGH_WATER_MARK;
    this.decodeStrings = opts.decodeStrings;
    this.defaultEncoding = opts.defaultEncoding;
    this.hasWritev = hasWritev;
    this.hasFinal = hasFinal;
    @SuppressWarnings("unchecked")
    Hooks.Write<Object> write = (Hooks.Write<Object>) opts.write;
    @SuppressWarnings("unchecked")
    Hooks.Writev<Object> writev = (Hooks.Writev<Object>) (Hooks.Writev<?>) opts.writev;
    this.writeHook = write;
    this.writevHook = writev;
    this.finalHook = opts.finalHook;
  }

  // ---- the default hooks of Writable and Duplex ---------------------------------------------

  /** One chunk handed to {@code _writev} when only {@code _writev} is implemented. */
  record SingleChunk<T>(T chunk, String encoding) implements WritableChunk<T> {}

  /** The default {@code _write}: the {@code write} option, else {@code _writev} of one chunk. */
  void defaultWrite(Object chunk, String encoding, Callback callback) throws Exception {
    if (writeHook != null) {
      writeHook.write(chunk, encoding, callback);
    } else if (hasWritev) {
      stream.invokeWritev(List.of(new SingleChunk<>(chunk, encoding)), callback);
    } else {
      throw ERR_METHOD_NOT_IMPLEMENTED.error("_write()");
    }
  }

  /** The default {@code _writev}: the {@code writev} option. */
  void defaultWritev(List<WritableChunk<Object>> chunks, Callback callback) throws Exception {
    if (writevHook == null) {
      throw ERR_METHOD_NOT_IMPLEMENTED.error("_writev()");
    }
    writevHook.writev(chunks, callback);
  }

  /** The default {@code _final}: the {@code final} option, else done at once. */
  void defaultFinal(Callback callback) throws Exception {
    if (finalHook != null) {
      finalHook.call(callback);
    } else {
      callback.done(null);
    }
  }

  // ---- write ------------------------------------------------------------------------------

  /** Node's {@code _write(stream, chunk, encoding, cb)}: TRUE/FALSE, or the reported error. */
  Object write(Object chunk, String encoding, Callback cb) {
    stream.loop.checkInLoop();
    // The common case (a Buffer, or any object in object mode, without an encoding, on a stream
    // that is neither ending nor destroyed) in a method small enough for the JIT to inline.
    if (encoding == null && chunk != null && !ending && !stream.destroyed
        && (objectMode || chunk instanceof Buffer)) {
      pendingcb++;
      boolean ret = writeOrBuffer(chunk, objectMode ? defaultEncoding : "buffer",
          cb == null ? NOP : cb);
      return ret ? Boolean.TRUE : Boolean.FALSE;
    }
    return writeSlow(chunk, encoding, cb);
  }

  private Object writeSlow(Object chunk, String encoding, Callback cb) {
    if (cb == null) {
      cb = NOP;
    }
    if (chunk == null) {
      throw ERR_STREAM_NULL_VALUES.error();
    }
    if (encoding == null) {
      encoding = defaultEncoding;
    } else if (!"buffer".equals(encoding)) {
      Stream.checkEncoding(encoding);
    }
    if (!objectMode) {
      if (chunk instanceof Buffer) {
        encoding = "buffer";
      } else if (chunk instanceof CharSequence) {
        if (decodeStrings) {
          chunk = Buffer.from(chunk.toString(), encoding);
          encoding = "buffer";
        } else {
          chunk = chunk.toString();
        }
      } else if (chunk instanceof byte[]) {
        chunk = Buffer.from((byte[]) chunk);
        encoding = "buffer";
      } else {
        throw ERR_INVALID_ARG_TYPE.error("chunk",
            "of type string or an instance of Buffer or Uint8Array", Stream.describe(chunk));
      }
    }
    Throwable err = null;
    if (ending) {
      err = ERR_STREAM_WRITE_AFTER_END.error();
    } else if (stream.destroyed) {
      err = ERR_STREAM_DESTROYED.error("write");
    }
    if (err != null) {
      Callback callback = cb;
      Throwable e = err;
      stream.loop.nextTick(() -> callback.done(e));
      stream.errorOrDestroy(err, true);
      return err;
    }
    pendingcb++;
    return writeOrBuffer(chunk, encoding, cb) ? Boolean.TRUE : Boolean.FALSE;
  }

  private long lengthOf(Object chunk) {
    if (objectMode) {
      return 1;
    }
    return chunk instanceof Buffer ? ((Buffer) chunk).length() : ((String) chunk).length();
  }

  private boolean writeOrBuffer(Object chunk, String encoding, Callback cb) {
    long len = lengthOf(chunk);
    length += len;
    if (writing || corked > 0 || stream.errored != null || !stream.constructed) {
      buffer(chunk, encoding, cb);
    } else {
      writelen = len;
      writecb = cb;
      writing = true;
      sync = true;
      invokeWrite(chunk, encoding);
      sync = false;
    }
    // Node 20: measured after _write started, so a _write that called back synchronously
    // leaves nothing buffered and write() returns true, even with highWaterMark 0.
    boolean ret = length < highWaterMark || length == 0;
    if (!ret) {
      needDrain = true;
    }
    return ret && stream.errored == null && !stream.destroyed;
  }

  private void buffer(Object chunk, String encoding, Callback cb) {
    buffered.add(chunk, encoding, cb);
    if (!"buffer".equals(encoding)) {
      allBuffers = false;
    }
  }

  private void invokeWrite(Object chunk, String encoding) {
    Callback expected = writecb;
    try {
      stream.invokeWrite(chunk, encoding, onwrite);
    } catch (Exception e) {
      failFromHook(expected, e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void invokeWritev(List<WriteReq> chunks) {
    Callback expected = writecb;
    try {
      stream.invokeWritev((List) chunks, onwrite);
    } catch (Exception e) {
      failFromHook(expected, e);
    }
  }

  /**
   * A hook threw: the same as calling its callback with the error, if it had not yet. An
   * unimplemented {@code _write} is a programming error and propagates, as in Node.
   */
  private void failFromHook(Callback expected, Exception e) {
    if (e instanceof WeirException
        && ((WeirException) e).code().equals(ERR_METHOD_NOT_IMPLEMENTED.name())) {
      throw (WeirException) e;
    }
    if (writing && writecb == expected) {
      onwriteUnchecked(e);
    } else {
      stream.errorOrDestroy(e, sync);
    }
  }

  private void onwriteUnchecked(Throwable er) {
    try {
      onwrite(er);
    } catch (Exception e) {
      throw Stream.unchecked(e);
    }
  }

  /** Node's {@code onwrite(stream, er)}; the rare branches are in methods of their own. */
  private void onwrite(Throwable er) throws Exception {
    boolean wasSync = sync;
    Callback cb = writecb;
    if (cb == null) {
      stream.errorOrDestroy(ERR_MULTIPLE_CALLBACK.error(), false);
      return;
    }
    writing = false;
    writecb = null;
    length -= writelen;
    writelen = 0;
    if (er != null) {
      onwriteFailed(er, cb, wasSync);
      return;
    }
    if (!buffered.isEmpty()) {
      clearBuffer();
    }
    if (!wasSync) {
      afterWrite(1, cb);
    } else if (cb == NOP) {
      // Node 20 writable.js onwrite(): a sync completion needs a tick only to emit 'drain' or
      // call a user callback. (Node's `state[kState] & kDestroyed !== 0` parses as
      // `state[kState] & 1`, i.e. objectMode; kept so that traces match Node 20.)
      if (!afterWritePending && ((needDrain && length == 0) || objectMode)) {
        afterWritePending = true;
        stream.loop.nextTick(afterWriteNop);
      } else {
        pendingcb--;
        if (ending) {
          finishMaybe(true);
        }
      }
    } else {
      afterSyncWrite(cb);
    }
  }

  /** A sync completion with a user callback: always a tick (Node's afterWriteTickInfo). */
  private void afterSyncWrite(Callback cb) {
    AfterWriteTick info = afterWriteTickInfo;
    if (info != null && info.cb == cb) {
      // Node: a run of sync completions of the same callback shares one tick.
      info.count++;
    } else {
      info = spareTick != null ? spareTick : new AfterWriteTick();
      spareTick = null;
      info.count = 1;
      info.cb = cb;
      afterWriteTickInfo = info;
      afterWritePending = true;
      stream.loop.nextTick(info);
    }
  }

  private void onwriteFailed(Throwable er, Callback cb, boolean wasSync) throws Exception {
    stream.checkError(er);
    if (wasSync) {
      stream.loop.nextTick(() -> onwriteError(er, cb));
    } else {
      onwriteError(er, cb);
    }
  }

  private void onwriteError(Throwable er, Callback cb) throws Exception {
    --pendingcb;
    try {
      cb.done(er);
    } finally {
      errorBuffer();
      stream.errorOrDestroy(er, false);
    }
  }

  /** Node's {@code afterWrite}. */
  private void afterWrite(int count, Callback cb) throws Exception {
    afterWritePending = false;
    boolean emitDrain = !ending && !stream.destroyed && length == 0 && needDrain;
    if (emitDrain) {
      needDrain = false;
      stream.emit("drain");
    }
    while (count-- > 0) {
      pendingcb--;
      cb.done(null);
    }
    if (stream.destroyed) {
      errorBuffer();
    }
    if (ending) {
      // Node: afterWrite() calls finishMaybe(stream, state, true), so 'finish' is a tick later.
      finishMaybe(true);
    }
  }

  boolean hasPendingCallbacks() {
    return !buffered.isEmpty() || !onFinished.isEmpty();
  }

  /** Node's {@code errorBuffer}: fails every buffered write and {@code end} callback. */
  void errorBuffer() throws Exception {
    if (writing) {
      return;
    }
    while (!buffered.isEmpty()) {
      length -= lengthOf(buffered.firstChunk());
      Callback callback = buffered.firstCallback();
      buffered.removeFirst();
      Throwable err = stream.errored != null ? stream.errored : ERR_STREAM_DESTROYED.error("write");
      pendingcb--;
      callback.done(err);
    }
    if (!onFinished.isEmpty()) {
      List<Callback> callbacks = new ArrayList<>(onFinished);
      onFinished.clear();
      for (Callback c : callbacks) {
        c.done(stream.errored != null ? stream.errored : ERR_STREAM_DESTROYED.error("end"));
      }
    }
    allBuffers = true;
  }

  /** Node's {@code clearBuffer}: hands buffered writes to {@code _writev} or {@code _write}. */
  void clearBuffer() {
    if (corked > 0 || bufferProcessing || stream.destroyed || !stream.constructed) {
      return;
    }
    int bufferedLength = buffered.size();
    if (bufferedLength == 0) {
      return;
    }
    bufferProcessing = true;
    if (bufferedLength > 1 && hasWritev) {
      pendingcb -= bufferedLength - 1;
      List<WriteReq> chunks = buffered.drain();
      allBuffers = true;
      Callback callback = err -> {
        for (WriteReq req : chunks) {
          req.callback.done(err);
        }
      };
      writelen = length;
      writecb = callback;
      writing = true;
      sync = true;
      if (stream.destroyed) {
        onwriteUnchecked(ERR_STREAM_DESTROYED.error("write"));
      } else {
        invokeWritev(chunks);
      }
      sync = false;
    } else {
      do {
        Object chunk = buffered.firstChunk();
        String encoding = buffered.firstEncoding();
        writelen = lengthOf(chunk);
        writecb = buffered.firstCallback();
        buffered.removeFirst();
        writing = true;
        sync = true;
        if (stream.destroyed) {
          onwriteUnchecked(ERR_STREAM_DESTROYED.error("write"));
        } else {
          invokeWrite(chunk, encoding);
        }
        sync = false;
      } while (!buffered.isEmpty() && !writing);
      if (buffered.isEmpty()) {
        allBuffers = true;
      }
    }
    bufferProcessing = false;
  }

  // ---- cork, end, finish ------------------------------------------------------------------

  void cork() {
    stream.loop.checkInLoop();
    corked++;
  }

  void uncork() {
    stream.loop.checkInLoop();
    if (corked > 0) {
      corked--;
      if (!writing) {
        clearBuffer();
      }
    }
  }

  void setDefaultEncoding(String encoding) {
    defaultEncoding = Stream.checkEncoding(encoding);
  }

  /** Node's {@code Writable.prototype.end}. */
  void end(Object chunk, String encoding, Callback cb) {
    stream.loop.checkInLoop();
    Throwable err = null;
    if (chunk != null) {
      Object ret = write(chunk, encoding, null);
      if (ret instanceof Throwable) {
        err = (Throwable) ret;
      }
    }
    // Node: end() fully uncorks.
    if (corked > 0) {
      corked = 1;
      uncork();
    }
    if (err == null) {
      if (stream.errored == null && !ending) {
        ending = true;
        try {
          finishMaybe(true);
        } catch (Exception e) {
          throw Stream.unchecked(e);
        }
        ended = true;
      } else if (finished) {
        err = ERR_STREAM_ALREADY_FINISHED.error("end");
      } else if (stream.destroyed) {
        err = ERR_STREAM_DESTROYED.error("end");
      }
    }
    if (cb != null) {
      if (err != null || stream.errored != null || finished) {
        // Node: the end error, else the stream's error, else success once finished.
        Throwable e = err != null ? err : stream.errored;
        stream.loop.nextTick(() -> cb.done(e));
      } else {
        onFinished.add(cb);
      }
    }
  }

  /** Node's {@code needFinish}. */
  private boolean needFinish() {
    return ending && !stream.destroyed && stream.constructed && length == 0
        && stream.errored == null && buffered.isEmpty() && !finished && !writing
        && !stream.errorEmitted && !stream.closeEmitted;
  }

  /** Node's {@code callFinal}. */
  private void callFinal() throws Exception {
    boolean[] called = new boolean[1];
    Callback onFinish = err -> {
      if (called[0]) {
        stream.errorOrDestroy(err != null ? err : ERR_MULTIPLE_CALLBACK.error(), false);
        return;
      }
      called[0] = true;
      pendingcb--;
      if (err != null) {
        List<Callback> callbacks = new ArrayList<>(onFinished);
        onFinished.clear();
        for (Callback c : callbacks) {
          c.done(err);
        }
        stream.errorOrDestroy(err, sync);
      } else if (needFinish()) {
        prefinished = true;
        stream.emit("prefinish");
        pendingcb++;
        stream.loop.nextTick(this::finish);
      }
    };
    sync = true;
    pendingcb++;
    try {
      stream.invokeFinal(onFinish);
    } catch (Exception e) {
      onFinish.done(e);
    }
    sync = false;
  }

  /** Node's {@code prefinish}. */
  private void prefinish() throws Exception {
    if (!prefinished && !finalCalled) {
      if (hasFinal && !stream.destroyed) {
        finalCalled = true;
        callFinal();
      } else {
        prefinished = true;
        stream.emit("prefinish");
      }
    }
  }

  /** Node's {@code finishMaybe}. */
  void finishMaybe(boolean wasSync) throws Exception {
    if (needFinish()) {
      prefinish();
      if (pendingcb == 0) {
        if (wasSync) {
          pendingcb++;
          stream.loop.nextTick(() -> {
            if (needFinish()) {
              finish();
            } else {
              pendingcb--;
            }
          });
        } else if (needFinish()) {
          pendingcb++;
          finish();
        }
      }
    }
  }

  /** Node's {@code finish}. */
  private void finish() throws Exception {
    pendingcb--;
    finished = true;
    if (!onFinished.isEmpty()) {
      List<Callback> callbacks = new ArrayList<>(onFinished);
      onFinished.clear();
      for (Callback c : callbacks) {
        c.done(null);
      }
    }
    stream.emit("finish");
    if (stream.autoDestroy) {
      // Node: a duplex is destroyed only when its readable side is done as well.
      ReadableState r = stream.readableState;
      boolean autoDestroy = r == null || (r.endEmitted || !r.readable);
      if (autoDestroy) {
        stream.destroy();
      }
    }
  }

  /** Node's {@code writable.writable} getter. */
  boolean isWritable() {
    return writable && !stream.destroyed && stream.errored == null && !ending && !ended;
  }

  /** Node's {@code writable.writableNeedDrain} getter. */
  boolean needDrain() {
    return !stream.destroyed && !ending && needDrain;
  }
}
