package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Callback;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableChunk;
import dev.weir.stream.WritableOptions;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A writable stream into a file; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#class-fswritestream">fs.WriteStream</a>
 * and {@code lib/internal/fs/streams.js}. Made by {@link Fs#createWriteStream}.
 *
 * <p>The file is opened in {@code _construct} with the stream's flags (default {@code "w"}),
 * then {@code 'open'} and {@code 'ready'} are emitted; writes run on the fs worker pool, one at a
 * time; chunks buffered meanwhile (or while {@link #cork()}ed) go to {@code _writev} as one
 * gathering write ({@code FileChannel.write(ByteBuffer[])}). After {@code end()}:
 * {@code 'finish'}, then the file is closed (fsync'ed first with {@code flush}) and
 * {@code 'close'} follows. With {@code "wx"} on an existing file: {@code 'error'} {@code EEXIST}
 * (syscall {@code open}), then {@code 'close'}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>A gathering write with a {@code start} position moves the channel's file position
 *       (FileChannel has no positional gathering write; Node uses {@code pwritev}). With append
 *       flags the position is ignored and data is appended, as Linux does for {@code O_APPEND}.
 *   </li>
 *   <li>No {@code fs} option, no {@code signal}; {@code destroySoon()} is {@link #end()}.</li>
 * </ul>
 */
public class WriteStream extends Writable<Buffer> {
  private final String path;
  private final String flags;
  private final int mode;
  private final boolean flush;
  private final boolean autoClose;
  /** Node's {@code fd}: null until opened and after closing. */
  private FileHandle fd;
  /** Node's {@code pos}: the next write offset, or null to write at the file position. */
  private Long pos;
  /** Node's {@code bytesWritten}. */
  private long bytesWritten;
  /** Node's {@code kIsPerformingIO}. */
  private boolean performingIo;
  /** Node's {@code kIoDone} listener. */
  private Callback onIoDone;

  /** Node's {@code new fs.WriteStream(path, options)}. */
  public WriteStream(String path, WriteStreamOptions options) {
    // Validate everything before the Writable exists: a half-made stream would open the file.
    super(writableOptions(path, options));
    this.fd = options.fd;
    this.path = path;
    this.flags = options.flags;
    this.mode = options.mode;
    this.flush = options.flush;
    this.autoClose = options.autoClose;
    this.pos = options.start;
  }

  private static WritableOptions<Buffer> writableOptions(String path, WriteStreamOptions o) {
    Fs.requireArg(o, "options", "of type object");
    if (o.fd == null) {
      Fs.toPath(path);
    }
    OpenFlags.parse(o.flags);
    WritableOptions<Buffer> w = new WritableOptions<Buffer>()
        .decodeStrings(true)
        .emitClose(o.emitClose)
        .autoDestroy(o.autoClose);
    if (o.highWaterMark != null) {
      w.highWaterMark(o.highWaterMark);
    }
    if (o.encoding != null) {
      w.defaultEncoding(o.encoding);
    }
    return w;
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
  protected void _write(Buffer data, String encoding, Callback callback) throws Exception {
    writeAll(new ByteBuffer[] {data.asByteBuffer()}, data.length(), callback);
  }

  @Override
  protected void _writev(List<WritableChunk<Buffer>> chunks, Callback callback)
      throws Exception {
    ByteBuffer[] srcs = new ByteBuffer[chunks.size()];
    long size = 0;
    for (int i = 0; i < srcs.length; i++) {
      Buffer chunk = chunks.get(i).chunk();
      srcs[i] = chunk.asByteBuffer();
      size += chunk.length();
    }
    writeAll(srcs, size, callback);
  }

  private void writeAll(ByteBuffer[] srcs, long size, Callback callback) {
    FileHandle handle = fd;
    long position = pos != null ? pos : -1;
    performingIo = true;
    FsPool.submit("write", null, () -> {
      if (!handle.isOpen()) {
        throw FsErrors.system("EBADF", "write", null);
      }
      return handle.writeAll(srcs, position);
    }, (er, written) -> {
      Throwable err = er;
      // Node's writeAll(): a write that completes after destroy() fails the callback.
      if (destroyed() || err != null) {
        err = err != null ? err : ERR_STREAM_DESTROYED.error("write");
      } else {
        bytesWritten += written;
      }
      performingIo = false;
      if (destroyed()) {
        callback.done(err);
        Callback done = onIoDone;
        onIoDone = null;
        if (done != null) {
          done.done(err);
        }
        return;
      }
      callback.done(err);
    });
    if (pos != null) {
      pos += size;
    }
  }

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    if (performingIo) {
      onIoDone = er -> closeFile(err != null ? err : er, callback);
    } else {
      closeFile(err, callback);
    }
  }

  private void closeFile(Throwable err, Callback callback) throws Exception {
    FileHandle handle = fd;
    fd = null;
    ReadStream.closeHandle(handle, flush, err, callback);
  }

  // ---- Node's properties and methods -------------------------------------------------------

  /**
   * Node's {@code writeStream.close(callback)}: ends the stream ({@code end()}, not
   * {@code destroy()}, as Node) and calls {@code callback} on {@code 'close'}.
   */
  public void close(Callback callback) {
    if (callback != null) {
      if (closed()) {
        loop().nextTick(() -> callback.done(null));
        return;
      }
      on("close", () -> callback.done(null));
    }
    if (!autoClose) {
      on("finish", () -> destroy());
    }
    end();
  }

  /** Node's {@code writeStream.close()}. */
  public void close() {
    close(null);
  }

  /** Node's {@code writeStream.bytesWritten}: bytes written to the file so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** Node's {@code writeStream.path}, as given (null when made from an {@code fd}). */
  public String path() {
    return path;
  }

  /** Node's {@code writeStream.pending}: true while the file is not open (and after closing). */
  public boolean pending() {
    return fd == null;
  }

  /** Node's {@code writeStream.fd}: the open handle, or null before 'open' and after closing. */
  public FileHandle fd() {
    return fd;
  }
}
