package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Callback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Node's <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html">fs</a> module: the
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#callback-api">callback API</a>, its
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#promises-api">promises</a>
 * counterparts and the file streams.
 *
 * <p>{@code fs.readFile(path, 'utf8', (err, s) => …)} ports as
 * {@code Fs.readFile(path, "utf8", (err, s) -> …)}; the promise form
 * {@code await fs.promises.readFile(path)} is {@code Fs.readFileAsync(path)}: <b>every callback
 * method {@code x} has an {@code xAsync} twin</b> returning a {@link CompletableFuture},
 * completed on the loop thread (so its dependent stages run there too), exceptionally with the
 * same error the callback would get. That is the convention of {@code Stream.pipelineAsync}.
 *
 * <p>The synchronous forms ({@link #statSync}, {@link #lstatSync}, {@link #realpathSync},
 * {@link #readFileSync}, {@link #openSync}, {@link #readSync}, {@link #fstatSync},
 * {@link #closeSync}) block the calling thread and throw what the callback would get. {@link #executeBlocking} (a Weir
 * extension) runs several of them in one trip to the worker pool, where separate callback calls
 * would each wake a worker and then the loop.
 *
 * <h2>Threads</h2>
 * All methods but the {@code *Sync} ones must be called on a loop thread. The blocking work
 * runs on a shared pool of 4 daemon threads ({@code weir-fs-1..4}, libuv's default threadpool
 * size); each call keeps its loop alive until its callback has run, and callbacks always run
 * on the calling loop's thread, never before the method returned. Bad arguments throw synchronously ({@code
 * ERR_INVALID_ARG_TYPE}, {@code ERR_INVALID_ARG_VALUE}, {@code ERR_OUT_OF_RANGE}), as in Node.
 *
 * <h2>Errors</h2>
 * Failures are {@link dev.weir.errors.WeirException}s with Node's {@code code()}
 * ({@code ENOENT}, {@code EACCES}, {@code EEXIST}, {@code EISDIR}, {@code ENOTDIR},
 * {@code ENOTEMPTY}, {@code EMFILE}, {@code EBADF}…), Node's {@code syscall()} ({@code open},
 * {@code read}, {@code write}, {@code close}, {@code stat}, {@code lstat}, {@code fstat},
 * {@code scandir} for readdir, {@code unlink}, {@code mkdir}, {@code realpath}, {@code fsync})
 * and {@code path()} (null for calls on a handle), with the JDK's exception as the cause.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Descriptors are {@link FileHandle} objects, not integers.</li>
 *   <li>{@code position} arguments are {@code long}s; Node's {@code null} (the current file
 *       position) is {@code -1}.</li>
 *   <li>Paths are strings only (no {@code Buffer} or {@code URL} paths), resolved against the
 *       JVM's {@code user.dir}.</li>
 *   <li>{@link #fstat} stats the handle's path and takes the size from the open channel (the JDK
 *       has no {@code fstat}); for a file unlinked since it was opened only the size is known.</li>
 *   <li>{@code a+} flags: the JDK cannot open a file for reading with {@code APPEND}, so Weir
 *       opens it read-write and moves to the end before each write; not atomic against other
 *       writers as {@code O_APPEND} is.</li>
 *   <li>Option objects become overloads ({@code mkdir(path, recursive, cb)},
 *       {@code readFile(path, encoding, cb)}); only the calls listed here exist so far.</li>
 * </ul>
 */
public final class Fs {
  /** Node's default mode for created files. */
  public static final int DEFAULT_FILE_MODE = 0666;

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private Fs() {}

  // ---- streams ----------------------------------------------------------------------------

  /** Node's {@code fs.createReadStream(path)}. */
  public static ReadStream createReadStream(String path) {
    return new ReadStream(path, new ReadStreamOptions());
  }

  /** Node's {@code fs.createReadStream(path, options)}. */
  public static ReadStream createReadStream(String path, ReadStreamOptions options) {
    return new ReadStream(path, options);
  }

