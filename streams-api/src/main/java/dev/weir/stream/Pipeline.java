package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_MISSING_ARGS;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;
import static dev.weir.errors.ErrorCode.ERR_STREAM_PREMATURE_CLOSE;

import dev.weir.errors.WeirException;
import dev.weir.events.Listener1;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Node's {@code lib/internal/streams/pipeline.js} for streams: {@link Stream#pipeline}. */
final class Pipeline {
  private Pipeline() {}

  static Stream pipeline(Callback callback, Stream... streams) {
    if (callback == null) {
      throw ERR_INVALID_ARG_TYPE.error("callback", "of type function", "null");
    }
    if (streams == null || streams.length < 2) {
      throw ERR_MISSING_ARGS.error("streams");
    }
    for (int i = 0; i < streams.length; i++) {
      Stream s = streams[i];
      if (s == null) {
        throw ERR_INVALID_ARG_TYPE.error("streams[" + i + "]", "a Stream", "null");
      }
      if (i < streams.length - 1 && s.readableState == null) {
        throw ERR_INVALID_ARG_TYPE.error("streams[" + i + "]", "a readable Stream",
            Stream.describe(s));
      }
      if (i > 0 && s.writableState == null) {
        throw ERR_INVALID_ARG_TYPE.error("streams[" + i + "]", "a writable Stream",
            Stream.describe(s));
      }
    }
    streams[0].loop.checkInLoop();
    return new Run(callback, streams).start();
  }

  private static boolean isPrematureClose(Throwable err) {
    return err instanceof WeirException
        && ERR_STREAM_PREMATURE_CLOSE.name().equals(((WeirException) err).code());
  }

  /** One pipeline run: Node's closures in {@code pipelineImpl}. */
  private static final class Run {
    final Callback callback;
    final Stream[] streams;
    final List<Consumer<Throwable>> destroys = new ArrayList<>();
    final List<Runnable> lastStreamCleanup = new ArrayList<>();
    Throwable error;
    int finishCount;
    boolean done;

    Run(Callback callback, Stream[] streams) {
      this.callback = callback;
      this.streams = streams;
    }

    void finish(Throwable err) {
      finishImpl(err, --finishCount == 0);
    }

    void finishImpl(Throwable err, boolean isFinal) {
      if (err != null && (error == null || isPrematureClose(error))) {
        error = err;
      }
      if (error == null && !isFinal) {
        return;
      }
      while (!destroys.isEmpty()) {
        destroys.remove(0).accept(error);
      }
      if (isFinal && !done) {
        done = true;
        if (error == null) {
          lastStreamCleanup.forEach(Runnable::run);
        }
        Throwable result = error;
        streams[0].loop.nextTick(() -> callback.done(result));
      }
    }

    Stream start() {
      Stream ret = null;
      for (int i = 0; i < streams.length; i++) {
        Stream stream = streams[i];
        boolean reading = i < streams.length - 1;
        boolean writing = i > 0;
        boolean isLastStream = i == streams.length - 1;
        // Node evaluates isReadable(stream) before piping; a readable last stream is left
        // without pipeline's listeners once the pipeline succeeded.
        boolean cleanLast = isLastStream && Finished.isReadable(stream);
        destroys.add(destroyer(stream, reading, writing, cleanLast));
        // Catch stream errors that occur after pipe has completed.
        Listener1<Throwable> onError = err -> {
          if (err != null && !isPrematureClose(err)) {
            finish(err);
          }
        };
        stream.on("error", onError);
        if (cleanLast) {
          lastStreamCleanup.add(() -> stream.removeListener("error", onError));
        }
        if (i > 0) {
          finishCount += 2;
          Runnable cleanup = pipe((Readable<?>) ret, stream);
          if (isLastStream && Finished.isReadable(stream)) {
            lastStreamCleanup.add(cleanup);
          }
        }
        ret = stream;
      }
      return ret;
    }

    private Consumer<Throwable> destroyer(Stream stream, boolean reading, boolean writing,
        boolean cleanLast) {
      boolean[] finished = new boolean[1];
      stream.on("close", () -> finished[0] = true);
      Runnable cleanup = Finished.eos(stream, new FinishedOptions(true, reading, writing),
          err -> finished[0] = err == null);
      if (cleanLast) {
        lastStreamCleanup.add(cleanup);
      }
      return err -> {
        if (finished[0]) {
          return;
        }
        finished[0] = true;
        if (!stream.destroyed) {
          stream.destroy(err != null ? err : ERR_STREAM_DESTROYED.error("pipe"));
        }
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Runnable pipe(Readable<?> src, Stream dst) {
      boolean[] ended = new boolean[1];
      dst.on("close", () -> {
        if (!ended[0]) {
          finish(ERR_STREAM_PREMATURE_CLOSE.error());
        }
      });
      ((Readable) src).pipe((WritableStream) dst, PipeOptions.end(false));
      dev.weir.events.Listener0 endFn = () -> {
        ended[0] = true;
        dst.writableState.end(null, null, null);
      };
      if (Finished.isReadableFinished(src, true)) {
        src.loop.nextTick(endFn::call);
      } else {
        src.once("end", endFn);
      }
      Finished.eos(src, new FinishedOptions(true, true, false), err -> {
        ReadableState r = src.readableState;
        if (err != null && isPrematureClose(err) && r.ended && src.errored == null
            && !src.errorEmitted) {
          src.once("end", endFn).once("error", (Throwable e) -> finish(e));
        } else {
          finish(err);
        }
      });
      return Finished.eos(dst, new FinishedOptions(true, false, true), this::finish);
    }
  }
}
