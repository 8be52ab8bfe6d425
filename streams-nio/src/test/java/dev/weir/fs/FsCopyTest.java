package dev.weir.fs;

import static dev.weir.fs.FsTesting.assertNoFdLeak;
import static dev.weir.fs.FsTesting.openFds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Stream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB file copied through a ReadStream into a WriteStream, with {@code pipe} and with
 * {@code Stream.pipeline}: the copy is byte-identical (SHA-256) and the bytes held by the two
 * streams never exceed their high-water marks plus one chunk, sampled at every 'data'.
 */
@Timeout(30)
class FsCopyTest {
  static final int BLOCK = 1 << 20;
  static final int BLOCKS = 256;

  @TempDir
  static Path dir;
  static Path source;
  static byte[] sourceSha;

  @BeforeAll
  static void generate() throws Exception {
    // A pseudo-random 1 MiB block, stamped with its index so no two blocks are equal.
    byte[] block = FsTesting.pattern(BLOCK);
    ByteBuffer buf = ByteBuffer.wrap(block);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    source = dir.resolve("source.bin");
    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; i < BLOCKS; i++) {
        buf.putLong(0, i * 0x9E3779B97F4A7C15L);
        sha.update(block);
        buf.clear();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    }
    sourceSha = sha.digest();
    FsTesting.warmUp(dir);
  }

  static byte[] sha256(Path p) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    try (FileChannel ch = FileChannel.open(p)) {
      while (ch.read(buf) > 0) {
        buf.flip();
        sha.update(buf);
        buf.clear();
      }
    }
    return sha.digest();
  }

  /** Copies the source; returns {max held, bound, data events, elapsed ms}. */
  private long[] copy(Path target, boolean usePipeline) {
    long[] result = new long[4];
    List<Object> outcome = new ArrayList<>();
    long t0 = System.nanoTime();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(source.toString());
      WriteStream ws = Fs.createWriteStream(target.toString());
      long bound = rs.readableHighWaterMark() + ws.writableHighWaterMark()
          + ReadStreamOptions.DEFAULT_HIGH_WATER_MARK;
      result[1] = bound;
      if (usePipeline) {
        Stream.pipeline(rs, ws, err -> outcome.add(err == null ? "ok" : err));
      } else {
        rs.pipe(ws);
        ws.on("close", () -> outcome.add("ok"));
        rs.on("error", (Throwable e) -> outcome.add(e));
        ws.on("error", (Throwable e) -> outcome.add(e));
      }
      rs.on("data", (Buffer chunk) -> {
        long held = rs.readableLength() + ws.writableLength();
        result[0] = Math.max(result[0], held);
        result[2]++;
      });
    });
    result[3] = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(List.of("ok"), outcome);
    return result;
  }

  private void checkCopy(boolean usePipeline) throws Exception {
    Path target = dir.resolve(usePipeline ? "pipeline.bin" : "pipe.bin");
    long fds = openFds();
    long[] r = copy(target, usePipeline);
    assertNoFdLeak(fds);
    System.out.printf("fs copy of 256 MiB with %s: %d ms, %d chunks, max held %d bytes "
        + "(bound %d)%n", usePipeline ? "pipeline" : "pipe", r[3], r[2], r[0], r[1]);
    assertEquals((long) BLOCK * BLOCKS, Files.size(target));
    assertArrayEquals(sourceSha, sha256(target));
    assertTrue(r[0] <= r[1], "held " + r[0] + " bytes > bound " + r[1]);
    assertEquals((long) BLOCK * BLOCKS / ReadStreamOptions.DEFAULT_HIGH_WATER_MARK, r[2]);
    Files.delete(target);
  }

  @Test
  void pipeCopies256MibWithinTheHighWaterMarks() throws Exception {
    checkCopy(false);
  }

  @Test
  void pipelineCopies256MibWithinTheHighWaterMarks() throws Exception {
    checkCopy(true);
  }

  @Test
  void pipelineReportsAMissingSourceAndClosesTheDestination() throws Exception {
    Path target = dir.resolve("never.bin");
    List<Object> outcome = new ArrayList<>();
    List<String> closes = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(dir.resolve("missing").toString());
      WriteStream ws = Fs.createWriteStream(target.toString());
      rs.on("close", () -> closes.add("rs"));
      ws.on("close", () -> closes.add("ws"));
      Stream.pipeline(rs, ws, err -> outcome.add(FsTesting.code(err)));
    });
    assertEquals(List.of("ENOENT:open"), outcome);
    closes.sort(null);
    assertEquals(List.of("rs", "ws"), closes);
    assertNull(null);
  }
}
