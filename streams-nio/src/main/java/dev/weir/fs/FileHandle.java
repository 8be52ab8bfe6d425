package dev.weir.fs;

import dev.weir.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file: what Node's {@code fs.open} passes to its callback as the integer {@code fd}.
 * Pass it to {@link Fs#read}, {@link Fs#write}, {@link Fs#fstat}, {@link Fs#close} and to the
 * {@code fd} option of {@link Fs#createReadStream} / {@link Fs#createWriteStream}, as Node code
 * passes the number.
 *
 * <p>A handle wraps a {@link FileChannel}; it is not confined to a loop (the fs calls use it on
 * the worker pool), and closing it twice is {@code EBADF}, as for a real descriptor.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>An object, not an {@code int}: {@link #fd()} is a number unique in the process for
 *       logging and comparisons, <em>not</em> an OS descriptor; there is no way to adopt a raw
 *       descriptor number.</li>
 *   <li>Not Node's {@code fs/promises} {@code FileHandle}: it has no I/O methods of its own and
 *       is not closed on garbage collection; close it with {@link Fs#close}.</li>
 * </ul>
 */
public final class FileHandle {
  private static final AtomicInteger NEXT_FD = new AtomicInteger(1);
  /** Reads up to this size go through a per-thread direct buffer (one copy, exact size). */
  private static final int SCRATCH_MAX = 1 << 20;
  private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

  private final int fd;
  private final FileChannel channel;
  private final String path;
  private final OpenFlags flags;

  FileHandle(FileChannel channel, String path, OpenFlags flags) {
    this.fd = NEXT_FD.getAndIncrement();
    this.channel = channel;
    this.path = path;
    this.flags = flags;
  }

  /** A process-unique number for this handle (not an OS file descriptor). */
  public int fd() {
    return fd;
  }

  /** The path this handle was opened with. */
  public String path() {
    return path;
  }

  /** The Node flags this handle was opened with ({@code "r"}, {@code "w"}, {@code "a+"}…). */
  public String flags() {
    return flags.flags();
  }

  /** Whether {@link Fs#close} has not yet closed it. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  FileChannel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return "FileHandle[fd=" + fd + ", path=" + path + ", flags=" + flags.flags() + "]";
  }

  // ---- blocking operations, run on the worker pool -----------------------------------------

  /** One read(2) into {@code dst}: at {@code position}, or at the file position if negative. */
  int read(ByteBuffer dst, long position) throws IOException {
    int n = position < 0 ? channel.read(dst) : channel.read(dst, position);
    return Math.max(n, 0);
  }

  /**
   * Reads up to {@code max} bytes into a new buffer of exactly the size read (empty at end of
   * file). The bytes are copied once, from a per-thread direct buffer into the chunk's array;
   * Node allocates {@code max} and copies again when the read was short.
   */
  Buffer readChunk(int max, long position) throws IOException {
    if (max > SCRATCH_MAX) {
      byte[] bytes = new byte[max];
      int n = read(ByteBuffer.wrap(bytes), position);
      return n == max ? Buffer.wrap(bytes) : Buffer.from(Buffer.wrap(bytes, 0, n));
    }
    ByteBuffer scratch = SCRATCH.get();
    if (scratch == null || scratch.capacity() < max) {
      scratch = ByteBuffer.allocateDirect(Math.max(max, 64 * 1024));
      SCRATCH.set(scratch);
    }
    scratch.clear().limit(max);
    int n = read(scratch, position);
    byte[] out = new byte[n];
    scratch.flip();
    scratch.get(out);
    return Buffer.wrap(out);
  }

  /** One write(2) of {@code src}: at {@code position}, or at the file position if negative. */
  int write(ByteBuffer src, long position) throws IOException {
    if (flags.emulateAppend()) {
      channel.position(channel.size());
      return channel.write(src);
    }
    if (position < 0 || flags.append()) {
      // With O_APPEND Linux ignores the offset of pwrite(2) and appends; so does Weir.
      return channel.write(src);
    }
    return channel.write(src, position);
  }

  /**
   * Writes all of {@code srcs} (a gathering write when there are several), at {@code position}
   * or at the file position if negative; returns the bytes written. Like Node's
   * {@code writeAll}, gives up after 5 writes in a row that wrote nothing.
   */
  long writeAll(ByteBuffer[] srcs, long position) throws IOException {
    long total = 0;
    for (ByteBuffer b : srcs) {
      total += b.remaining();
    }
    long written = 0;
    int retries = 0;
    if (srcs.length == 1) {
      while (written < total) {
        long n = write(srcs[0], position < 0 ? -1 : position + written);
        written += n;
        retries = n == 0 ? retries + 1 : 0;
        checkRetries(retries);
      }
      return written;
    }
    if (flags.emulateAppend()) {
      channel.position(channel.size());
    } else if (position >= 0 && !flags.append()) {
      // FileChannel has no positional gathering write: move, then write(ByteBuffer[]).
      channel.position(position);
    }
    while (written < total) {
      long n = channel.write(srcs);
      written += n;
      retries = n == 0 ? retries + 1 : 0;
      checkRetries(retries);
    }
    return written;
  }

  private static void checkRetries(int retries) throws IOException {
    if (retries > 5) {
      throw new IOException("write failed: no progress after 5 attempts");
    }
  }
}