  /** Node's {@code fs.createWriteStream(path)}. */
  public static WriteStream createWriteStream(String path) {
    return new WriteStream(path, new WriteStreamOptions());
  }

  /** Node's {@code fs.createWriteStream(path, options)}. */
  public static WriteStream createWriteStream(String path, WriteStreamOptions options) {
    return new WriteStream(path, options);
  }

  // ---- open / close / read / write / fsync ----------------------------------------------

  /** Node's {@code fs.open(path, flags, callback)} with mode {@code 0o666}. */
  public static void open(String path, String flags, FsCallback<FileHandle> callback) {
    open(path, flags, DEFAULT_FILE_MODE, callback);
  }

  /**
   * Node's {@code fs.open(path, flags, mode, callback)}: {@code flags} as Node's
   * ({@code r}, {@code r+}, {@code w}, {@code wx}, {@code w+}, {@code a}, {@code ax},
   * {@code a+}…); {@code mode} (less the umask) applies when the file is created.
   */
  public static void open(String path, String flags, int mode, FsCallback<FileHandle> callback) {
    Path p = toPath(path);
    OpenFlags f = OpenFlags.parse(requireArg(flags, "flags", "of type string"));
    requireCallback(callback);
    FsPool.submit("open", path, () -> openBlocking(p, path, f, mode), callback);
  }

  /** Opens {@code p} on the calling (worker) thread. */
  static FileHandle openBlocking(Path p, String path, OpenFlags f, int mode) throws IOException {
    Set<StandardOpenOption> options = f.options();
    boolean creates = options.contains(StandardOpenOption.CREATE)
        || options.contains(StandardOpenOption.CREATE_NEW);
    FileChannel ch = creates && POSIX
        ? FileChannel.open(p, options, permissions(mode))
        : FileChannel.open(p, options);
    return new FileHandle(ch, path, f);
  }

  /** Node's {@code fs.close(fd, callback)}; a closed handle is {@code EBADF}. */
  public static void close(FileHandle fd, Callback callback) {
    requireHandle(fd);
    requireCallback(callback);
    FsPool.submit("close", null, () -> {
      closeBlocking(fd);
      return null;
    }, (err, v) -> callback.done(err));
  }

  static void closeBlocking(FileHandle fd) throws IOException {
    if (!fd.channel().isOpen()) {
      throw FsErrors.system("EBADF", "close", null);
    }
    fd.channel().close();
  }

  /** Node's {@code fs.fsync(fd, callback)}: flushes data and metadata to the device. */
  public static void fsync(FileHandle fd, Callback callback) {
    requireHandle(fd);
    requireCallback(callback);
    FsPool.submit("fsync", null, () -> {
      fd.channel().force(true);
      return null;
    }, (err, v) -> callback.done(err));
  }

  /**
   * Node's {@code fs.read(fd, buffer, offset, length, position, callback)}: one read of up to
   * {@code length} bytes into {@code buffer[offset..]}, at {@code position} or, if it is -1, at
   * the file position (which advances); calls back with the bytes read, 0 at end of file.
   */
  public static void read(FileHandle fd, Buffer buffer, int offset, int length, long position,
      FsCallback<Integer> callback) {
    requireHandle(fd);
    checkRange(buffer, offset, length);
    requireCallback(callback);
    ByteBuffer dst = ByteBuffer.wrap(buffer.array(), buffer.byteOffset() + offset, length);
    FsPool.submit("read", null, () -> {
      checkOpen(fd, "read");
      return fd.read(dst, position);
    }, callback);
  }

  /**
   * Node's {@code fs.write(fd, buffer, offset, length, position, callback)}: writes
   * {@code buffer[offset..offset+length)} at {@code position} or, if it is -1, at the file
   * position (the end, for append flags); calls back with the bytes written.
   */
  public static void write(FileHandle fd, Buffer buffer, int offset, int length, long position,
      FsCallback<Integer> callback) {
    requireHandle(fd);
    checkRange(buffer, offset, length);
    requireCallback(callback);
    ByteBuffer src = ByteBuffer.wrap(buffer.array(), buffer.byteOffset() + offset, length);
    FsPool.submit("write", null, () -> {
      checkOpen(fd, "write");
      return fd.write(src, position);
    }, callback);
  }

