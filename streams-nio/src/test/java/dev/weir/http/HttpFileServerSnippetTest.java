package dev.weir.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weir.fs.Fs;
import dev.weir.http.RawHttp.Client;
import dev.weir.http.RawHttp.Response;
import dev.weir.loop.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md §3 snippet 4, the file server, ported by mechanical edits, with real files. */
@Timeout(30)
class HttpFileServerSnippetTest {
  @TempDir
  Path root;

  /** The snippet's {@code safePath}: the URL path without query, never above the root. */
  static String safePath(String url) {
    String path = url.split("\\?", 2)[0];
    Path normalized = Path.of("/", path).normalize();
    return normalized.toString().substring(1);
  }

  // http.createServer((req, res) => {
  //   fs.createReadStream(path.join(root, safePath(req.url)))
  //     .on('error', () => { res.statusCode = 404; res.end(); })
  //     .pipe(res);
  // }).listen(8080);
  @Test
  void snippet4ServesAFileIntactAndAMissingOneAs404() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      text.append("line ").append(i).append('\n');
    }
    Files.writeString(root.resolve("page.txt"), text);
    List<Response> responses = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        Fs.createReadStream(root.resolve(safePath(req.url())).toString())
            .on("error", (Throwable e) -> { res.statusCode(404); res.end(); })
            .pipe(res);
      });
      RawHttp.listen(server, port -> {
        Client client = new Client(port);
        client.onResponse(r -> {
          if (client.responses.size() == 3) {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          responses.addAll(client.responses);
          server.close();
        });
        client.send(RawHttp.get("/page.txt?v=1") + RawHttp.get("/missing.txt")
            + RawHttp.get("/../../page.txt"));
      });
    });
    assertEquals(200, responses.get(0).status());
    assertEquals(text.toString(), responses.get(0).body());
    assertEquals("chunked", responses.get(0).header("Transfer-Encoding"));
    assertEquals(404, responses.get(1).status());
    assertEquals("", responses.get(1).body());
    assertNull(responses.get(1).header("Transfer-Encoding"));
    assertEquals(text.toString(), responses.get(2).body(), "../ stays inside the root");
  }
}
