package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;
import static dev.weir.errors.ErrorCode.ERR_MULTIPLE_CALLBACK;

import dev.weir.buffer.Buffer;
import dev.weir.events.EventEmitter;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Task;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;

/**
 * The base of every Weir stream: the loop it belongs to, the destroy/construct lifecycle shared by
 * both sides, and Node's module functions {@link #pipeline} and {@link #finished}. Mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/stream.html">stream</a> module and
 * {@code lib/internal/streams/destroy.js}.
 *
 * <p>A stream belongs to the loop of the thread that created it ({@link EventLoop#current()});
 * its entry points throw {@link dev.weir.loop.LoopThreadException} on any other thread.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>The lifecycle flags ({@code destroyed}, {@code closed}, {@code errored}, …) are kept once
 *       per stream, not once per side; Node always sets them on both sides together.</li>
 *   <li>A hook ({@code _write}, {@code _final}, {@code _destroy}, {@code _construct}…) that
 *       throws is treated as if it had called its callback with the exception.</li>
 * </ul>
 */
public abstract class Stream extends EventEmitter {
  /** The loop this stream belongs to. */
  final EventLoop loop;
  /** The readable side's state, or null for a {@link Writable}. */
  ReadableState readableState;
  /** The writable side's state, or null for a plain {@link Readable}. */
  WritableState writableState;

  // Shared lifecycle (Node keeps these on both states and always sets both).
  /** Node's {@code destroyed}: {@code destroy()} was called. */
  boolean destroyed;
  /** Node's {@code closed}: {@code _destroy} completed. */
  boolean closed;
  /** Node's {@code closeEmitted}. */
  boolean closeEmitted;
  /** Node's {@code errorEmitted}: 'error' fires at most once. */
  boolean errorEmitted;
  /** Node's {@code errored}: the first error, or null. */
  Throwable errored;
  /** Node's {@code constructed}: false while {@code _construct} runs. */
  boolean constructed = true;
  /** Node's {@code emitClose}. */
  boolean emitClose = true;
  /** Node's {@code autoDestroy}. */
  boolean autoDestroy = true;

  private Hooks.Destroy destroyHook;
  private Hooks.WithCallback constructHook;
  /** Callbacks waiting for construction to finish (Node's kConstruct listeners). */
  private java.util.ArrayList<Task> onConstructed;
  /** A destroy that arrived during construction (Node's kDestroy listener). */
  private Callback pendingDestroy;

  Stream() {
    this.loop = EventLoop.current();
  }

  void initLifecycle(boolean emitClose, boolean autoDestroy, Hooks.Destroy destroy,
      Hooks.WithCallback construct) {
    this.emitClose = emitClose;
    this.autoDestroy = autoDestroy;
    this.destroyHook = destroy;
    this.constructHook = construct;
  }

  /** The loop this stream belongs to. */
  public final EventLoop loop() {
    return loop;
  }

  // ---- hooks ------------------------------------------------------------------------------

