package dev.weir.samples.download;

import dev.weir.errors.WeirException;
import dev.weir.fs.Fs;
import dev.weir.http.ClientRequest;
import dev.weir.http.Http;
import dev.weir.http.RequestOptions;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Stream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code get URL [-o FILE]}: downloads over HTTP with a progress bar, Node style:
 * <pre>{@code
 * http.get(url, (res) => {
 *   pipeline(res, progress, fs.createWriteStream(file), (err) => { ... });
 * });
 * }</pre>
 * The response body, a {@link Progress} transform and the file are one pipeline, so a slow disk
 * slows the download (backpressure) and any failure destroys all three; a partial file is then
 * removed. Errors are one line on stderr and a non-zero exit code.
 */
public final class Get {
  static final String USAGE = String.join("\n",
      "usage: get URL [-o FILE]",
      "Downloads URL (http:// only) into FILE (default: the last segment of the URL's path,",
      "or index.html), drawing progress on stderr. Exit code 0 on success, 1 if the download",
      "failed (the partial file is removed), 2 for bad arguments.");

  private Get() {}

  /** Runs {@code get} and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.console() != null);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs a download to its end on a loop of its own.
   *
   * @param terminal whether {@code err} is a terminal (the bar is redrawn in place)
   * @return the exit code: 0 done, 1 failed, 2 bad arguments
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    String url = null;
    String output = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (arg.equals("-o") || arg.equals("--output")) {
        if (++i >= args.length) {
          return usageError(err, "missing value for " + arg);
        }
        output = args[i];
      } else if (arg.startsWith("-") || url != null) {
        return usageError(err, "unexpected argument: " + arg);
      } else {
        url = arg;
      }
    }
    if (url == null) {
      return usageError(err, "missing URL");
    }
    RequestOptions request;
    try {
      request = RequestOptions.fromUrl(url).noAgent();
    } catch (WeirException e) {
      err.println("get: " + ("ERR_INVALID_PROTOCOL".equals(e.code())
          ? "unsupported protocol in " + url + " (only http:// URLs)"
          : "invalid URL: " + url));
      return 2;
    }
    String target = url;
    String file = output != null ? output : defaultFileName(url);
    int[] exitCode = {1};
    EventLoop.run(() -> download(target, request, file, out, err, terminal, exitCode));
    return exitCode[0];
  }

  private static void download(String url, RequestOptions request, String file,
      PrintStream out, PrintStream err, boolean terminal, int[] exitCode) {
    boolean[] reported = {false};
    ClientRequest req = Http.get(request, res -> {
      int status = res.statusCode();
      if (status < 200 || status > 299) {
        String location = res.header("location");
        reported[0] = true;
        err.println("get: " + url + ": HTTP " + status + " " + res.statusMessage()
            + (location != null ? " (Location: " + location + ")" : ""));
        res.resume(); // read and discard the error body; the connection then closes
        return;
      }
      long total = contentLength(res.header("content-length"));
      Progress progress = new Progress(total, err, terminal);
      Stream.pipeline(res, progress, Fs.createWriteStream(file), error -> {
        if (error == null) {
          out.println("saved " + progress.bytes() + " bytes to " + file);
          exitCode[0] = 0;
          return;
        }
        progress.interrupted();
        if (!reported[0]) {
          reported[0] = true;
          err.println("get: " + url + ": download failed after " + progress.bytes()
              + " bytes: " + describe(error) + "; removed " + file);
        }
        Fs.unlink(file, unlinkError -> { });
      });
    });
    req.on("error", (Throwable error) -> {
      if (!reported[0]) {
        reported[0] = true;
        err.println("get: " + url + ": " + describe(error));
      }
    });
  }

  private static int usageError(PrintStream err, String message) {
    err.println("get: " + message);
    err.println(USAGE);
    return 2;
  }

  /** The last segment of the URL's path, decoded, or {@code index.html}. */
  static String defaultFileName(String url) {
    String path;
    try {
      path = new URI(url).getPath();
    } catch (URISyntaxException e) {
      return "index.html";
    }
    if (path == null) {
      return "index.html";
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    // Never a name that leads elsewhere: the server chose it, not the user.
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0) {
      return "index.html";
    }
    return name;
  }

  private static long contentLength(String value) {
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One line: the system error code explained where it is a common one. */
  static String describe(Throwable error) {
    String code = error instanceof WeirException ? ((WeirException) error).code() : null;
    if (code == null) {
      return String.valueOf(error.getMessage());
    }
    return switch (code) {
      case "ECONNREFUSED" -> "connection refused (ECONNREFUSED)";
      case "ECONNRESET" -> "connection reset by the server (ECONNRESET)";
      case "ENOTFOUND", "EAI_AGAIN" -> "host not found (" + code + ")";
      case "ETIMEDOUT" -> "timed out (ETIMEDOUT)";
      default -> error.getMessage() + " (" + code + ")";
    };
  }
}
