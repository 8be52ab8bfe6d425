package dev.weir.samples.staticfiles;

import static dev.weir.samples.staticfiles.RawHttpClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path traversal: whatever the encoding, a request never gets a file outside the root. The
 * secret lives next to the root; every attempt must be 400, 403 or 404 and never contain it.
 */
@Timeout(60)
class FileServerTraversalTest {
  private static final String SECRET = "TOP-SECRET-7f3a9c";

  @TempDir Path base;
  Path root;
  StaticFileServer.Running server;

  @BeforeEach
  void start() throws IOException {
    root = Files.createDirectories(base.resolve("root"));
    Files.createDirectories(root.resolve("sub/deeper"));
    Files.writeString(root.resolve("sub/ok.txt"), "inside");
    Files.writeString(base.resolve("secret.txt"), SECRET);
    Files.createDirectories(base.resolve("rootless")); // shares the root's name prefix
    Files.writeString(base.resolve("rootless/secret.txt"), SECRET);
    server = StaticFileServer.start(StaticFileServer.Options.parse("--port", "0", "--root",
        root.toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Request targets that try to leave the root; {@code base} is the root's parent. */
  List<String> attacks() {
    String abs = base.resolve("secret.txt").toString();
    return List.of(
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/sub/deeper/../../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/sub%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/sub\\..\\..\\secret.txt",
        "/sub%5c..%5c..%5csecret.txt",
        "/%252e%252e/secret.txt", // double-encoded: a literal '%2e%2e' directory, not '..'
        "/..%252fsecret.txt",
        "/secret.txt%00.html",
        "/%00../secret.txt",
        "/sub/ok.txt%00",
        "//" + abs.substring(1),
        "/%2f" + abs.substring(1).replace("/", "%2f"),
        abs,
        "/" + abs,
        "http://127.0.0.1/../secret.txt",
        "/..",
        "/../",
        "/../rootless/secret.txt",
        "/%c0%ae%c0%ae/secret.txt", // overlong UTF-8 for '.', rejected as malformed
        "/./../secret.txt",
        "/sub/./../../secret.txt");
  }

  @Test
  void traversalAttemptsNeverReachAFileOutsideTheRoot() throws IOException {
    for (String target : attacks()) {
      RawHttpClient.Response r = get(server.port(), target);
      assertTrue(Set.of(400, 403, 404).contains(r.status()), target + " -> " + r.status());
      assertFalse(r.text().contains(SECRET), target);
    }
    // The server is still fine, and the file inside is served.
    assertEquals("inside", get(server.port(), "/sub/ok.txt").text());
    assertEquals("inside", get(server.port(), "/sub/./ok.txt").text());
  }

  @Test
  void dotDotSegmentsAre403() throws IOException {
    assertEquals(403, get(server.port(), "/../secret.txt").status());
    assertEquals(403, get(server.port(), "/%2e%2e/secret.txt").status());
    assertEquals(403, get(server.port(), "/..%2fsecret.txt").status());
    assertEquals(403, get(server.port(), "/..%5csecret.txt").status());
    assertEquals(403, get(server.port(), "/ok.txt%00").status());
  }

  @Test
  void absolutePathsStayUnderTheRoot() throws IOException {
    // "//tmp/x/secret.txt" is root/tmp/x/secret.txt: not there, so 404.
    assertEquals(404, get(server.port(), "/" + base.resolve("secret.txt")).status());
    assertEquals(404, get(server.port(), "//etc/passwd").status());
    assertEquals(404, get(server.port(), "/%2fetc%2fpasswd").status());
  }

  @Test
  void symlinksOutOfTheRootAre404UnlessFollowed() throws IOException {
    Files.createSymbolicLink(root.resolve("link.txt"), base.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("linkdir"), base.resolve("rootless"));
    Files.createSymbolicLink(root.resolve("inner.txt"), root.resolve("sub/ok.txt"));
    assertEquals(404, get(server.port(), "/link.txt").status());
    assertEquals(404, get(server.port(), "/linkdir/secret.txt").status());
    assertEquals(404, get(server.port(), "/linkdir/").status());
    assertFalse(get(server.port(), "/linkdir/").text().contains("secret"));
    // A link that stays inside the root is fine.
    assertEquals("inside", get(server.port(), "/inner.txt").text());

    try (StaticFileServer.Running follow = StaticFileServer.start(StaticFileServer.Options
        .parse("--port", "0", "--root", root.toString(), "--follow-symlinks"))) {
      assertEquals(SECRET, get(follow.port(), "/link.txt").text());
      assertEquals(SECRET, get(follow.port(), "/linkdir/secret.txt").text());
      // Following links still never resolves "..".
      assertEquals(403, get(follow.port(), "/../secret.txt").status());
    }
  }

  @Test
  void aRootThatIsItselfASymlinkWorks() throws IOException {
    Path link = Files.createSymbolicLink(base.resolve("rootlink"), root);
    try (StaticFileServer.Running viaLink = StaticFileServer.start(StaticFileServer.Options
        .parse("--port", "0", "--root", link.toString()))) {
      assertEquals("inside", get(viaLink.port(), "/sub/ok.txt").text());
      assertEquals(403, get(viaLink.port(), "/../secret.txt").status());
    }
  }
}
