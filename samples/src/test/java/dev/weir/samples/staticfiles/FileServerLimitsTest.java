package dev.weir.samples.staticfiles;

import static dev.weir.samples.staticfiles.RawHttpClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hardened defaults and their options: timeouts, header size, connection cap. */
@Timeout(30)
class FileServerLimitsTest {
  @TempDir Path root;

  private StaticFileServer.Running start(String... extra) throws IOException {
    Files.writeString(root.resolve("a.txt"), "a");
    String[] args = new String[extra.length + 4];
    args[0] = "--port";
    args[1] = "0";
    args[2] = "--root";
    args[3] = root.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return StaticFileServer.start(StaticFileServer.Options.parse(args));
  }

  @Test
  void defaultsAreHardened() {
    StaticFileServer.Options o = StaticFileServer.Options.parse();
    assertEquals("127.0.0.1", o.host());
    assertEquals(8080, o.port());
    assertEquals(Path.of("."), o.root());
    assertEquals(10_000, o.headersTimeout());
    assertEquals(5_000, o.keepAliveTimeout());
    assertEquals(30_000, o.requestTimeout());
    assertEquals(16 * 1024, o.maxHeaderSize());
    assertEquals(1024, o.maxConnections());
    assertEquals(false, o.followSymlinks());
    assertEquals(false, o.allowDotfiles());
  }

  @Test
  void badOptionsAreOneLineErrors() {
    assertNull(StaticFileServer.Options.parse("--port", "1", "--help"));
    assertEquals("--port takes a number from 0 to 65535, not 70000", assertThrows(
        IllegalArgumentException.class, () -> StaticFileServer.Options.parse("--port", "70000"))
        .getMessage());
    assertEquals("missing value for --root", assertThrows(IllegalArgumentException.class,
        () -> StaticFileServer.Options.parse("--root")).getMessage());
    assertEquals("--dotfiles takes allow or deny, not maybe", assertThrows(
        IllegalArgumentException.class, () -> StaticFileServer.Options.parse("--dotfiles",
            "maybe")).getMessage());
    assertEquals("unknown option: --bogus", assertThrows(IllegalArgumentException.class,
        () -> StaticFileServer.Options.parse("--bogus", "1")).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> StaticFileServer.Options.parse("--max-connections", "x"));
  }

  @Test
  void aRootThatIsNotADirectoryIsRefused() throws IOException {
    Path file = Files.writeString(root.resolve("f"), "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StaticFileServer.start(StaticFileServer.Options.parse("--port", "0", "--root",
            file.toString())));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void slowHeadersGet408() throws IOException {
    try (StaticFileServer.Running server = start("--headers-timeout", "200");
        RawHttpClient c = new RawHttpClient(server.port())) {
      c.sendRaw("GET /a.txt HTTP/1.1\r\nHost: x\r\n"); // and then nothing
      assertEquals(408, c.readHead().status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void slowRequestsGet408() throws IOException {
    try (StaticFileServer.Running server = start("--headers-timeout", "0",
        "--request-timeout", "200");
        RawHttpClient c = new RawHttpClient(server.port())) {
      c.sendRaw("GET /a.txt HTTP/1.1\r\n");
      assertEquals(408, c.readHead().status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void idleKeepAliveConnectionsAreClosed() throws IOException {
    try (StaticFileServer.Running server = start("--keep-alive-timeout", "200");
        RawHttpClient c = new RawHttpClient(server.port())) {
      c.send("GET", "/a.txt");
      RawHttpClient.Response r = c.read(false);
      assertEquals("a", r.text());
      assertTrue(c.closedByServer()); // after 200 ms of idling
    }
  }

  @Test
  void headersOverTheLimitGet431() throws IOException {
    try (StaticFileServer.Running server = start("--max-header-size", "2048")) {
      assertEquals(431, get(server.port(), "/a.txt", "X-Big: " + "b".repeat(3000)).status());
      assertEquals(200, get(server.port(), "/a.txt", "X-Small: " + "b".repeat(1000)).status());
    }
  }

  @Test
  void connectionsOverTheCapAreDropped() throws IOException {
    try (StaticFileServer.Running server = start("--max-connections", "1");
        RawHttpClient first = new RawHttpClient(server.port())) {
      first.send("GET", "/a.txt");
      assertEquals(200, first.read(false).status()); // accepted, and kept alive
      try (RawHttpClient second = new RawHttpClient(server.port())) {
        second.send("GET", "/a.txt");
        assertTrue(second.closedByServer());
      }
      first.send("GET", "/a.txt");
      assertEquals(200, first.read(false).status());
    }
  }
}