  private static void checkOpen(FileHandle fd, String syscall) {
    if (!fd.channel().isOpen()) {
      throw FsErrors.system("EBADF", syscall, null);
    }
  }

  // ---- stat ---------------------------------------------------------------------------------

  /** Node's {@code fs.stat(path, callback)}: follows symbolic links. */
  public static void stat(String path, FsCallback<Stats> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("stat", path, () -> Stats.of(p, true), callback);
  }

  /** Node's {@code fs.lstat(path, callback)}: a symbolic link is reported as itself. */
  public static void lstat(String path, FsCallback<Stats> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("lstat", path, () -> Stats.of(p, false), callback);
  }

  /** Node's {@code fs.fstat(fd, callback)}; see the class notes for how it differs. */
  public static void fstat(FileHandle fd, FsCallback<Stats> callback) {
    requireHandle(fd);
    requireCallback(callback);
    FsPool.submit("fstat", null, () -> fstatBlocking(fd), callback);
  }

  private static Stats fstatBlocking(FileHandle fd) throws IOException {
    checkOpen(fd, "fstat");
    long size = fd.channel().size();
    try {
      return Stats.of(Path.of(fd.path()), true).withSize(size);
    } catch (IOException | InvalidPathException e) {
      return Stats.orphan(size);
    }
  }

  // ---- directories --------------------------------------------------------------------------

