package dev.weir.samples.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.samples.staticfiles.StaticFileServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code get}: downloads from the file server, and its errors. */
@Timeout(60)
class GetTest {
  @TempDir Path served;
  @TempDir Path downloads;
  StaticFileServer.Running server;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    server = StaticFileServer.start(StaticFileServer.Options.parse("--port", "0", "--root",
        served.toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int get(String... args) {
    return Get.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void downloadsAFileIdentically() throws IOException {
    byte[] data = new byte[8 * 1024 * 1024 + 123];
    new Random(7).nextBytes(data);
    Files.write(served.resolve("data.bin"), data);
    Path file = downloads.resolve("copy.bin");
    assertEquals(0, get("http://127.0.0.1:" + server.port() + "/data.bin", "-o",
        file.toString()), err());
    assertArrayEquals(data, Files.readAllBytes(file));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("saved " + data.length + " bytes"));
  }

  @Test
  void progressIsPlainLinesWhenNotATerminal() throws IOException {
    Files.write(served.resolve("some.bin"), new byte[300_000]);
    assertEquals(0, get("http://127.0.0.1:" + server.port() + "/some.bin", "-o",
        downloads.resolve("some.bin").toString()));
    String progress = err();
    assertFalse(progress.contains("\r"), progress);
    String[] lines = progress.strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("100%  293.0 KiB / 293.0 KiB"), last);
    assertTrue(last.matches(".*/s  in \\d+\\.\\ds"), last);
  }

  @Test
  void downloadsADirectoryListing() throws IOException {
    Files.writeString(served.resolve("x.txt"), "x");
    Path file = downloads.resolve("index.html");
    assertEquals(0, get("http://127.0.0.1:" + server.port() + "/", "-o", file.toString()));
    assertTrue(Files.readString(file).contains("x.txt"));
  }

  @Test
  void notFoundIsAnErrorAndLeavesNoFile() {
    Path file = downloads.resolve("missing.bin");
    assertEquals(1, get("http://127.0.0.1:" + server.port() + "/missing.bin", "-o",
        file.toString()));
    assertEquals("get: http://127.0.0.1:" + server.port()
        + "/missing.bin: HTTP 404 Not Found\n", err());
    assertFalse(Files.exists(file));
  }

  @Test
  void redirectsAreReportedWithTheirLocation() throws IOException {
    Files.createDirectories(served.resolve("dir"));
    assertEquals(1, get("http://127.0.0.1:" + server.port() + "/dir", "-o",
        downloads.resolve("d").toString()));
    assertTrue(err().contains("HTTP 301 Moved Permanently (Location: /dir/)"), err());
  }

  @Test
  void refusedConnectionIsAnError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there now
    }
    Path file = downloads.resolve("x");
    assertEquals(1, get("http://127.0.0.1:" + port + "/x", "-o", file.toString()));
    assertEquals("get: http://127.0.0.1:" + port + "/x: connection refused (ECONNREFUSED)\n",
        err());
    assertFalse(Files.exists(file));
  }

  @Test
  void badUrlsAndArgumentsAreUsageErrors() {
    assertEquals(2, get("not a url"));
    assertTrue(err().startsWith("get: invalid URL: not a url"), err());
    err.reset();
    assertEquals(2, get("https://example.com/"));
    assertTrue(err().contains("only http:// URLs"), err());
    err.reset();
    assertEquals(2, get());
    assertTrue(err().startsWith("get: missing URL"), err());
    err.reset();
    assertEquals(2, get("http://127.0.0.1/", "-o"));
    assertEquals(2, get("http://127.0.0.1/", "--bogus"));
    assertEquals(0, get("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: get URL [-o FILE]"));
  }

  @Test
  void aResponseCutShortRemovesThePartialFile() throws Exception {
    // A server that promises a megabyte, sends a kilobyte and hangs up.
    try (ServerSocket liar = new ServerSocket(0)) {
      Thread t = new Thread(() -> {
        try (Socket s = liar.accept()) {
          s.getInputStream().read(new byte[4096]);
          OutputStream o = s.getOutputStream();
          o.write(("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          o.write(new byte[1000]);
          o.flush();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      t.start();
      Path file = downloads.resolve("cut.bin");
      assertEquals(1, get("http://127.0.0.1:" + liar.getLocalPort() + "/cut.bin", "-o",
          file.toString()));
      t.join();
      assertTrue(err().contains("download failed after 1000 bytes"), err());
      assertTrue(err().contains("removed " + file), err());
      assertFalse(Files.exists(file));
    }
  }

  @Test
  void defaultFileNameIsTheLastPathSegment() {
    assertEquals("b.bin", Get.defaultFileName("http://h/a/b.bin"));
    assertEquals("b.bin", Get.defaultFileName("http://h/a/b.bin?x=1"));
    assertEquals("x y.txt", Get.defaultFileName("http://h/x%20y.txt"));
    assertEquals("index.html", Get.defaultFileName("http://h"));
    assertEquals("index.html", Get.defaultFileName("http://h/"));
    assertEquals("index.html", Get.defaultFileName("http://h/dir/"));
    assertEquals("index.html", Get.defaultFileName("http://h/.."));
    assertEquals("etc", Get.defaultFileName("http://h/a/..%2f..%2fetc")); // never a path
  }
}
