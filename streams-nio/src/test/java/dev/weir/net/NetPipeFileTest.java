package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.fs.Fs;
import dev.weir.fs.ReadStream;
import dev.weir.fs.ReadStreamOptions;
import dev.weir.loop.EventLoop;
import dev.weir.testing.EventLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file {@link ReadStream} piped into a {@link Socket}, with zero-copy ({@link Socket#sendFile})
 * and without (the heap path): the same bytes, the same events on both streams, bounded memory
 * with a peer that stops reading, and the same error and close when the peer resets. Weir's own
 * (Node has no zero-copy path); the heap path's traces are Node's behaviour for the same program.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetPipeFileTest {
  static final int SIZE = 64 << 20;

  @TempDir
  static Path dir;
  static Path file;
  static byte[] content;

  @BeforeAll
  static void generate() throws IOException {
    content = new byte[SIZE];
    new Random(42).nextBytes(content);
    file = dir.resolve("source.bin");
    Files.write(file, content);
  }

  static byte[] sha256(byte[] data, int from, int to) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(data, from, to - from);
    return sha.digest();
  }

  /** Descriptors of this JVM open on {@link #file}. */
  static int fileFds() {
    int n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).equals(file)) {
            n++;
          }
        } catch (IOException e) {
          // the directory stream's own descriptor, gone by now
        }
      }
    } catch (IOException e) {
      return 0; // no /proc: nothing to check
    }
    return n;
  }

  /** What one transfer observed. */
  static final class Outcome {
    final EventLog file = new EventLog();
    final EventLog sender = new EventLog();
    final EventLog receiver = new EventLog();
    byte[] sha;
    long received;
    long bytesRead;
    long bytesWritten;
    boolean readableDidRead;
    long maxHeld;
  }

  static void traceFile(ReadStream rs, EventLog log) {
    log.record(rs, "open", "ready", "end", "close");
    rs.on("error", (Throwable e) -> log.add("error " + WeirException.codeOf(e)));
  }

  static void traceSocket(Socket s, EventLog log) {
    log.record(s, "end", "finish");
    s.on("pipe", (Object src) -> log.add("pipe"));
    s.on("unpipe", (Object src) -> log.add("unpipe"));
    s.on("error", (Throwable e) -> log.add("error " + WeirException.codeOf(e)));
    s.on("close", (Boolean hadError) -> log.add("close " + hadError));
  }

  /**
   * The server pipes the file (with {@code options}) into each connection; the client hashes
   * what it receives. {@code client} may change the client socket before it reads.
   */
  static Outcome transfer(ReadStreamOptions options, Consumer<Socket> client) {
    Outcome out = new Outcome();
    EventLoop.run(() -> {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Server server = Net.createServer(s -> {
        ReadStream rs = Fs.createReadStream(file.toString(), options);
        traceFile(rs, out.file);
        traceSocket(s, out.sender);
        rs.pipe(s);
        s.on("close", (Boolean hadError) -> {
          out.bytesRead = rs.bytesRead();
          out.bytesWritten = s.bytesWritten();
          out.readableDidRead = rs.readableDidRead();
          if (!rs.destroyed()) {
            rs.destroy(); // a pipe does not destroy its source, as in Node
          }
        });
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        traceSocket(c, out.receiver);
        c.on("data", (Buffer b) -> {
          sha.update(b.asByteBuffer());
          out.received += b.length();
        });
        c.on("end", () -> out.sha = sha.digest());
        c.on("close", (Boolean hadError) -> server.close());
        client.accept(c);
      });
    });
    return out;
  }

  static ReadStreamOptions opts(boolean zeroCopy) {
    return new ReadStreamOptions().zeroCopy(zeroCopy);
  }

  @Test
  void sameBytesAndEventsWithAndWithoutZeroCopy() throws Exception {
    int before = fileFds();
    Outcome heap = transfer(opts(false), c -> {});
    Outcome zero = transfer(opts(true), c -> {});
    byte[] expected = sha256(content, 0, SIZE);
    for (Outcome o : List.of(heap, zero)) {
      assertArrayEquals(expected, o.sha);
      assertEquals(SIZE, o.received);
      assertEquals(SIZE, o.bytesRead);
      assertEquals(SIZE, o.bytesWritten);
      o.file.assertIs("open", "ready", "end", "close");
      o.sender.assertIs("pipe", "finish", "unpipe", "end", "close false");
      o.receiver.assertIs("end", "finish", "close false");
    }
    assertTrue(heap.readableDidRead, "the heap path emits 'data'");
    assertFalse(zero.readableDidRead, "zero-copy: no chunk went through the heap");
    assertEquals(before, fileFds());
  }

  @Test
  void rangesAreTheSameBytes() throws Exception {
    long[][] ranges = {{5, 1000}, {(1 << 20) - 3, (3 << 20) + 7}, {SIZE - 10, SIZE + 100},
        {0, 0}, {SIZE - (5 << 20) - 1, -1}, {-1, (2 << 20) + 1}};
    for (long[] range : ranges) {
      int from = (int) Math.max(range[0], 0);
      int to = range[1] < 0 ? SIZE : (int) Math.min(range[1] + 1, SIZE);
      for (boolean zeroCopy : new boolean[] {false, true}) {
        ReadStreamOptions o = opts(zeroCopy);
        if (range[0] >= 0) {
          o.start(range[0]);
        }
        if (range[1] >= 0) {
          o.end(range[1]);
        }
        Outcome out = transfer(o, c -> {});
        String what = Arrays.toString(range) + " zeroCopy=" + zeroCopy;
        assertArrayEquals(sha256(content, from, to), out.sha, what);
        assertEquals(to - from, out.received, what);
        assertEquals(to - from, out.bytesRead, what);
        out.sender.assertIs("pipe", "finish", "unpipe", "end", "close false");
      }
    }
  }

  /**
   * The client reads nothing until the transfer stalls (the kernel buffers on both ends are
   * full), then reads everything. While stalled, the zero-copy server holds nothing on the heap
   * and the heap path at most its high-water marks plus a chunk.
   */
  @Test
  void slowPeerBoundsMemoryAndTheTransferCompletes() throws Exception {
    for (boolean zeroCopy : new boolean[] {false, true}) {
      long[] held = new long[3]; // socket writableLength, stream readableLength, bytesRead
      Outcome out = new Outcome();
      EventLoop.run(() -> {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Server server = Net.createServer(s -> {
          ReadStream rs = Fs.createReadStream(file.toString(), opts(zeroCopy));
          traceFile(rs, out.file);
          traceSocket(s, out.sender);
          rs.pipe(s);
          s.on("close", (Boolean hadError) -> out.bytesRead = rs.bytesRead());
          serverSide.add(new Object[] {rs, s});
        });
        server.listen(0, "127.0.0.1", () -> {
          Socket c = Net.connect(server.address().port(), "127.0.0.1");
          c.pause();
          traceSocket(c, out.receiver);
          c.on("data", (Buffer b) -> {
            sha.update(b.asByteBuffer());
            out.received += b.length();
          });
          c.on("end", () -> out.sha = sha.digest());
          c.on("close", (Boolean hadError) -> server.close());
          waitForStall(c, held, () -> c.resume());
        });
      });
      assertArrayEquals(sha256(content, 0, SIZE), out.sha);
      assertTrue(held[2] < SIZE, "stalled before the end: " + held[2]);
      if (zeroCopy) {
        assertEquals(0, held[0], "zero-copy: nothing queued in the socket");
        assertEquals(0, held[1], "zero-copy: nothing buffered in the file stream");
      } else {
        long bound = 16 * 1024 + 64 * 1024 + 64 * 1024;
        assertTrue(held[0] + held[1] <= bound, "heap path held " + held[0] + " + " + held[1]);
      }
      out.sender.assertIs("pipe", "finish", "unpipe", "end", "close false");
      out.file.assertIs("open", "ready", "end", "close");
      serverSide.clear();
    }
  }

  private final List<Object[]> serverSide = new ArrayList<>();

  /** Polls until the server's counters stop moving for 20 polls, records them, then acts. */
  private void waitForStall(Socket client, long[] held, Runnable then) {
    long[] last = {-1, 0};
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (serverSide.isEmpty()) {
        client.loop().setTimeout(poll[0]::run, 5);
        return;
      }
      ReadStream rs = (ReadStream) serverSide.get(0)[0];
      Socket s = (Socket) serverSide.get(0)[1];
      long progress = rs.bytesRead() + s.bytesWritten();
      last[1] = progress == last[0] ? last[1] + 1 : 0;
      last[0] = progress;
      held[0] = Math.max(held[0], s.writableLength());
      held[1] = Math.max(held[1], rs.readableLength());
      if (last[1] < 20) {
        client.loop().setTimeout(poll[0]::run, 5);
        return;
      }
      held[2] = rs.bytesRead();
      then.run();
    };
    client.loop().setTimeout(poll[0]::run, 5);
  }

  /** The client reads a little, then resets: the server's socket fails as in the heap path. */
  @Test
  void peerResetMidTransferIsErrorThenClose() throws Exception {
    int before = fileFds();
    for (boolean zeroCopy : new boolean[] {false, true}) {
      Outcome out = transfer(opts(zeroCopy), c -> {
        long[] got = {0};
        c.on("data", (Buffer b) -> {
          got[0] += b.length();
          if (got[0] >= (1 << 20) && !c.destroyed()) {
            c.resetAndDestroy();
          }
        });
      });
      List<String> trace = out.sender.entries();
      String what = "zeroCopy=" + zeroCopy + " " + trace;
      // The pipe's own 'error' listener comes first and unpipes, as in Node.
      assertEquals(4, trace.size(), what);
      assertEquals("pipe", trace.get(0), what);
      assertEquals("unpipe", trace.get(1), what);
      assertTrue(trace.get(2).equals("error ECONNRESET") || trace.get(2).equals("error EPIPE"),
          what);
      assertEquals("close true", trace.get(3), what);
      // destroyed by the test's 'close' listener, as a pipe leaves its source open
      out.file.assertIs("open", "ready", "close");
      assertTrue(out.bytesRead < SIZE, what);
    }
    assertEquals(before, fileFds());
  }

  /** A 'data' listener added mid-transfer gets the rest as chunks; the peer gets every byte. */
  @Test
  void dataListenerSwitchesBackToChunks() throws Exception {
    long[] seen = {0};
    Outcome out = new Outcome();
    EventLoop.run(() -> {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Server server = Net.createServer(s -> {
        ReadStream rs = Fs.createReadStream(file.toString(), opts(true));
        rs.pipe(s);
        s.loop().setTimeout(() -> rs.on("data", (Buffer b) -> seen[0] += b.length()), 1);
        s.on("close", (Boolean hadError) -> out.bytesRead = rs.bytesRead());
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.on("data", (Buffer b) -> {
          sha.update(b.asByteBuffer());
          out.received += b.length();
        });
        c.on("end", () -> out.sha = sha.digest());
        c.on("close", (Boolean hadError) -> server.close());
      });
    });
    assertArrayEquals(sha256(content, 0, SIZE), out.sha);
    assertEquals(SIZE, out.bytesRead);
    assertTrue(seen[0] > 0 && seen[0] <= SIZE, "chunks after the listener: " + seen[0]);
  }

  /**
   * Socket.sendFile waits for the writes queued before it (here: before connecting); on an idle
   * socket it starts at once, and later writes and end() wait for it.
   */
  @Test
  void sendFileQueuesWithWrites() throws Exception {
    List<Object> result = new ArrayList<>();
    ByteBuffer received = ByteBuffer.allocate(SIZE + 100);
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> {
        s.on("data", (Buffer b) -> received.put(b.asByteBuffer()));
        s.on("end", () -> s.end());
      });
      server.listen(0, "127.0.0.1", () -> {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        c.write("head:");
        assertTrue(c.sendFile(ch, 10, 10, (err, sent) -> {
          result.add(sent);
          assertTrue(c.write("!"));
          assertTrue(c.sendFile(ch, 20, SIZE - 30, (er, n) -> {
            result.add(er);
            result.add(n);
          }));
          assertFalse(c.sendFile(ch, 0, 1, (er, n) -> result.add("second")),
              "one region at a time");
          assertTrue(c.write(":tail"));
          c.end();
        }));
        c.on("close", (Boolean hadError) -> {
          ch.close();
          server.close();
        });
      });
    });
    assertEquals(List.of(10L), result.subList(0, 1));
    assertNull(result.get(1));
    assertEquals((long) SIZE - 30, result.get(2));
    received.flip();
    byte[] got = new byte[received.remaining()];
    received.get(got);
    assertEquals(5 + 10 + 1 + SIZE - 30 + 5, got.length);
    assertEquals("head:", new String(got, 0, 5, java.nio.charset.StandardCharsets.UTF_8));
    assertArrayEquals(Arrays.copyOfRange(content, 10, 20), Arrays.copyOfRange(got, 5, 15));
    assertEquals('!', got[15]);
    assertArrayEquals(Arrays.copyOfRange(content, 20, SIZE - 10),
        Arrays.copyOfRange(got, 16, 16 + SIZE - 30));
    assertEquals(":tail", new String(got, got.length - 5, 5,
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