  /**
   * Node's {@code fs.readdir(path, callback)}: the names in the directory, without {@code .}
   * and {@code ..}, sorted by code point as libuv's {@code scandir} sorts them (strcmp).
   */
  public static void readdir(String path, FsCallback<List<String>> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("scandir", path, () -> {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
        for (Path entry : dir) {
          names.add(entry.getFileName().toString());
        }
      }
      names.sort(Fs::compareCodePoints);
      return List.copyOf(names);
    }, callback);
  }

  private static int compareCodePoints(String a, String b) {
    // UTF-8 byte order (strcmp) is code point order; String.compareTo is UTF-16 unit order.
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** Node's {@code fs.mkdir(path, callback)}: {@code EEXIST} if it exists. */
  public static void mkdir(String path, Callback callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("mkdir", path, () -> Files.createDirectory(p), (err, v) -> callback.done(err));
  }

  /**
   * Node's {@code fs.mkdir(path, {recursive}, callback)}. With {@code recursive}, missing
   * parents are created, an existing directory is no error, and the callback gets the first
   * directory created (null if none), as Node; without, the value is always null.
   */
  public static void mkdir(String path, boolean recursive, FsCallback<String> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    if (!recursive) {
      FsPool.submit("mkdir", path, () -> {
        Files.createDirectory(p);
        return null;
      }, callback);
      return;
    }
    FsPool.submit("mkdir", path, () -> {
      Path first = null;
      Path cur = p;
      while (cur != null && !Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
        first = cur;
        cur = cur.getParent();
      }
      if (first == null) {
        if (Files.isDirectory(p)) {
          return null;
        }
        throw FsErrors.system("EEXIST", "mkdir", path);
      }
      if (cur != null && !Files.isDirectory(cur)) {
        throw FsErrors.system("ENOTDIR", "mkdir", path);
      }
      Files.createDirectories(p);
      return first.toString();
    }, callback);
  }

  // ---- whole files ------------------------------------------------------------------------

  /** Node's {@code fs.readFile(path, callback)}: the whole file as a {@link Buffer}. */
  public static void readFile(String path, FsCallback<Buffer> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("open", path, () -> readFileBlocking(p, path), callback);
  }

  /** Node's {@code fs.readFile(path, encoding, callback)}: the whole file decoded. */
  public static void readFile(String path, String encoding, FsCallback<String> callback) {
    Path p = toPath(path);
    checkEncoding(encoding);
    requireCallback(callback);
    FsPool.submit("open", path, () -> readFileBlocking(p, path).toString(encoding), callback);
  }

  private static Buffer readFileBlocking(Path p, String path) throws IOException {
    FileHandle fd = openBlocking(p, path, OpenFlags.parse("r"), DEFAULT_FILE_MODE);
    try (FileChannel ch = fd.channel()) {
      long size = ch.size();
      // Files like /proc/* report size 0: read until EOF, growing, as Node does for them.
      byte[] data = new byte[size > 0 ? (int) Math.min(size, MAX_FILE) : 8192];
      int n = 0;
      while (true) {
        if (size > 0 && n == size) {
          // Node's ReadFileContext stops at the size fstat reported (a file that grew meanwhile
          // is not read further), without one more read(2) to see the end of the file.
          break;
        }
        if (n == data.length) {
          if (n >= MAX_FILE) {
            throw tooLarge(Math.max(size, n));
          }
          data = Arrays.copyOf(data, (int) Math.min(MAX_FILE, data.length * 2L));
        }
        int r;
        try {
          r = ch.read(ByteBuffer.wrap(data, n, data.length - n));
        } catch (IOException e) {
          // Node: the open succeeded, so a directory fails here, as EISDIR of 'read'.
          throw (RuntimeException) FsErrors.map(e, "read", null);
        }
        if (r < 0) {
          break;
        }
        n += r;
      }
      return Buffer.wrap(data, 0, n);
    }
  }

  /** Node's {@code kIoMaxLength} for readFile is 2 GiB; a Java array holds a little less. */
  private static final int MAX_FILE = Integer.MAX_VALUE - 8;

  private static dev.weir.errors.WeirException tooLarge(long size) {
    return new dev.weir.errors.WeirException("ERR_FS_FILE_TOO_LARGE",
        "File size (" + size + ") is greater than 2 GiB", null);
  }

  /** Node's {@code fs.writeFile(path, data, callback)}: creates or truncates, then writes. */
  public static void writeFile(String path, Buffer data, Callback callback) {
    Path p = toPath(path);
    requireArg(data, "data", "of type string or an instance of Buffer");
    requireCallback(callback);
    ByteBuffer src = data.asByteBuffer();
    FsPool.submit("open", path, () -> {
      writeFileBlocking(p, path, src);
      return null;
    }, (err, v) -> callback.done(err));
  }

  /** Node's {@code fs.writeFile(path, string, callback)}: the string in UTF-8. */
  public static void writeFile(String path, CharSequence data, Callback callback) {
    writeFile(path, data, "utf8", callback);
  }

  /** Node's {@code fs.writeFile(path, string, encoding, callback)}. */
  public static void writeFile(String path, CharSequence data, String encoding,
      Callback callback) {
    requireArg(data, "data", "of type string or an instance of Buffer");
    checkEncoding(encoding);
    writeFile(path, Buffer.from(data.toString(), encoding), callback);
  }

  private static void writeFileBlocking(Path p, String path, ByteBuffer src) throws IOException {
    FileHandle fd = openBlocking(p, path, OpenFlags.parse("w"), DEFAULT_FILE_MODE);
    try (FileChannel ch = fd.channel()) {
      try {
        fd.writeAll(new ByteBuffer[] {src}, -1);
      } catch (IOException e) {
        throw (RuntimeException) FsErrors.map(e, "write", null);
      }
    }
  }

  // ---- unlink / realpath ------------------------------------------------------------------

  /** Node's {@code fs.unlink(path, callback)}: removes a file or link; a directory is EISDIR. */
  public static void unlink(String path, Callback callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit("unlink", path, () -> {
      // unlink(2) on Linux refuses directories; Files.delete would remove an empty one.
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw FsErrors.system("EISDIR", "unlink", path);
      }
      Files.delete(p);
      return null;
    }, (err, v) -> callback.done(err));
  }

  /**
   * Node's {@code fs.realpath(path, callback)}: the canonical absolute path, links resolved.
   * Like Node's JavaScript {@code fs.realpath}, which walks the path with lstat, a missing path
   * is reported with syscall {@code lstat}; {@link #realpathAsync} reports {@code realpath}, as
   * {@code fs.promises.realpath} does.
   */
  public static void realpath(String path, FsCallback<String> callback) {
    realpath(path, "lstat", callback);
  }

  private static void realpath(String path, String syscall, FsCallback<String> callback) {
    Path p = toPath(path);
    requireCallback(callback);
    FsPool.submit(syscall, path, () -> p.toRealPath().toString(), callback);
  }

  // ---- the synchronous forms --------------------------------------------------------------

  /**
   * Node's {@code fs.statSync(path)}: blocks the calling thread; throws the error the callback
   * form would get ({@code ENOENT}, syscall {@code stat}…). Like every {@code *Sync} method it
   * may be called on any thread: on the loop it blocks the loop, as in Node; inside
   * {@link #executeBlocking} it runs on the fs pool.
   */
  public static Stats statSync(String path) {
    Path p = toPath(path);
    return sync("stat", path, () -> Stats.of(p, true));
  }

  /** Node's {@code fs.lstatSync(path)}; see {@link #statSync}. */
  public static Stats lstatSync(String path) {
    Path p = toPath(path);
    return sync("lstat", path, () -> Stats.of(p, false));
  }

  /**
   * Node's {@code fs.realpathSync(path)}; a missing path is reported with syscall {@code lstat},
   * as by {@link #realpath(String, FsCallback)}; see {@link #statSync}.
   */
  public static String realpathSync(String path) {
    Path p = toPath(path);
    return sync("lstat", path, () -> p.toRealPath().toString());
  }

  /**
   * Node's {@code fs.readFileSync(path)}: open, fstat, read, close; errors as
   * {@link #readFile(String, FsCallback)} reports them; see {@link #statSync}.
   */
  public static Buffer readFileSync(String path) {
    Path p = toPath(path);
    return sync("open", path, () -> readFileBlocking(p, path));
  }

  /** Node's {@code fs.readFileSync(path, encoding)}: the whole file decoded. */
  public static String readFileSync(String path, String encoding) {
    Path p = toPath(path);
    checkEncoding(encoding);
    return sync("open", path, () -> readFileBlocking(p, path).toString(encoding));
  }

  /** Node's {@code fs.openSync(path, flags)} with mode {@code 0o666}; see {@link #statSync}. */
  public static FileHandle openSync(String path, String flags) {
    Path p = toPath(path);
    OpenFlags f = OpenFlags.parse(requireArg(flags, "flags", "of type string"));
    return sync("open", path, () -> openBlocking(p, path, f, DEFAULT_FILE_MODE));
  }

  /**
   * Node's {@code fs.readSync(fd, buffer, offset, length, position)}: one read of up to
   * {@code length} bytes into {@code buffer[offset..]}, at {@code position} or, if it is -1, at
   * the file position; returns the bytes read, 0 at end of file. See {@link #read}.
   */
  public static int readSync(FileHandle fd, Buffer buffer, int offset, int length,
      long position) {
    requireHandle(fd);
    checkRange(buffer, offset, length);
    ByteBuffer dst = ByteBuffer.wrap(buffer.array(), buffer.byteOffset() + offset, length);
    return sync("read", null, () -> {
      checkOpen(fd, "read");
      return fd.read(dst, position);
    });
  }

  /** Node's {@code fs.closeSync(fd)}; a closed handle is {@code EBADF}. */
  public static void closeSync(FileHandle fd) {
    requireHandle(fd);
    sync("close", null, () -> {
      closeBlocking(fd);
      return null;
    });
  }

  /** Node's {@code fs.fstatSync(fd)}; see {@link #fstat} for how it differs from Node's. */
  public static Stats fstatSync(FileHandle fd) {
    requireHandle(fd);
    return sync("fstat", null, () -> fstatBlocking(fd));
  }

  private static <T> T sync(String syscall, String path, FsPool.Op<T> op) {
    try {
      return op.call();
    } catch (Exception e) {
      Throwable mapped = FsErrors.map(e, syscall, path);
      if (mapped instanceof RuntimeException) {
        throw (RuntimeException) mapped;
      }
      throw new java.io.UncheckedIOException(mapped instanceof IOException
          ? (IOException) mapped : new IOException(mapped));
    }
  }

  /**
   * Runs {@code work} on the fs worker pool and calls {@code callback} back on this loop with
   * its result, or with what it threw (as it is, not mapped); a Weir extension, like libuv's {@code uv_queue_work}
   * (Vert.x: {@code executeBlocking}). It lets a program do in one trip to the pool what Node
   * does in several: {@code realpathSync}, {@code statSync} and {@code readFileSync} of a small
   * file cost one worker wake-up and one loop wake-up instead of one each. The work should use
   * the {@code *Sync} methods, whose errors carry Node's codes; it must not touch loop-confined
   * objects (streams, sockets, emitters). A pending call keeps the loop alive, as every fs call
   * does.
   */
  public static <T> void executeBlocking(java.util.concurrent.Callable<T> work,
      FsCallback<T> callback) {
    requireArg(work, "work", "of type function");
    requireCallback(callback);
    FsPool.submit(null, null, work::call, callback);
  }

  // ---- the promise forms ------------------------------------------------------------------

  /** {@code fs.promises.open(path, flags)}; see {@link #open(String, String, FsCallback)}. */
  public static CompletableFuture<FileHandle> openAsync(String path, String flags) {
    return openAsync(path, flags, DEFAULT_FILE_MODE);
  }

  /** {@code fs.promises.open(path, flags, mode)}. */
  public static CompletableFuture<FileHandle> openAsync(String path, String flags, int mode) {
    CompletableFuture<FileHandle> f = new CompletableFuture<>();
    open(path, flags, mode, complete(f));
    return f;
  }

  /** {@code filehandle.close()}: the promise form of {@link #close}. */
  public static CompletableFuture<Void> closeAsync(FileHandle fd) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    close(fd, completeVoid(f));
    return f;
  }

  /** {@code filehandle.sync()}: the promise form of {@link #fsync}. */
  public static CompletableFuture<Void> fsyncAsync(FileHandle fd) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    fsync(fd, completeVoid(f));
    return f;
  }

  /** {@code filehandle.read(buffer, offset, length, position)}: the bytes read. */
  public static CompletableFuture<Integer> readAsync(FileHandle fd, Buffer buffer, int offset,
      int length, long position) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    read(fd, buffer, offset, length, position, complete(f));
    return f;
  }

  /** {@code filehandle.write(buffer, offset, length, position)}: the bytes written. */
  public static CompletableFuture<Integer> writeAsync(FileHandle fd, Buffer buffer, int offset,
      int length, long position) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    write(fd, buffer, offset, length, position, complete(f));
    return f;
  }

  /** {@code fs.promises.stat(path)}. */
  public static CompletableFuture<Stats> statAsync(String path) {
    CompletableFuture<Stats> f = new CompletableFuture<>();
    stat(path, complete(f));
    return f;
  }

  /** {@code fs.promises.lstat(path)}. */
  public static CompletableFuture<Stats> lstatAsync(String path) {
    CompletableFuture<Stats> f = new CompletableFuture<>();
    lstat(path, complete(f));
    return f;
  }

  /** {@code filehandle.stat()}: the promise form of {@link #fstat}. */
  public static CompletableFuture<Stats> fstatAsync(FileHandle fd) {
    CompletableFuture<Stats> f = new CompletableFuture<>();
    fstat(fd, complete(f));
    return f;
  }

  /** {@code fs.promises.readdir(path)}. */
  public static CompletableFuture<List<String>> readdirAsync(String path) {
    CompletableFuture<List<String>> f = new CompletableFuture<>();
    readdir(path, complete(f));
    return f;
  }

  /** {@code fs.promises.mkdir(path)}. */
  public static CompletableFuture<Void> mkdirAsync(String path) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    mkdir(path, completeVoid(f));
    return f;
  }

  /** {@code fs.promises.mkdir(path, {recursive})}: the first directory created, or null. */
  public static CompletableFuture<String> mkdirAsync(String path, boolean recursive) {
    CompletableFuture<String> f = new CompletableFuture<>();
    mkdir(path, recursive, complete(f));
    return f;
  }

  /** {@code fs.promises.readFile(path)}. */
  public static CompletableFuture<Buffer> readFileAsync(String path) {
    CompletableFuture<Buffer> f = new CompletableFuture<>();
    readFile(path, complete(f));
    return f;
  }

  /** {@code fs.promises.readFile(path, encoding)}. */
  public static CompletableFuture<String> readFileAsync(String path, String encoding) {
    CompletableFuture<String> f = new CompletableFuture<>();
    readFile(path, encoding, complete(f));
    return f;
  }

  /** {@code fs.promises.writeFile(path, buffer)}. */
  public static CompletableFuture<Void> writeFileAsync(String path, Buffer data) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    writeFile(path, data, completeVoid(f));
    return f;
  }

  /** {@code fs.promises.writeFile(path, string)} in UTF-8. */
  public static CompletableFuture<Void> writeFileAsync(String path, CharSequence data) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    writeFile(path, data, completeVoid(f));
    return f;
  }

  /** {@code fs.promises.unlink(path)}. */
  public static CompletableFuture<Void> unlinkAsync(String path) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    unlink(path, completeVoid(f));
    return f;
  }

  /** {@code fs.promises.realpath(path)}: errors carry syscall {@code realpath}. */
  public static CompletableFuture<String> realpathAsync(String path) {
    CompletableFuture<String> f = new CompletableFuture<>();
    realpath(path, "realpath", complete(f));
    return f;
  }

  private static <T> FsCallback<T> complete(CompletableFuture<T> f) {
    return (err, value) -> {
      if (err != null) {
        f.completeExceptionally(err);
      } else {
        f.complete(value);
      }
    };
  }

  private static Callback completeVoid(CompletableFuture<Void> f) {
    return err -> {
      if (err != null) {
        f.completeExceptionally(err);
      } else {
        f.complete(null);
      }
    };
  }

  // ---- argument checks (synchronous, as Node's validators) --------------------------------

  static Path toPath(String path) {
    requireArg(path, "path", "of type string or an instance of Buffer or URL");
    if (path.indexOf('\0') >= 0) {
      throw ERR_INVALID_ARG_VALUE.error("path",
          "must be a string, Uint8Array, or URL without null bytes", "'" + path + "'");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw ERR_INVALID_ARG_VALUE.errorWithCause(e, "path", "is invalid", "'" + path + "'");
    }
  }

  static <T> T requireArg(T value, String name, String expected) {
    if (value == null) {
      throw ERR_INVALID_ARG_TYPE.error(name, expected, "null");
    }
    return value;
  }

  private static void requireCallback(Object callback) {
    requireArg(callback, "cb", "of type function");
  }

  static void requireHandle(FileHandle fd) {
    requireArg(fd, "fd", "an instance of FileHandle");
  }

  static void checkEncoding(String encoding) {
    if (encoding == null || !Buffer.isEncoding(encoding)) {
      throw ERR_INVALID_ARG_VALUE.error("encoding", "is invalid encoding", "'" + encoding + "'");
    }
  }

  private static void checkRange(Buffer buffer, int offset, int length) {
    requireArg(buffer, "buffer", "an instance of Buffer");
    if (offset < 0 || offset > buffer.length()) {
      throw ERR_OUT_OF_RANGE.error("offset", ">= 0 && <= " + buffer.length(), offset);
    }
    if (length < 0 || length > buffer.length() - offset) {
      throw ERR_OUT_OF_RANGE.error("length", ">= 0 && <= " + (buffer.length() - offset), length);
    }
  }

  static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values();
    // values() is OWNER_READ..OTHERS_EXECUTE, i.e. mode bits 8..0.
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        perms.add(bits[i]);
      }
    }
    return PosixFilePermissions.asFileAttribute(perms);
  }
}
