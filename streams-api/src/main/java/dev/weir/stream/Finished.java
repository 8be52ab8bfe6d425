package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_STREAM_PREMATURE_CLOSE;

import dev.weir.events.Listener0;
import dev.weir.events.Listener1;

/** Node's {@code lib/internal/streams/end-of-stream.js}: {@link Stream#finished}. */
final class Finished {
  private Finished() {}

  static boolean isReadableNodeStream(Stream s) {
    return s.readableState != null && s.readableState.readable;
  }

  static boolean isWritableNodeStream(Stream s) {
    return s.writableState != null && s.writableState.writable;
  }

  /** Node's {@code isReadableFinished(stream, strict)}. */
  static boolean isReadableFinished(Stream s, boolean strict) {
    ReadableState r = s.readableState;
    if (r == null || s.errored != null) {
      return false;
    }
    return r.endEmitted || (!strict && r.ended && r.length == 0);
  }

  /** Node's {@code isWritableFinished(stream, strict)}. */
  static boolean isWritableFinished(Stream s, boolean strict) {
    WritableState w = s.writableState;
    if (w == null) {
      return false;
    }
    if (w.finished) {
      return true;
    }
    if (s.errored != null) {
      return false;
    }
    return !strict && w.ended && w.length == 0;
  }

  /** Node's {@code isReadable(stream)}. */
  static boolean isReadable(Stream s) {
    return !s.destroyed && isReadableNodeStream(s) && ((Readable<?>) s).readable()
        && !s.readableState.ended;
  }

  /** Node's {@code isWritable(stream)}. */
  static boolean isWritable(Stream s) {
    return !s.destroyed && isWritableNodeStream(s) && s.writableState.isWritable()
        && !s.writableState.ending;
  }

  static Runnable eos(Stream stream, FinishedOptions options, Callback callback) {
    if (stream == null) {
      throw ERR_INVALID_ARG_TYPE.error("stream", "a Stream", "null");
    }
    if (callback == null) {
      throw ERR_INVALID_ARG_TYPE.error("callback", "of type function", "null");
    }
    stream.loop.checkInLoop();
    return new Eos(stream, options, callback).start();
  }

  /** The closures of one {@code eos()} call. */
  private static final class Eos {
    final Stream stream;
    final FinishedOptions options;
    Callback callback;
    final boolean readable;
    final boolean writable;
    boolean willEmitClose;
    boolean writableFinished;
    boolean readableFinished;
    boolean closed;
    final Listener0 onfinish = this::onfinish;
    final Listener0 onend = this::onend;
    final Listener1<Throwable> onerror = this::onerror;
    final Listener0 onclose = this::onclose;

    Eos(Stream stream, FinishedOptions options, Callback callback) {
      this.stream = stream;
      this.options = options;
      Callback[] once = new Callback[1];
      boolean[] called = new boolean[1];
      once[0] = err -> {
        if (!called[0]) {
          called[0] = true;
          callback.done(err);
        }
      };
      this.callback = once[0];
      this.readable = options.readable() != null ? options.readable()
          : isReadableNodeStream(stream);
      this.writable = options.writable() != null ? options.writable()
          : isWritableNodeStream(stream);
      this.willEmitClose = stream.autoDestroy && stream.emitClose && !stream.closed
          && isReadableNodeStream(stream) == readable
          && isWritableNodeStream(stream) == writable;
      this.writableFinished = isWritableFinished(stream, false);
      this.readableFinished = isReadableFinished(stream, false);
      this.closed = stream.closed;
    }

    void onfinish() throws Exception {
      writableFinished = true;
      if (stream.destroyed) {
        willEmitClose = false;
      }
      if (willEmitClose && (!isReadableLive() || readable)) {
        return;
      }
      if (!readable || readableFinished) {
        callback.done(null);
      }
    }

    void onend() throws Exception {
      readableFinished = true;
      if (stream.destroyed) {
        willEmitClose = false;
      }
      if (willEmitClose && (!isWritableLive() || writable)) {
        return;
      }
      if (!writable || writableFinished) {
        callback.done(null);
      }
    }

    private boolean isReadableLive() {
      return stream.readableState != null && ((Readable<?>) stream).readable();
    }

    private boolean isWritableLive() {
      return stream.writableState != null && stream.writableState.isWritable();
    }

    void onerror(Throwable err) throws Exception {
      callback.done(err);
    }

    void onclose() throws Exception {
      closed = true;
      if (stream.errored != null) {
        callback.done(stream.errored);
        return;
      }
      if (readable && !readableFinished && isReadableNodeStream(stream)) {
        if (!isReadableFinished(stream, false)) {
          callback.done(ERR_STREAM_PREMATURE_CLOSE.error());
          return;
        }
      }
      if (writable && !writableFinished) {
        if (!isWritableFinished(stream, false)) {
          callback.done(ERR_STREAM_PREMATURE_CLOSE.error());
          return;
        }
      }
      callback.done(null);
    }

    void onclosed() throws Exception {
      closed = true;
      callback.done(stream.errored);
    }

    Runnable start() {
      stream.on("end", onend);
      stream.on("finish", onfinish);
      if (options.error()) {
        stream.on("error", onerror);
      }
      stream.on("close", onclose);
      if (closed) {
        stream.loop.nextTick(this::onclose);
      } else if (stream.errorEmitted) {
        if (!willEmitClose) {
          stream.loop.nextTick(this::onclosed);
        }
      } else if (!readable && (!willEmitClose || isReadable(stream))
          && (writableFinished || !isWritable(stream))
          && (stream.writableState == null || stream.writableState.pendingcb == 0)) {
        // Node: an ended writable with writes still pending is waited for ('finish').
        stream.loop.nextTick(this::onclosed);
      } else if (!writable && (!willEmitClose || isWritable(stream))
          && (readableFinished || !isReadable(stream))) {
        stream.loop.nextTick(this::onclosed);
      }
      return this::cleanup;
    }

    void cleanup() {
      callback = err -> {};
      stream.removeListener("end", onend);
      stream.removeListener("finish", onfinish);
      stream.removeListener("error", onerror);
      stream.removeListener("close", onclose);
    }
  }
}