  /**
   * Node's {@code _destroy(err, callback)}: release resources, then call {@code callback} with
   * {@code err} (or another error). The default calls back with {@code err}.
   */
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    if (destroyHook != null) {
      destroyHook.destroy(err, callback);
    } else {
      callback.done(err);
    }
  }

  /**
   * Node's {@code _construct(callback)}: asynchronous initialisation; until {@code callback} is
   * called, {@code _write}, {@code _final} and {@code _read} are not called. Only invoked when
   * overridden or given as an option.
   */
  protected void _construct(Callback callback) throws Exception {
    if (constructHook != null) {
      constructHook.call(callback);
    } else {
      callback.done(null);
    }
  }

  /** Dispatches to {@code _write}; overridden by the writable families. */
  void invokeWrite(Object chunk, String encoding, Callback cb) throws Exception {
    throw new UnsupportedOperationException("not writable");
  }

  /** Dispatches to {@code _writev}; overridden by the writable families. */
  void invokeWritev(java.util.List<WritableChunk<Object>> chunks, Callback cb) throws Exception {
    throw new UnsupportedOperationException("not writable");
  }

  /** Dispatches to {@code _final}; overridden by the writable families. */
  void invokeFinal(Callback cb) throws Exception {
    cb.done(null);
  }

  // ---- state accessors --------------------------------------------------------------------

  /** Node's {@code destroyed}. */
  public final boolean destroyed() {
    return destroyed;
  }

  /** Node's {@code closed}: {@code 'close'} is (about to be) emitted. */
  public final boolean closed() {
    return closed;
  }

  /** Node's {@code errored}: the error the stream was destroyed with, or null. */
  public final Throwable errored() {
    return errored;
  }

  // ---- destroy ----------------------------------------------------------------------------

  /** Node's {@code destroy()}: idempotent; {@code _destroy}, then {@code 'close'}. */
  public Stream destroy() {
    return destroy(null);
  }

  /**
   * Node's {@code destroy(err)}: idempotent; {@code _destroy(err)}, then {@code 'error'} (if
   * {@code err}) and {@code 'close'} on a later tick; pending writes are called back with
   * {@code ERR_STREAM_DESTROYED}.
   */
  public Stream destroy(Throwable err) {
    loop.checkInLoop();
    // Node: Writable.prototype.destroy invokes pending callbacks first.
    WritableState w = writableState;
    if (w != null && !destroyed && w.hasPendingCallbacks()) {
      loop.nextTick(w::errorBuffer);
    }
    destroyImpl(err);
    return this;
  }

  final void destroyImpl(Throwable err) {
    if (destroyed) {
      return;
    }
    checkError(err);
    destroyed = true;
    if (!constructed) {
      pendingDestroy = er -> runDestroy(er != null ? er : err);
    } else {
      runDestroy(err);
    }
  }

  private void runDestroy(Throwable err) {
    boolean[] called = new boolean[1];
    Callback onDestroy = er -> {
      if (called[0]) {
        return;
      }
      called[0] = true;
      checkError(er);
      closed = true;
      if (er != null) {
        loop.nextTick(() -> {
          emitErrorNT(er);
          emitCloseNT();
        });
      } else {
        loop.nextTick(this::emitCloseNT);
      }
    };
    try {
      _destroy(err, onDestroy);
    } catch (Exception e) {
      callQuietly(onDestroy, e);
    }
  }

  private void callQuietly(Callback cb, Throwable err) {
    try {
      cb.done(err);
    } catch (Exception e) {
      throw unchecked(e);
    }
  }

  final void checkError(Throwable err) {
    if (err != null && errored == null) {
      errored = err;
    }
  }

  final void emitCloseNT() {
    closeEmitted = true;
    if (emitClose) {
      emit("close");
    }
  }

  final void emitErrorNT(Throwable err) {
    if (errorEmitted) {
      return;
    }
    errorEmitted = true;
    emit("error", err);
  }

  /**
   * Node's {@code errorOrDestroy}: destroys with {@code err} when {@code autoDestroy}, otherwise
   * records it and emits {@code 'error'} (on the next tick if {@code sync}).
   */
  final void errorOrDestroy(Throwable err, boolean sync) {
    if (destroyed) {
      return;
    }
    if (autoDestroy) {
      destroy(err);
    } else if (err != null) {
      checkError(err);
      if (sync) {
        loop.nextTick(() -> emitErrorNT(err));
      } else {
        emitErrorNT(err);
      }
    }
  }

  // ---- construct --------------------------------------------------------------------------

  /** Node's {@code destroyImpl.construct}: runs {@code _construct} on the next tick if defined. */
  final void construct(Task onConstruct) {
    if (constructHook == null && !Overrides.of(getClass()).construct) {
      return;
    }
    constructed = false;
    if (onConstructed == null) {
      onConstructed = new java.util.ArrayList<>(2);
    }
    onConstructed.add(onConstruct);
    if (onConstructed.size() > 1) {
      return;
    }
    loop.nextTick(this::constructNT);
  }

  private void constructNT() {
    boolean[] called = new boolean[1];
    Callback onConstruct = err -> {
      if (called[0]) {
        errorOrDestroy(err != null ? err : ERR_MULTIPLE_CALLBACK.error(), false);
        return;
      }
      called[0] = true;
      constructed = true;
      if (destroyed) {
        Callback d = pendingDestroy;
        pendingDestroy = null;
        if (d != null) {
          d.done(err);
        }
      } else if (err != null) {
        errorOrDestroy(err, true);
      } else {
        loop.nextTick(() -> {
          java.util.ArrayList<Task> tasks = onConstructed;
          onConstructed = null;
          for (Task t : tasks) {
            t.run();
          }
        });
      }
    };
    try {
      _construct(err -> loop.nextTick(() -> onConstruct.done(err)));
    } catch (Exception e) {
      loop.nextTick(() -> onConstruct.done(e));
    }
  }

  // ---- helpers shared by both sides ---------------------------------------------------------

  /**
   * Rethrows what a user callback threw on a synchronous path: unchecked as is, checked wrapped
   * as {@code ERR_WEIR_LISTENER_THREW} (Node would let it propagate to the caller).
   */
  static RuntimeException unchecked(Exception e) {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    return dev.weir.errors.ErrorCode.ERR_WEIR_LISTENER_THREW.errorWithCause(e, "callback", e);
  }

  static int checkHighWaterMark(String name, int hwm) {
    if (hwm < 0) {
      throw ERR_INVALID_ARG_VALUE.error(name, "is invalid", hwm);
    }
    return hwm;
  }

  static String checkEncoding(String encoding) {
    if (encoding == null) {
      return "utf8";
    }
    if (!"buffer".equals(encoding) && !Buffer.isEncoding(encoding)) {
      throw dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING.error(encoding);
    }
    return encoding;
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    return "an instance of " + value.getClass().getSimpleName();
  }

  /** Which hooks a stream class overrides; Node checks {@code typeof this._x === 'function'}. */
  static final class Overrides {
    private static final ClassValue<Overrides> CACHE = new ClassValue<>() {
      @Override
      protected Overrides computeValue(Class<?> type) {
        return new Overrides(type);
      }
    };
    final boolean construct;
    final boolean writev;
    final boolean finalHook;

    private Overrides(Class<?> type) {
      construct = declaredBelow(type, Stream.class, "_construct");
      writev = declaredBelow(type, Writable.class, "_writev")
          || declaredBelow(type, Duplex.class, "_writev");
      finalHook = declaredBelow(type, Writable.class, "_final")
          || declaredBelow(type, Duplex.class, "_final");
    }

    static Overrides of(Class<?> type) {
      return CACHE.get(type);
    }

    private static boolean declaredBelow(Class<?> type, Class<?> base, String name) {
      if (!base.isAssignableFrom(type)) {
        return false;
      }
      for (Class<?> k = type; k != null && k != base; k = k.getSuperclass()) {
        for (Method m : k.getDeclaredMethods()) {
          if (m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  // ---- module functions -------------------------------------------------------------------

  /**
   * Node's {@code stream.pipeline(...streams, callback)}: pipes each stream into the next with
   * backpressure; on any error or premature close destroys every stream and calls
   * {@code callback} exactly once with the first error (null on success). Returns the last
   * stream.
   */
  public static Stream pipeline(Callback callback, Stream... streams) {
    return Pipeline.pipeline(callback, streams);
  }

  /** Node's {@code pipeline(source, destination, callback)} in Node's argument order. */
  public static Stream pipeline(Stream source, Stream destination, Callback callback) {
    return Pipeline.pipeline(callback, source, destination);
  }

  /** Node's {@code pipeline(source, transform, destination, callback)}. */
  public static Stream pipeline(Stream source, Stream transform, Stream destination,
      Callback callback) {
    return Pipeline.pipeline(callback, source, transform, destination);
  }

  /** Node's {@code pipeline(s1, s2, s3, s4, callback)}. */
  public static Stream pipeline(Stream s1, Stream s2, Stream s3, Stream s4, Callback callback) {
    return Pipeline.pipeline(callback, s1, s2, s3, s4);
  }

  /**
   * Node's {@code stream/promises} {@code pipeline(...streams)}: completes (on the loop) when the
   * last stream finished, or exceptionally with the first error.
   */
  public static CompletableFuture<Void> pipelineAsync(Stream... streams) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Pipeline.pipeline(err -> {
      if (err != null) {
        result.completeExceptionally(err);
      } else {
        result.complete(null);
      }
    }, streams);
    return result;
  }

  /**
   * Node's {@code stream.finished(stream, callback)}: calls back once when the stream ended,
   * finished, errored or closed ({@code ERR_STREAM_PREMATURE_CLOSE} when closed early). Returns
   * a cleanup function that removes the listeners.
   */
  public static Runnable finished(Stream stream, Callback callback) {
    return Finished.eos(stream, FinishedOptions.DEFAULT, callback);
  }

  /** Node's {@code stream.finished(stream, options, callback)}. */
  public static Runnable finished(Stream stream, FinishedOptions options, Callback callback) {
    return Finished.eos(stream, options, callback);
  }

  /** Node's {@code stream/promises} {@code finished(stream)}. */
  public static CompletableFuture<Void> finishedAsync(Stream stream) {
    return finishedAsync(stream, FinishedOptions.DEFAULT);
  }

  /** Node's {@code stream/promises} {@code finished(stream, options)}. */
  public static CompletableFuture<Void> finishedAsync(Stream stream, FinishedOptions options) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Finished.eos(stream, options, err -> {
      if (err != null) {
        result.completeExceptionally(err);
      } else {
        result.complete(null);
      }
    });
    return result;
  }
}
