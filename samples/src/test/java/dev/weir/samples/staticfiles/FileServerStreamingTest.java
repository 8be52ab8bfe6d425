package dev.weir.samples.staticfiles;

import static dev.weir.samples.staticfiles.RawHttpClient.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.fs.ReadStreamOptions;
import dev.weir.http.IncomingMessage;
import dev.weir.http.Server;
import dev.weir.http.ServerResponse;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming large files: a file deleted or truncated mid-send, a client that goes away, and a
 * slow client, whose download must keep the server's buffers within the high-water marks.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class FileServerStreamingTest {
  private static final int BIG = 32 * 1024 * 1024;

  @TempDir Path root;
  byte[] big;
  StaticFileServer.Running server;

  @BeforeEach
  void start() throws IOException {
    big = new byte[BIG];
    new Random(42).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    Files.writeString(root.resolve("small.txt"), "small");
    server = StaticFileServer.start(StaticFileServer.Options.parse("--port", "0", "--root",
        root.toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Reads until EOF or a reset; returns how many bytes arrived. */
  private static long drain(InputStream in, MessageDigest digest) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (digest != null) {
          digest.update(buf, 0, n);
        }
      }
    } catch (SocketException e) {
      // reset by the server: the response ended early, which is what we look at
    }
    return total;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private void assertServerHealthy() throws IOException {
    RawHttpClient.Response r = get(server.port(), "/small.txt");
    assertEquals(200, r.status());
    assertEquals("small", r.text());
  }

  @Test
  void fileDeletedMidStreamEndsThatResponseCleanlyAndTheServerGoesOn() throws IOException {
    try (RawHttpClient c = new RawHttpClient(server.port(), 16 * 1024)) {
      c.send("GET", "/big.bin", "Connection: close");
      RawHttpClient.Response head = c.readHead();
      assertEquals(200, head.status());
      byte[] first = c.in.readNBytes(64 * 1024);
      Files.delete(root.resolve("big.bin"));
      MessageDigest digest = sha256();
      digest.update(first);
      long rest = drain(c.in, digest);
      // POSIX: an open file outlives its name, so the whole file still arrives, intact; on
      // other systems the response may end early, but never with wrong bytes.
      if (first.length + rest == BIG) {
        assertArrayEquals(sha256().digest(big), digest.digest());
      }
      assertTrue(first.length + rest <= BIG);
    }
    assertServerHealthy();
    assertEquals(404, get(server.port(), "/big.bin").status());
  }

  @Test
  void fileTruncatedMidStreamClosesTheConnectionInsteadOfLying() throws IOException {
    try (RawHttpClient c = new RawHttpClient(server.port(), 16 * 1024)) {
      c.send("GET", "/big.bin");
      RawHttpClient.Response head = c.readHead();
      assertEquals(String.valueOf(BIG), head.header("content-length"));
      byte[] first = c.in.readNBytes(64 * 1024);
      try (FileChannel ch = FileChannel.open(root.resolve("big.bin"),
          StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      long rest = drain(c.in, null); // the server closes the (keep-alive) connection
      assertTrue(first.length + rest < BIG, "got " + (first.length + rest));
    }
    assertServerHealthy();
    RawHttpClient.Response now = get(server.port(), "/big.bin");
    assertEquals(200, now.status());
    assertEquals("0", now.header("content-length"));
  }

  @Test
  void clientGoneMidStreamClosesTheFileAndTheServerGoesOn() throws IOException {
    try (RawHttpClient c = new RawHttpClient(server.port(), 16 * 1024)) {
      c.send("GET", "/big.bin");
      assertEquals(200, c.readHead().status());
      c.in.readNBytes(64 * 1024);
      c.socket.setSoLinger(true, 0); // close with a reset, mid-download
    }
    assertServerHealthy();
    // The server notices, destroys the response and closes the file: wait for it with real
    // round trips, not sleeps.
    Path file = root.resolve("big.bin").toRealPath();
    for (int i = 0; i < 2000 && openDescriptors(file) > 0; i++) {
      assertServerHealthy();
    }
    assertEquals(0, openDescriptors(file));
  }

  /** How many descriptors of this process point at {@code file} (Linux; else 0). */
  private static long openDescriptors(Path file) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(fds)) {
      return list.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(file);
        } catch (IOException | UnsupportedOperationException e) {
          return false; // closed meanwhile
        }
      }).count();
    }
  }

  @Test
  void manyRangesOfABigFileAreExact() throws IOException {
    long[][] ranges = {{0, 65535}, {65536, 65536 * 3 - 1}, {BIG - 100_000, BIG - 1},
        {1_234_567, 7_654_321}};
    for (long[] range : ranges) {
      RawHttpClient.Response r = get(server.port(), "/big.bin",
          "Range: bytes=" + range[0] + "-" + range[1]);
      assertEquals(206, r.status());
      byte[] expected = java.util.Arrays.copyOfRange(big, (int) range[0], (int) range[1] + 1);
      assertArrayEquals(expected, r.body());
    }
  }

  @Test
  void slowClientKeepsTheServersBuffersWithinTheHighWaterMarks() {
    // The heap path (zero-copy off): chunks wait in the response and socket buffers.
    String previous = System.setProperty(ReadStreamOptions.ZERO_COPY_PROPERTY, "false");
    try {
      slowClient(false);
    } finally {
      if (previous == null) {
        System.clearProperty(ReadStreamOptions.ZERO_COPY_PROPERTY);
      } else {
        System.setProperty(ReadStreamOptions.ZERO_COPY_PROPERTY, previous);
      }
    }
  }

  @Test
  void slowClientWithZeroCopyHoldsNothingButTheHeaders() {
    slowClient(true);
  }

  private void slowClient(boolean zeroCopy) {
    long[] maxHeld = {0};
    long[] samples = {0};
    long[] stalled = {0};
    long[] received = {0};
    long[] bound = {0};
    EventLoop.run(() -> {
      Server http = StaticFileServer.create(StaticFileServer.Options.parse("--root",
          root.toString()));
      ServerResponse[] res = new ServerResponse[1];
      http.on("request", (IncomingMessage req, ServerResponse r) -> {
        res[0] = r;
        // The response's buffer, plus the socket's, plus the chunk in flight between them
        // (counted in both until the socket takes it), plus the header block.
        bound[0] = r.writableHighWaterMark() + r.socket().writableHighWaterMark()
            + 2L * ReadStreamOptions.DEFAULT_HIGH_WATER_MARK + 1024;
      });
      Runnable sample = () -> {
        if (res[0] != null && !res[0].writableFinished()) {
          long held = res[0].writableLength() + res[0].socket().writableLength();
          maxHeld[0] = Math.max(maxHeld[0], held);
          samples[0]++;
          if (res[0].socket().writableLength() > 0) {
            stalled[0]++; // the kernel buffers were full: backpressure was really exercised
          }
        }
      };
      http.listen(0, "127.0.0.1", () -> {
        Timeout sampler = EventLoop.current().setInterval(sample::run, 1);
        Socket client = Net.connect(http.address().port(), "127.0.0.1");
        client.on("data", (Buffer chunk) -> {
          received[0] += chunk.length();
          sample.run();
          client.pause(); // a slow reader: a little, then a pause
          EventLoop.current().setTimeout(client::resume, 1);
        });
        client.on("close", () -> {
          EventLoop.current().clearInterval(sampler);
          http.close();
        });
        client.write("GET /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      });
    });
    assertTrue(received[0] > BIG, "received " + received[0]);
    assertTrue(samples[0] > 100, "samples " + samples[0]);
    if (zeroCopy) {
      // sendfile: the body never enters the heap; only the header block was ever queued.
      assertTrue(maxHeld[0] <= 1024, "held " + maxHeld[0] + " with zero-copy");
    } else {
      assertTrue(stalled[0] > 0, "the client was never slower than the server");
      assertTrue(maxHeld[0] <= bound[0], "held " + maxHeld[0] + " > " + bound[0]);
    }
    System.out.printf("slow client: %d samples, %d stalled, at most %d bytes held (bound %d)%n",
        samples[0], stalled[0], maxHeld[0], bound[0]);
  }
}
