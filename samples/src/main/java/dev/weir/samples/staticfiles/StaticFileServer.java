package dev.weir.samples.staticfiles;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.fs.FileHandle;
import dev.weir.fs.Fs;
import dev.weir.fs.FsCallback;
import dev.weir.fs.ReadStream;
import dev.weir.fs.ReadStreamOptions;
import dev.weir.fs.Stats;
import dev.weir.http.Http;
import dev.weir.http.HttpServerOptions;
import dev.weir.http.IncomingMessage;
import dev.weir.http.Server;
import dev.weir.http.ServerResponse;
import dev.weir.loop.EventLoop;
import dev.weir.stream.PipeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static HTTP/1.1 file server: DESIGN.md's snippet 4,
 * {@code Fs.createReadStream(file).pipe(res)}, with what a server facing the internet needs
 * around it. The library does the HTTP (keep-alive, framing, timeouts, limits) and the
 * backpressure: a slow client pauses the file stream, so memory per download stays bounded by
 * the high-water marks.
 *
 * <p>GET and HEAD (others: 405), {@code Content-Type} from {@link MimeTypes},
 * {@code Last-Modified}, a weak {@code ETag}, 304 for {@code If-None-Match} and
 * {@code If-Modified-Since}, single byte ranges (206, 416), {@code index.html} or a listing for
 * directories (301 to add the slash). Paths are decoded once by {@link UrlPath}; nothing outside
 * the root is served, not even through a symbolic link unless {@code --follow-symlinks}.
 *
 * <p>Each request makes one trip to the fs worker pool ({@link Fs#executeBlocking}): Node's
 * {@code lstatSync} of each path segment (a link sends the path through {@code realpathSync}
 * and the root check), then {@code openSync}, and for a file up to {@value #SMALL_FILE} bytes
 * {@code readSync} and {@code closeSync}: that body is sent with {@code res.end(body)} (headers
 * and body in one write). A bigger file's handle goes to {@code Fs.createReadStream} (the
 * {@code fd} option) piped into the response. Separate calls would cost a worker wake-up and a
 * loop wake-up each: realpath, stat, open, read and close are five.
 */
public final class StaticFileServer {
  private static final Logger LOG = LoggerFactory.getLogger(StaticFileServer.class);
  /** Request targets longer than this get 414 (the header limit, 16 KiB, gives 431). */
  static final int MAX_URL_LENGTH = 8 * 1024;

  private final Options options;
  /** The root with every link resolved: served paths must stay under it. */
  private final Path root;

  private StaticFileServer(Options options, Path root) {
    this.options = options;
    this.root = root;
  }

  // ---- command line -------------------------------------------------------------------------

  /** {@code file-server [options]}; see {@link Options#USAGE}. */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("file-server: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(Options.USAGE);
      return;
    }
    try {
      realRoot(options);
    } catch (IllegalArgumentException e) {
      System.err.println("file-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    EventLoop.run(() -> {
      Server server = create(options);
      server.on("error", (Throwable err) -> {
        System.err.println("file-server: cannot listen on " + options.host() + ":"
            + options.port() + ": " + err.getMessage());
        System.exit(1);
      });
      server.listen(options.port(), options.host(), () -> System.out.println("Serving "
          + options.root().toAbsolutePath().normalize() + " on " + url(options.host(),
          server.address().port()) + "  (Ctrl-C to stop)"));
    });
  }

  private static String url(String host, int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
  }

  // ---- API ----------------------------------------------------------------------------------

  /**
   * The HTTP server, made on the calling loop and not listening yet. Throws
   * {@link IllegalArgumentException} if the root is not a directory.
   */
  public static Server create(Options options) {
    StaticFileServer files = new StaticFileServer(options, realRoot(options));
    Server server = Http.createServer(new HttpServerOptions()
        .headersTimeout(options.headersTimeout())
        .keepAliveTimeout(options.keepAliveTimeout())
        .requestTimeout(options.requestTimeout())
        .maxHeaderSize(options.maxHeaderSize()), files::onRequest);
    server.maxConnections(options.maxConnections());
    return server;
  }

  /** The root with links resolved; {@link IllegalArgumentException} if not a directory. */
  private static Path realRoot(Options options) {
    Path root;
    try {
      root = options.root().toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("root " + options.root() + " is not readable: " + e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("root " + options.root() + " is not a directory");
    }
    return root;
  }

  /**
   * Starts a server on a new thread with its own loop; returns once it listens. Throws
   * {@link IllegalArgumentException} for a bad root and the listen error (e.g.
   * {@code EADDRINUSE}) if it cannot listen.
   */
  public static Running start(Options options) {
    realRoot(options);
    CompletableFuture<Running> ready = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        EventLoop.run(() -> {
          Server server = create(options);
          server.on("error", (Throwable err) -> ready.completeExceptionally(err));
          server.listen(options.port(), options.host(), () -> ready.complete(
              new Running(EventLoop.current(), server, server.address().port())));
        });
      } catch (RuntimeException | Error e) {
        ready.completeExceptionally(e);
      }
    }, "weir-file-server");
    thread.setDaemon(true);
    thread.start();
    try {
      return ready.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
          : new IllegalStateException(e.getCause());
    }
  }

  /** A server started by {@link #start}: its port, and {@link #close()} to stop it. */
  public static final class Running implements AutoCloseable {
    private final EventLoop loop;
    private final Server server;
    private final int port;

    private Running(EventLoop loop, Server server, int port) {
      this.loop = loop;
      this.server = server;
      this.port = port;
    }

    /** The port it listens on. */
    public int port() {
      return port;
    }

    /** {@code http://host:port/}. */
    public String url() {
      return StaticFileServer.url(server.address() == null ? "127.0.0.1"
          : server.address().address(), port);
    }

    /** Runs {@code task} on the server's loop (for tests that look inside). */
    public void execute(Runnable task) {
      loop.execute(task);
    }

    /** Stops listening, closes every connection and waits for the loop to end. */
    @Override
    public void close() {
      loop.execute(() -> {
        server.close();
        server.closeAllConnections();
      });
      try {
        loop.thread().join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- requests -----------------------------------------------------------------------------

  private void onRequest(IncomingMessage req, ServerResponse res) {
    if (LOG.isInfoEnabled()) {
      long startNanos = System.nanoTime();
      long bytesBefore = req.socket().bytesWritten();
      res.on("close", () -> LOG.info("{} {} {} {} {}ms", req.method(), abbreviate(req.url()),
          res.statusCode(), req.socket().bytesWritten() - bytesBefore,
          (System.nanoTime() - startNanos) / 1_000_000));
    }
    if (req.url().length() > MAX_URL_LENGTH) {
      sendStatus(res, 414);
      return;
    }
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      res.setHeader("Allow", "GET, HEAD");
      sendStatus(res, 405);
      return;
    }
    UrlPath path;
    try {
      path = UrlPath.parse(req.url());
    } catch (UrlPath.Refused e) {
      LOG.debug("refused {}: {}", abbreviate(req.url()), e.getMessage());
      sendStatus(res, e.status);
      return;
    }
    if (path.hidden() && !options.allowDotfiles()) {
      sendStatus(res, 404);
      return;
    }
    boolean wantBody = !path.directory() && wantsBody(req);
    resolve(root, path.segments(), wantBody, (err, found) -> {
      if (err != null || found == null) {
        sendStatus(res, statusFor(err));
      } else if (res.destroyed()) {
        found.discard(); // the client went away meanwhile
      } else if (found.stats().isDirectory()) {
        found.discard();
        serveDirectory(req, res, path, found.path());
      } else if (found.stats().isFile() && !path.directory()) {
        serveFile(req, res, found);
      } else {
        found.discard();
        sendStatus(res, 404); // a file asked for as a directory, a FIFO, a device
      }
    });
  }

  /**
   * Files up to this size are read whole (one read of one ReadStream chunk, 64 KiB) in the
   * same trip to the fs pool as their stat, and sent with {@code res.end(body)}; bigger ones are
   * opened in that trip and streamed.
   */
  static final int SMALL_FILE = 64 * 1024;

  /**
   * Whether a GET will most likely send the file: not for HEAD, nor for a conditional request
   * that may well end in 304 (those only stat, and stream the file if it did change).
   */
  private static boolean wantsBody(IncomingMessage req) {
    return req.method().equals("GET") && req.header("if-none-match") == null
        && req.header("if-modified-since") == null;
  }

  /**
   * A path under the root with every link resolved and its stats; for a regular file asked for
   * with {@code wantBody}, also its bytes ({@code body}, a small file) or an open handle
   * ({@code fd}, a bigger one), else both null.
   */
  private record Found(Path path, Stats stats, Buffer body, FileHandle fd) {
    /** Closes the handle if it will not be used. */
    void discard() {
      if (fd != null) {
        Fs.close(fd, err -> {});
      }
    }
  }

  /**
   * Finds {@code segments} under {@code base} (a path with no links, as the root), stats it and
   * with {@code wantBody} reads a small regular file or opens a bigger one: all in one trip to
   * the fs pool ({@link Fs#executeBlocking} with Node's {@code lstatSync}, {@code openSync},
   * {@code readSync}…), where separate calls would wake a worker and the loop for each. Calls
   * back with null (not an error) when the file lies outside the root and links may not be
   * followed there.
   */
  private void resolve(Path base, List<String> segments, boolean wantBody,
      FsCallback<Found> callback) {
    Fs.executeBlocking(() -> {
      // lstat each segment: with no link on the way the path is already its real path, and the
      // last lstat is its stat. A link sends the whole path through realpath (Node's
      // fs.realpath does the same lstat walk).
      Path path = base;
      Stats stats = null;
      for (String segment : segments) {
        path = path.resolve(segment);
        stats = Fs.lstatSync(path.toString());
        if (stats.isSymbolicLink()) {
          return throughLinks(base, segments, wantBody);
        }
      }
      return found(path, stats != null ? stats : Fs.statSync(base.toString()), wantBody);
    }, callback);
  }

  /** The path of {@code segments} under {@code base} has a link: resolve it, then check it. */
  private Found throughLinks(Path base, List<String> segments, boolean wantBody) {
    String file = base + "/" + String.join("/", segments);
    String real = Fs.realpathSync(file);
    Path path;
    try {
      path = Path.of(real);
    } catch (InvalidPathException e) {
      return null;
    }
    if (!path.startsWith(root) && !options.followSymlinks()) {
      LOG.debug("{} leads outside the root to {}", file, real);
      return null;
    }
    return found(path, Fs.statSync(real), wantBody);
  }

  /** On the pool: the body of a small file, or an open handle for a bigger one. */
  private static Found found(Path path, Stats stats, boolean wantBody) {
    if (!wantBody || !stats.isFile()) {
      return new Found(path, stats, null, null);
    }
    FileHandle fd = Fs.openSync(path.toString(), "r");
    if (stats.size() > SMALL_FILE) {
      return new Found(path, stats, null, fd);
    }
    try {
      // The size just stat'ed: what the ETag and Content-Length describe (readFileSync would
      // fstat again); a file that shrank since sends what is left.
      Buffer body = Buffer.allocUnsafe((int) stats.size());
      int n = 0;
      int r;
      while (n < body.length() && (r = Fs.readSync(fd, body, n, body.length() - n, n)) > 0) {
        n += r;
      }
      return new Found(path, stats, n == body.length() ? body : body.subarray(0, n), null);
    } finally {
      Fs.closeSync(fd);
    }
  }

  private void serveDirectory(IncomingMessage req, ServerResponse res, UrlPath path, Path dir) {
    if (!path.directory()) {
      res.setHeader("Location", path.directoryUrl());
      sendStatus(res, 301);
      return;
    }
    resolve(dir, List.of("index.html"), wantsBody(req), (err, index) -> {
      if (res.destroyed()) {
        if (index != null) {
          index.discard();
        }
      } else if (err == null && index != null && index.stats().isFile()) {
        serveFile(req, res, index);
      } else {
        if (index != null) {
          index.discard();
        }
        serveListing(res, path, dir);
      }
    });
  }

  /** The last {@code Last-Modified} formatted, and its second: files served often repeat. */
  private long lastModifiedSecond = Long.MIN_VALUE;
  private String lastModifiedText;

  private String lastModified(long second) {
    if (second != lastModifiedSecond) {
      lastModifiedText = HttpDate.format(second);
      lastModifiedSecond = second;
    }
    return lastModifiedText;
  }

  private void serveFile(IncomingMessage req, ServerResponse res, Found found) {
    Path file = found.path();
    Buffer body = found.body();
    // A small file read whole: its length is the size of what is sent.
    long size = body != null ? body.length() : found.stats().size();
    double mtimeMs = found.stats().mtimeMs();
    long modifiedSecond = (long) Math.floor(mtimeMs / 1000);
    String etag = "W/\"" + Long.toHexString(size) + "-"
        + Long.toHexString((long) Math.floor(mtimeMs)) + "\"";
    res.setHeader("Accept-Ranges", "bytes");
    res.setHeader("ETag", etag);
    res.setHeader("Last-Modified", lastModified(modifiedSecond));
    if (notModified(req, etag, modifiedSecond)) {
      found.discard();
      res.statusCode(304);
      res.end();
      return;
    }
    ByteRange range = ifRange(req, etag, modifiedSecond)
        ? ByteRange.parse(req.header("range"), size) : null;
    if (range == ByteRange.UNSATISFIABLE) {
      found.discard();
      res.setHeader("Content-Range", "bytes */" + size);
      sendStatus(res, 416);
      return;
    }
    if (range != null) {
      res.statusCode(206);
      res.setHeader("Content-Range", range.contentRange(size));
    } else {
      range = new ByteRange(0, size - 1);
    }
    res.setHeader("Content-Type", MimeTypes.of(file.getFileName().toString()));
    res.setHeader("Content-Length", range.length());
    if (req.method().equals("HEAD") || range.length() == 0) {
      found.discard();
      res.end();
      return;
    }
    if (body != null) {
      // One write of headers and body; Node would stream even a small file in one chunk.
      res.end(body.subarray((int) range.start(), (int) range.end() + 1));
      return;
    }
    long length = range.length();
    ReadStreamOptions rsOptions = new ReadStreamOptions().start(range.start()).end(range.end());
    if (found.fd() != null) {
      rsOptions.fd(found.fd()); // opened with the stat; the stream closes it
    }
    ReadStream rs = Fs.createReadStream(file.toString(), rsOptions);
    rs.on("error", (Throwable err) -> {
      if (res.headersSent()) {
        res.destroy(); // mid-body: the client sees the connection close early
      } else {
        res.getHeaderNames().forEach(res::removeHeader);
        sendStatus(res, statusFor(err));
      }
    });
    // The client went away: stop reading and close the file.
    res.on("close", () -> rs.destroy());
    // pipe() with end: false, so a file truncated under us is not passed off as complete.
    rs.on("end", () -> {
      if (rs.bytesRead() == length) {
        res.end();
      } else {
        LOG.warn("{} shrank while it was sent: {} of {} bytes", file, rs.bytesRead(), length);
        res.destroy();
      }
    });
    rs.pipe(res, PipeOptions.end(false));
  }

  private void serveListing(ServerResponse res, UrlPath path, Path dir) {
    Fs.readdir(dir.toString(), (err, names) -> {
      if (err != null) {
        sendStatus(res, statusFor(err));
        return;
      }
      List<String> shown = new ArrayList<>();
      for (String name : names) {
        if (options.allowDotfiles() || !name.startsWith(".")) {
          shown.add(name);
        }
      }
      // Stat them all at once (the pool runs four at a time) to mark the directories.
      DirectoryListing.Entry[] entries = new DirectoryListing.Entry[shown.size()];
      int[] pending = {shown.size()};
      Runnable send = () -> {
        String html = DirectoryListing.html("/" + path.relative()
            + (path.segments().isEmpty() ? "" : "/"), List.of(entries));
        sendBody(res, 200, "text/html; charset=utf-8", Buffer.from(html));
      };
      if (shown.isEmpty()) {
        send.run();
      }
      for (int i = 0; i < shown.size(); i++) {
        int at = i;
        String name = shown.get(i);
        Fs.stat(dir.resolve(name).toString(), (statErr, stats) -> {
          entries[at] = new DirectoryListing.Entry(name, statErr == null && stats.isDirectory());
          if (--pending[0] == 0) {
            send.run();
          }
        });
      }
    });
  }

  // ---- HTTP details -------------------------------------------------------------------------

  /** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only without it. */
  private static boolean notModified(IncomingMessage req, String etag, long modifiedSecond) {
    String noneMatch = req.header("if-none-match");
    if (noneMatch != null) {
      for (String tag : noneMatch.split(",")) {
        tag = tag.trim();
        if (tag.equals("*") || weakEquals(tag, etag)) {
          return true;
        }
      }
      return false;
    }
    Instant since = parseDate(req.header("if-modified-since"));
    return since != null && modifiedSecond <= since.getEpochSecond();
  }

  /** Whether a {@code Range} applies: no {@code If-Range}, or one naming this version. */
  private static boolean ifRange(IncomingMessage req, String etag, long modifiedSecond) {
    String ifRange = req.header("if-range");
    if (ifRange == null) {
      return true;
    }
    if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
      return false; // our ETags are weak, and If-Range needs a strong match
    }
    Instant date = parseDate(ifRange);
    return date != null && date.getEpochSecond() == modifiedSecond;
  }

  private static boolean weakEquals(String a, String b) {
    return stripWeak(a).equals(stripWeak(b));
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int statusFor(Throwable err) {
    if (err == null) {
      return 404; // outside the root
    }
    String code = err instanceof WeirException ? ((WeirException) err).code() : "";
    switch (code) {
      case "ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG", "EISDIR":
        return 404;
      case "EACCES", "EPERM":
        return 403;
      default:
        LOG.warn("file-server: unexpected error", err);
        return 500;
    }
  }

  /** A short text response: the status and its reason phrase. */
  private static void sendStatus(ServerResponse res, int status) {
    sendBody(res, status, "text/plain; charset=utf-8",
        Buffer.from(status + " " + Http.statusText(status) + "\n"));
  }

  private static void sendBody(ServerResponse res, int status, String type, Buffer body) {
    res.statusCode(status);
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Length", body.length());
    res.end(body);
  }

  private static String abbreviate(String url) {
    return url.length() <= 200 ? url : url.substring(0, 200) + "...";
  }

  // ---- options ------------------------------------------------------------------------------

  /**
   * The server's settings, with defaults for a server facing the internet.
   *
   * @param host the address to listen on (default {@code 127.0.0.1})
   * @param port the port (default 8080; 0 picks a free one)
   * @param root the directory served (default the current directory)
   * @param followSymlinks serve links that point outside the root (default false)
   * @param allowDotfiles serve names starting with a dot (default false: 404)
   * @param headersTimeout ms for a request's headers to arrive (default 10 s)
   * @param keepAliveTimeout ms an idle keep-alive connection stays open (default 5 s)
   * @param requestTimeout ms for a whole request to arrive (default 30 s)
   * @param maxHeaderSize bytes of request line and headers (default 16 KiB; more: 431)
   * @param maxConnections connections at once; more are dropped (default 1024)
   */
  public record Options(String host, int port, Path root, boolean followSymlinks,
      boolean allowDotfiles, long headersTimeout, long keepAliveTimeout, long requestTimeout,
      int maxHeaderSize, int maxConnections) {

    static final String USAGE = String.join("\n",
        "usage: file-server [--port 8080] [--host 127.0.0.1] [--root DIR] [--follow-symlinks]",
        "                   [--dotfiles allow|deny] [--headers-timeout ms]",
        "                   [--keep-alive-timeout ms] [--request-timeout ms]",
        "                   [--max-header-size bytes] [--max-connections N]",
        "Serves the files under DIR (default: the current directory) over HTTP/1.1:",
        "GET and HEAD, ranges, conditional requests, directory listings. Defaults:",
        "headers within 10000 ms, idle keep-alive 5000 ms, request 30000 ms,",
        "16384 bytes of headers, 1024 connections.");

    /** The defaults: the current directory on 127.0.0.1:8080. */
    public static Options defaults() {
      return new Options("127.0.0.1", 8080, Path.of("."), false, false, 10_000, 5_000, 30_000,
          16 * 1024, 1024);
    }

    /**
     * The options of a command line, over the defaults; null for {@code --help}. Throws
     * {@link IllegalArgumentException} with a one-line message for a bad one.
     */
    public static Options parse(String... args) {
      Options d = defaults();
      String host = d.host;
      int port = d.port;
      Path root = d.root;
      boolean followSymlinks = d.followSymlinks;
      boolean allowDotfiles = d.allowDotfiles;
      long headersTimeout = d.headersTimeout;
      long keepAliveTimeout = d.keepAliveTimeout;
      long requestTimeout = d.requestTimeout;
      int maxHeaderSize = d.maxHeaderSize;
      int maxConnections = d.maxConnections;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--help") || option.equals("-h")) {
          return null;
        }
        if (option.equals("--follow-symlinks")) {
          followSymlinks = true;
          continue;
        }
        if (!option.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument: " + option);
        }
        if (++i >= args.length) {
          throw new IllegalArgumentException("missing value for " + option);
        }
        String value = args[i];
        switch (option) {
          case "--host" -> host = value;
          case "--port" -> port = number(option, value, 0, 65535);
          case "--root" -> root = path(value);
          case "--dotfiles" -> allowDotfiles = dotfiles(value);
          case "--headers-timeout" -> headersTimeout = number(option, value, 0, MAX_MS);
          case "--keep-alive-timeout" -> keepAliveTimeout = number(option, value, 0, MAX_MS);
          case "--request-timeout" -> requestTimeout = number(option, value, 0, MAX_MS);
          case "--max-header-size" -> maxHeaderSize = number(option, value, 1024, MAX_MS);
          case "--max-connections" -> maxConnections = number(option, value, 1, MAX_MS);
          default -> throw new IllegalArgumentException("unknown option: " + option);
        }
      }
      return new Options(host, port, root, followSymlinks, allowDotfiles, headersTimeout,
          keepAliveTimeout, requestTimeout, maxHeaderSize, maxConnections);
    }

    private static final int MAX_MS = Integer.MAX_VALUE;

    /** A copy serving {@code dir} (a convenience for tests and embedding). */
    public Options withRoot(Path dir) {
      return new Options(host, port, dir, followSymlinks, allowDotfiles, headersTimeout,
          keepAliveTimeout, requestTimeout, maxHeaderSize, maxConnections);
    }

    private static Path path(String value) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("bad path for --root: " + value);
      }
    }

    private static boolean dotfiles(String value) {
      if (value.equals("allow") || value.equals("deny")) {
        return value.equals("allow");
      }
      throw new IllegalArgumentException("--dotfiles takes allow or deny, not " + value);
    }

    private static int number(String option, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max
          + ", not " + value);
    }
  }
}
