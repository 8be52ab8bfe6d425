package dev.weir.samples.examples;

import dev.weir.fs.Fs;
import dev.weir.http.Http;
import dev.weir.http.Server;
import dev.weir.loop.EventLoop;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DESIGN.md snippet 4, the file server, on port 0 over a temporary directory, fetching one file
 * that exists and one that does not; port of {@code examples/file-server.js}.
 */
public final class FileServer {
  private FileServer() {}

  private static String root;
  private static Server server;

  public static void main(String[] args) {
    EventLoop.run(() -> {
      // Serve a temporary directory holding one file (Weir's Fs has no mkdtemp or *Sync calls).
      root = Files.createTempDirectory("weir-example-").toString();
      Files.writeString(Path.of(root, "hello.txt"), "hello from the file server\n");

      // DESIGN.md snippet 4, on port 0 instead of 8080.
      server = Http.createServer((req, res) -> {
        Fs.createReadStream(Path.of(root, safePath(req.url())).toString())
            .on("error", () -> { res.statusCode(404); res.end(); })
            .pipe(res);
      });

      server.listen(0, "127.0.0.1", () -> {
        get("/hello.txt", () -> get("/missing.txt", () -> {
          server.close(() -> System.out.println("server closed"));
          Files.delete(Path.of(root, "hello.txt"));
          Files.delete(Path.of(root));
        }));
      });
    });
  }

  // Keep a request inside the root: normalise, then drop any leading '../'.
  static String safePath(String url) {
    return Path.of(URLDecoder.decode(url, StandardCharsets.UTF_8)).normalize().toString()
        .replaceFirst("^(\\.\\.[/\\\\])+", "");
  }

  // Fetch one path and print the status and the body.
  static void get(String urlPath, Next next) {
    Http.get("http://127.0.0.1:" + server.address().port() + urlPath, (res) -> {
      String[] body = {""};
      res.setEncoding("utf8");
      res.on("data", (String chunk) -> body[0] += chunk);
      res.on("end", () -> {
        System.out.println("GET " + urlPath + " -> " + res.statusCode() + ", "
            + body[0].length() + " bytes");
        System.out.print(body[0]);
        next.call();
      });
    });
  }

  /** A continuation that may throw, like a Node callback. */
  @FunctionalInterface
  interface Next {
    void call() throws Exception;
  }
}
