package dev.weir.samples.staticfiles;

import static dev.weir.samples.staticfiles.RawHttpClient.exchange;
import static dev.weir.samples.staticfiles.RawHttpClient.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file server's answers: every status code, headers, ranges, conditionals, listings. */
@Timeout(30)
class FileServerResponsesTest {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
  private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path root;
  StaticFileServer.Running server;
  int port;
  byte[] digits;

  @BeforeEach
  void start() throws IOException {
    digits = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII); // 1000 bytes
    Files.write(root.resolve("digits.txt"), digits);
    Files.setLastModifiedTime(root.resolve("digits.txt"), FileTime.from(MTIME));
    Files.writeString(root.resolve("page.html"), "<p>hi</p>");
    Files.write(root.resolve("data.weird-ext"), new byte[] {1, 2, 3});
    Files.write(root.resolve("empty.css"), new byte[0]);
    Files.createDirectories(root.resolve("site"));
    Files.writeString(root.resolve("site/index.html"), "<h1>site</h1>");
    Files.createDirectories(root.resolve("list/sub dir"));
    Files.writeString(root.resolve("list/<script>&\"'.txt"), "x");
    Files.writeString(root.resolve("list/plain.txt"), "y");
    Files.writeString(root.resolve("list/.hidden"), "z");
    Files.writeString(root.resolve(".env"), "SECRET=1");
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), "[core]");
    server = StaticFileServer.start(StaticFileServer.Options.parse("--port", "0", "--root",
        root.toString()));
    port = server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void getServesTheFileWithItsHeaders() throws IOException {
    RawHttpClient.Response r = get(port, "/digits.txt");
    assertEquals(200, r.status());
    assertArrayEquals(digits, r.body());
    assertEquals("1000", r.header("content-length"));
    assertEquals("text/plain; charset=utf-8", r.header("content-type"));
    assertEquals("bytes", r.header("accept-ranges"));
    assertEquals(HTTP_DATE.format(MTIME.atZone(ZoneOffset.UTC)), r.header("last-modified"));
    assertTrue(r.header("etag").startsWith("W/\""), r.header("etag"));
  }

  @Test
  void filesAroundTheSmallFileSizeAreServedWholeAndInRanges() throws IOException {
    for (int size : new int[] {StaticFileServer.SMALL_FILE - 1, StaticFileServer.SMALL_FILE,
        StaticFileServer.SMALL_FILE + 1, 3 * StaticFileServer.SMALL_FILE}) {
      byte[] data = new byte[size];
      new java.util.Random(size).nextBytes(data);
      String name = "/size-" + size + ".bin";
      Files.write(root.resolve(name.substring(1)), data);
      RawHttpClient.Response r = get(port, name);
      assertEquals(200, r.status(), name);
      assertEquals(String.valueOf(size), r.header("content-length"), name);
      assertArrayEquals(data, r.body(), name);
      RawHttpClient.Response part = get(port, name, "Range: bytes=" + (size - 10) + "-");
      assertEquals(206, part.status(), name);
      assertArrayEquals(Arrays.copyOfRange(data, size - 10, size), part.body(), name);
    }
  }

  @Test
  void contentTypeComesFromTheExtensionTable() throws IOException {
    assertEquals("text/html; charset=utf-8", get(port, "/page.html").header("content-type"));
    assertEquals("application/octet-stream",
        get(port, "/data.weird-ext").header("content-type"));
    RawHttpClient.Response empty = get(port, "/empty.css");
    assertEquals(200, empty.status());
    assertEquals("text/css; charset=utf-8", empty.header("content-type"));
    assertEquals("0", empty.header("content-length"));
  }

  @Test
  void headHasTheHeadersOfGetAndNoBody() throws IOException {
    try (RawHttpClient c = new RawHttpClient(port)) {
      c.send("HEAD", "/digits.txt");
      RawHttpClient.Response head = c.read(true);
      assertEquals(200, head.status());
      assertEquals("1000", head.header("content-length"));
      // No body bytes: the next response on the same connection starts right away.
      c.send("GET", "/page.html");
      RawHttpClient.Response next = c.read(false);
      assertEquals(200, next.status());
      assertEquals("<p>hi</p>", next.text());
    }
  }

  @Test
  void otherMethodsAre405WithAllow() throws IOException {
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
      RawHttpClient.Response r = exchange(port, method, "/digits.txt", "Content-Length: 0");
      assertEquals(405, r.status(), method);
      assertEquals("GET, HEAD", r.header("allow"), method);
    }
  }

  @Test
  void veryLongUrlsAre414() throws IOException {
    String target = "/" + "a".repeat(StaticFileServer.MAX_URL_LENGTH + 10);
    assertEquals(414, get(port, target).status());
    assertEquals(404, get(port, "/" + "a".repeat(200)).status());
  }

  @Test
  void missingFilesAre404() throws IOException {
    assertEquals(404, get(port, "/nope.txt").status());
    assertEquals(404, get(port, "/nope/deeper.txt").status());
    assertEquals(404, get(port, "/digits.txt/").status()); // a file asked for as a directory
    assertEquals(404, get(port, "/digits.txt/x").status());
  }

  @Test
  void malformedEscapesAre400() throws IOException {
    assertEquals(400, get(port, "/%zz").status());
    assertEquals(400, get(port, "/%c3%28").status()); // not UTF-8
    assertEquals(400, get(port, "/abc%4").status());
  }

  @Test
  void percentEncodedNamesAreDecodedOnce() throws IOException {
    Files.writeString(root.resolve("a b+c.txt"), "spaced");
    Files.writeString(root.resolve("%41.txt"), "literal percent");
    assertEquals("spaced", get(port, "/a%20b+c.txt").text());
    assertEquals("literal percent", get(port, "/%2541.txt").text()); // not decoded twice
    assertEquals(200, get(port, "/digits.txt?query=1#frag").status());
  }

  @Test
  void directoryWithoutSlashRedirects301() throws IOException {
    RawHttpClient.Response r = get(port, "/site");
    assertEquals(301, r.status());
    assertEquals("/site/", r.header("location"));
    assertEquals("/list/sub%20dir/?x=1", get(port, "/list/sub%20dir?x=1").header("location"));
    // Never a protocol-relative Location (an open redirect): the slashes are collapsed.
    Files.createDirectories(root.resolve("evil.example"));
    assertEquals("/evil.example/", get(port, "//evil.example").header("location"));
  }

  @Test
  void directoryServesItsIndexHtml() throws IOException {
    RawHttpClient.Response r = get(port, "/site/");
    assertEquals(200, r.status());
    assertEquals("<h1>site</h1>", r.text());
    assertEquals("text/html; charset=utf-8", r.header("content-type"));
  }

  @Test
  void listingEscapesEveryName() throws IOException {
    RawHttpClient.Response r = get(port, "/list/");
    assertEquals(200, r.status());
    assertEquals("text/html; charset=utf-8", r.header("content-type"));
    String html = r.text();
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;&amp;&quot;&#39;.txt"), html);
    assertTrue(html.contains("href=\"./%3Cscript%3E%26%22%27.txt\""), html);
    assertTrue(html.contains("href=\"./sub%20dir/\">sub dir/</a>"), html);
    assertTrue(html.contains(">plain.txt</a>"), html);
    assertFalse(html.contains(".hidden"), html);
    // And the link leads to the file.
    assertEquals("x", get(port, "/list/%3Cscript%3E%26%22%27.txt").text());
  }

  @Test
  void rootListingHasNoParentLinkAndHidesDotfiles() throws IOException {
    String html = get(port, "/").text();
    assertFalse(html.contains("../"), html);
    assertFalse(html.contains(".env"), html);
    assertFalse(html.contains(".git"), html);
    assertTrue(html.contains("digits.txt"), html);
  }

  @Test
  void dotfilesAre404ByDefault() throws IOException {
    assertEquals(404, get(port, "/.env").status());
    assertEquals(404, get(port, "/.git/config").status());
    assertEquals(404, get(port, "/%2eenv").status());
    assertEquals(404, get(port, "/list/.hidden").status());
  }

  @Test
  void dotfilesAllowServesThem() throws IOException {
    try (StaticFileServer.Running open = StaticFileServer.start(StaticFileServer.Options.parse(
        "--port", "0", "--root", root.toString(), "--dotfiles", "allow"))) {
      assertEquals("SECRET=1", get(open.port(), "/.env").text());
      assertEquals("[core]", get(open.port(), "/.git/config").text());
      assertTrue(get(open.port(), "/list/").text().contains(".hidden"));
    }
  }

  @Test
  void ifNoneMatchGives304() throws IOException {
    String etag = get(port, "/digits.txt").header("etag");
    RawHttpClient.Response r = get(port, "/digits.txt", "If-None-Match: " + etag);
    assertEquals(304, r.status());
    assertEquals(0, r.body().length);
    assertEquals(etag, r.header("etag"));
    assertNull(r.header("content-length"));
    assertEquals(304, get(port, "/digits.txt", "If-None-Match: \"x\", " + etag).status());
    assertEquals(304, get(port, "/digits.txt", "If-None-Match: *").status());
    // Weak comparison: the tag without W/ matches too.
    assertEquals(304, get(port, "/digits.txt", "If-None-Match: " + etag.substring(2)).status());
    assertEquals(200, get(port, "/digits.txt", "If-None-Match: \"other\"").status());
  }

  @Test
  void ifModifiedSinceGives304UnlessModifiedSince() throws IOException {
    String at = HTTP_DATE.format(MTIME.atZone(ZoneOffset.UTC));
    String before = HTTP_DATE.format(MTIME.minusSeconds(1).atZone(ZoneOffset.UTC));
    assertEquals(304, get(port, "/digits.txt", "If-Modified-Since: " + at).status());
    assertEquals(200, get(port, "/digits.txt", "If-Modified-Since: " + before).status());
    assertEquals(200, get(port, "/digits.txt", "If-Modified-Since: yesterday").status());
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    assertEquals(200, get(port, "/digits.txt", "If-None-Match: \"other\"",
        "If-Modified-Since: " + at).status());
  }

  @Test
  void etagChangesWhenTheFileChanges() throws IOException {
    String etag = get(port, "/digits.txt").header("etag");
    Files.write(root.resolve("digits.txt"), Arrays.copyOf(digits, 999));
    RawHttpClient.Response r = get(port, "/digits.txt", "If-None-Match: " + etag);
    assertEquals(200, r.status());
    assertEquals(999, r.body().length);
  }

  @Test
  void singleRangesAre206WithExactBytes() throws IOException {
    assertRange("bytes=0-0", 0, 0);
    assertRange("bytes=10-19", 10, 19);
    assertRange("bytes=990-", 990, 999);
    assertRange("bytes=-7", 993, 999);
    assertRange("bytes=995-5000", 995, 999); // the end is clamped
    assertRange("bytes=-5000", 0, 999);
    assertRange("bytes=0-999", 0, 999);
  }

  private void assertRange(String range, int first, int last) throws IOException {
    RawHttpClient.Response r = get(port, "/digits.txt", "Range: " + range);
    assertEquals(206, r.status(), range);
    assertEquals("bytes " + first + "-" + last + "/1000", r.header("content-range"), range);
    assertEquals(String.valueOf(last - first + 1), r.header("content-length"), range);
    assertArrayEquals(Arrays.copyOfRange(digits, first, last + 1), r.body(), range);
  }

  @Test
  void unsatisfiableRangesAre416() throws IOException {
    for (String range : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=-0"}) {
      RawHttpClient.Response r = get(port, "/digits.txt", "Range: " + range);
      assertEquals(416, r.status(), range);
      assertEquals("bytes */1000", r.header("content-range"), range);
    }
    assertEquals(416, get(port, "/empty.css", "Range: bytes=0-").status());
  }

  @Test
  void malformedOrMultipleRangesGetTheWholeFile() throws IOException {
    for (String range : new String[] {"bytes=0-1,5-6", "bytes=abc", "bytes=5-2", "items=0-1",
        "bytes=-", "bytes=--1", "bytes=1-2-3", "bytes=99999999999999999999-"}) {
      RawHttpClient.Response r = get(port, "/digits.txt", "Range: " + range);
      assertEquals(200, r.status(), range);
      assertNull(r.header("content-range"), range);
      assertArrayEquals(digits, r.body(), range);
    }
  }

  @Test
  void ifRangeWithTheDateHonoursTheRangeAndOtherwiseSendsAll() throws IOException {
    String at = HTTP_DATE.format(MTIME.atZone(ZoneOffset.UTC));
    String etag = get(port, "/digits.txt").header("etag");
    assertEquals(206, get(port, "/digits.txt", "Range: bytes=0-1", "If-Range: " + at).status());
    assertEquals(200, get(port, "/digits.txt", "Range: bytes=0-1",
        "If-Range: " + HTTP_DATE.format(MTIME.plusSeconds(5).atZone(ZoneOffset.UTC))).status());
    // Our ETags are weak and If-Range needs a strong match: the whole file.
    assertEquals(200, get(port, "/digits.txt", "Range: bytes=0-1", "If-Range: " + etag)
        .status());
  }

  @Test
  void headOfARangeHasItsHeaders() throws IOException {
    RawHttpClient.Response r = exchange(port, "HEAD", "/digits.txt", "Range: bytes=5-9");
    assertEquals(206, r.status());
    assertEquals("5", r.header("content-length"));
    assertEquals("bytes 5-9/1000", r.header("content-range"));
  }

  @Test
  void keepAliveCarriesManyResponses() throws IOException {
    try (RawHttpClient c = new RawHttpClient(port)) {
      for (int i = 0; i < 20; i++) {
        c.send("GET", i % 2 == 0 ? "/digits.txt" : "/nope");
        RawHttpClient.Response r = c.read(false);
        assertEquals(i % 2 == 0 ? 200 : 404, r.status());
        assertNotNull(r.header("content-length"));
      }
    }
  }
}
