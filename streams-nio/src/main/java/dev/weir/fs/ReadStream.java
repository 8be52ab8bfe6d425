package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Callback;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;

/**
 * A readable stream of a file's bytes; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#class-fsreadstream">fs.ReadStream</a>
 * and {@code lib/internal/fs/streams.js}. Made by {@link Fs#createReadStream}.
 *
 * <p>The file is opened in {@code _construct} (then {@code 'open'} with the {@link FileHandle}
 * and {@code 'ready'} are emitted); each {@code _read(n)} reads at most {@code min(n, bytes left
 * before end)} bytes on the fs worker pool and pushes them as one new {@link Buffer} of the
 * size read; end of file (or {@code end}) pushes null; {@code _destroy} waits for a read in
 * flight, then closes the file. Events: {@code 'open'}, {@code 'ready'}, {@code 'data'}…,
 * {@code 'end'}, {@code 'close'}; a missing file is {@code 'error'} ({@code ENOENT}, syscall
 * {@code open}) then {@code 'close'}; a directory opens and then fails with {@code EISDIR}
 * (syscall {@code read}), as on Linux.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>With the {@code encoding} option the chunks are strings though the type says
 *       {@code Buffer}: listen with {@code (String s) -> …}, or use the {@code Readable<String>}
 *       that {@link #setEncoding} returns.</li>
 *   <li>A chunk's bytes are copied once, from a per-worker direct buffer into an array of exactly
 *       the size read; Node allocates {@code n} bytes and copies again after a short read.</li>
 *   <li>A read error with {@code autoClose(false)} emits {@code 'error'} without recording it
 *       as {@link #errored()} (Node's {@code errorOrDestroy} is not public in Weir's core).</li>
 *   <li>No {@code fs} option (custom fs implementations), no {@code signal}, no
 *       {@code FileHandle} from {@code fs/promises}.</li>
 * </ul>
 */
public class ReadStream extends Readable<Buffer> {
  private final String path;
  private final String flags;
  private final int mode;
  private final Long start;
  private final long end;
  private final boolean autoClose;
  /** Node's {@code fd}: null until opened and after closing. */
  private FileHandle fd;
  /** Node's {@code pos}: the next read offset, or null to read at the file position. */
  private Long pos;
  /** Node's {@code bytesRead}. */
  private long bytesRead;
  /** Node's {@code kIsPerformingIO}: a read is running on the pool. */
  private boolean performingIo;
  /** Node's {@code kIoDone} listener: a destroy waiting for the read in flight. */
  private Callback onIoDone;

  /** Node's {@code new fs.ReadStream(path, options)}. */
  public ReadStream(String path, ReadStreamOptions options) {
    // Validate everything before the Readable exists: a half-made stream would open the file.
    super(readableOptions(path, options));
    this.fd = options.fd;
    this.path = path;
    this.flags = options.flags;
    this.mode = options.mode;
    this.start = options.start;
    this.end = options.end != null ? options.end : Long.MAX_VALUE;
    this.autoClose = options.autoClose;
    this.pos = start;
  }

  private static ReadableOptions<Buffer> readableOptions(String path, ReadStreamOptions o) {
    Fs.requireArg(o, "options", "of type object");
    if (o.fd == null) {
      Fs.toPath(path);
    }
    OpenFlags.parse(o.flags);
    if (o.start != null && o.end != null && o.start > o.end) {
      throw ERR_OUT_OF_RANGE.error("start", "<= \"end\" (here: " + o.end + ")", o.start);
    }
    ReadableOptions<Buffer> r = new ReadableOptions<Buffer>()
        .highWaterMark(o.highWaterMark != null ? o.highWaterMark
            : ReadStreamOptions.DEFAULT_HIGH_WATER_MARK)
        .emitClose(o.emitClose)
        // Node: options.autoDestroy = options.autoClose.
        .autoDestroy(o.autoClose);
    if (o.encoding != null) {
      r.encoding(o.encoding);
    }
    return r;
  }

  // ---- hooks (Node: lib/internal/fs/streams.js) --------------------------------------------

  @Override
  protected void _construct(Callback callback) throws Exception {
    if (fd != null) {
      callback.done(null);
      return;
    }
    Fs.open(path, flags, mode, (err, handle) -> {
      if (err != null) {
        callback.done(err);
        return;
      }
      fd = handle;
      callback.done(null);
      emit("open", handle);
      emit("ready");
    });
  }

  @Override
  protected void _read(int n) throws Exception {
    long next = pos != null ? pos : bytesRead;
    long left = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - next + 1;
    int size = (int) Math.min(left, n);
    if (size <= 0) {
      push(null);
      return;
    }
    FileHandle handle = fd;
    long position = pos != null ? pos : -1;
    performingIo = true;
    FsPool.submit("read", null, () -> {
      if (!handle.isOpen()) {
        throw FsErrors.system("EBADF", "read", null);
      }
      return handle.readChunk(size, position);
    }, (er, chunk) -> {
      performingIo = false;
      if (destroyed()) {
        // Node: tell _destroy() that it is safe to close the fd now.
        Callback done = onIoDone;
        onIoDone = null;
        if (done != null) {
          done.done(er);
        }
        return;
      }
      if (er != null) {
        errorOrDestroy(er);
      } else if (chunk.length() > 0) {
        if (pos != null) {
          pos += chunk.length();
        }
        bytesRead += chunk.length();
        push(chunk);
      } else {
        push(null);
      }
    });
  }

  private void errorOrDestroy(Throwable er) {
    if (autoClose) {
      destroy(er);
    } else {
      emit("error", er);
    }
  }

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    // Node: file I/O runs on a thread pool, so the handle is not closed under a pending read.
    if (performingIo) {
      onIoDone = er -> closeFile(err != null ? err : er, callback);
    } else {
      closeFile(err, callback);
    }
  }

  private void closeFile(Throwable err, Callback callback) throws Exception {
    FileHandle handle = fd;
    fd = null;
    closeHandle(handle, false, err, callback);
  }

  /** Node's {@code close(stream, err, cb)} in fs/streams.js: fsync if asked, close, call back. */
  static void closeHandle(FileHandle handle, boolean flush, Throwable err, Callback callback)
      throws Exception {
    if (handle == null) {
      callback.done(err);
    } else if (flush) {
      Fs.fsync(handle, flushErr ->
          Fs.close(handle, er -> callback.done(er != null ? er : err != null ? err : flushErr)));
    } else {
      Fs.close(handle, er -> callback.done(er != null ? er : err));
    }
  }

  // ---- Node's properties and methods -------------------------------------------------------

  /** Node's {@code readStream.close(callback)}: destroys; {@code callback} as with finished. */
  public void close(Callback callback) {
    if (callback != null) {
      dev.weir.stream.Stream.finished(this, callback);
    }
    destroy();
  }

  /** Node's {@code readStream.close()}. */
  public void close() {
    close(null);
  }

  /** Node's {@code readStream.bytesRead}. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Node's {@code readStream.path}, as given (null when made from an {@code fd}). */
  public String path() {
    return path;
  }

  /** Node's {@code readStream.pending}: true while the file is not open (and after closing). */
  public boolean pending() {
    return fd == null;
  }

  /** Node's {@code readStream.fd}: the open handle, or null before 'open' and after closing. */
  public FileHandle fd() {
    return fd;
  }
}
