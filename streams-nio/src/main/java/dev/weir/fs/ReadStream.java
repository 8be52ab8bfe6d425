package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

import dev.weir.buffer.Buffer;
import dev.weir.net.FileRegionSink;
import dev.weir.net.Socket;
import dev.weir.stream.Callback;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.WritableStream;

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
 * <h2>Zero-copy into a socket</h2>
 * When the stream is {@link #pipe piped} into a {@link Socket} — or into an HTTP response whose
 * body has a {@code Content-Length} (any {@link dev.weir.net.FileRegionSink}) — with nothing in
 * between (no
 * encoding, no other pipe, no {@code 'data'} or {@code 'readable'} listener of its own) and is
 * flowing, each {@code _read} sends the next region of the file (up to {@value #ZERO_COPY_REGION}
 * bytes) with {@link Socket#sendFile} ({@code FileChannel.transferTo}, {@code sendfile(2)} on
 * Linux) instead of reading it into a {@link Buffer}: the bytes never enter the heap, and the
 * next region is asked for only once the socket's kernel buffer took the last one, so a slow
 * peer holds nothing in memory. Everything else is the heap path's: {@code bytesRead()} advances,
 * {@code start}/{@code end} are honoured, the end of the range pushes null so {@code 'end'} ends
 * the socket through the pipe, and {@code 'open'}, {@code 'ready'}, {@code 'pipe'},
 * {@code 'end'}, {@code 'finish'}, {@code 'unpipe'}, {@code 'close'} and errors come as before.
 * As no chunk exists, no {@code 'data'} is emitted and the pipe's chunk backpressure
 * ({@code 'pause'}/{@code 'resume'} here, {@code 'drain'} on the socket) does not occur. Adding
 * a {@code 'data'} listener, pausing, setting an encoding or a second pipe switches back to
 * reading chunks at the next read (a region in flight finishes first); {@link #destroy} stops a
 * region in flight before closing the file. The cost: the kernel reads the file on the loop
 * thread, which is cheap from the page cache, but a cold file makes the loop wait for the disk
 * (the heap path reads on the fs worker pool). Turn it off with
 * {@link ReadStreamOptions#zeroCopy zeroCopy(false)} or {@code -Dweir.zeroCopy=false}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>The zero-copy path above; Node always reads into buffers.</li>
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
  /** The most bytes one zero-copy {@code _read} sends. */
  static final int ZERO_COPY_REGION = 1 << 20;
  private static final Buffer NOTHING = Buffer.alloc(0);

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
  /** {@link ReadStreamOptions#zeroCopy}. */
  private final boolean zeroCopy;
  /** The socket sending a region for this stream right now (part of performingIo), or null. */
  private FileRegionSink sendingTo;

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
    this.zeroCopy = options.zeroCopy;
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
    ReadStream.openHandle(this, path, flags, mode, handle -> fd = handle, callback);
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
    FileRegionSink target = zeroCopyTarget();
    if (target != null && sendRegion(target, handle, Math.min(left, ZERO_COPY_REGION))) {
      return;
    }
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

  // ---- zero-copy --------------------------------------------------------------------------

  /**
   * The socket or response this stream is piped into, with nothing else consuming it, when the
   * file may go straight into it; else null.
   */
  private FileRegionSink zeroCopyTarget() {
    WritableStream<?> dest = zeroCopy && fd != null && fd.isOpen() ? solePipeDestination() : null;
    return dest instanceof FileRegionSink ? (FileRegionSink) dest : null;
  }

  /**
   * Asks the socket to send {@code count} bytes at the read position; false when it cannot take
   * them now (then the bytes are read as a chunk, and its write reports Node's error).
   */
  private boolean sendRegion(FileRegionSink socket, FileHandle handle, long count)
      throws Exception {
    java.nio.channels.FileChannel file = handle.channel();
    // Without start, Node reads at the file position: use it and move it, as read(2) would.
    long position = pos != null ? pos : file.position();
    boolean accepted = socket.sendFile(file, position, count, (err, sent) -> {
      performingIo = false;
      sendingTo = null;
      if (sent > 0) {
        if (pos != null) {
          pos += sent;
        } else if (file.isOpen()) {
          file.position(position + sent);
        }
        bytesRead += sent;
      }
      if (destroyed()) {
        Callback done = onIoDone;
        onIoDone = null;
        if (done != null) {
          done.done(null);
        }
        return;
      }
      if (err == null && sent == 0) {
        push(null);
      } else {
        // Nothing to hand over: let the stream ask for the next read, as after a chunk. A
        // failed socket was destroyed and unpiped itself; the stream then reads into its buffer
        // as the heap path's paused source does.
        push(NOTHING);
      }
    });
    if (accepted) {
      performingIo = true;
      sendingTo = socket;
    }
    return accepted;
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
      if (sendingTo != null) {
        // A region may wait for a slow peer indefinitely: stop it, then close the file.
        sendingTo.cancelSendFile();
      }
    } else {
      closeFile(err, callback);
    }
  }

  private void closeFile(Throwable err, Callback callback) throws Exception {
    FileHandle handle = fd;
    fd = null;
    closeHandle(handle, false, err, callback);
  }

  /**
   * Node's {@code _construct} of both fs streams: opens the file, then {@code 'open'} (with the
   * handle) and {@code 'ready'} after the construct callback.
   */
  static void openHandle(dev.weir.events.EventEmitter stream, String path, String flags,
      int mode, java.util.function.Consumer<FileHandle> setHandle, Callback callback) {
    Fs.open(path, flags, mode, (err, handle) -> {
      if (err != null) {
        callback.done(err);
        return;
      }
      setHandle.accept(handle);
      callback.done(null);
      stream.emit("open", handle);
      stream.emit("ready");
    });
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
