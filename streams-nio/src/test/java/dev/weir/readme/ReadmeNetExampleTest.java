package dev.weir.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.fs.Fs;
import dev.weir.http.Http;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** README.md's echo and HTTP servers, as written there but on port 0, exercised once each. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadmeNetExampleTest {

  @Test
  void echoAndHttpServersFromTheReadme(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index.html");
    Files.writeString(index, "<h1>weir</h1>");
    List<String> got = new ArrayList<>();
    EventLoop.run(() -> {
      var echo = Net.createServer(socket -> socket.pipe(socket)).listen(0, "127.0.0.1");
      var http = Http.createServer((req, res) -> Fs.createReadStream(index.toString()).pipe(res))
          .listen(0, "127.0.0.1");
      http.on("listening", () -> {
        var client = Net.connect(echo.address().port(), "127.0.0.1");
        client.on("data", (Buffer b) -> {
          got.add(b.toString());
          client.end();
          echo.close();
        });
        client.write("ping");
        Http.get("http://127.0.0.1:" + http.address().port() + "/", res -> {
          StringBuilder body = new StringBuilder();
          res.on("data", (Buffer b) -> body.append(b));
          res.on("end", () -> {
            got.add(res.statusCode() + " " + body);
            dev.weir.http.Agent.globalAgent().destroy();
            http.close();
          });
        });
      });
    });
    got.sort(null);
    assertEquals(List.of("200 <h1>weir</h1>", "ping"), got);
  }
}
