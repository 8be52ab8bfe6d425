package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.stream.Fixtures.objects;
import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.str;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code read(n)} in paused mode; ports the behaviours of nodejs/node test/parallel
 * test-stream2-readable-from-list.js, test-stream2-readable-non-empty-end.js,
 * test-stream2-read-sync-stack.js, test-stream-readable-infinite-read.js and
 * test-stream-readable-reading-readingMore.js.
 */
@Timeout(10)
class StreamReadableReadTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void tearDown() {
    try {
      loop.runUntilIdle();
      mustCall.verify();
    } finally {
      loop.close();
    }
  }

  @Test
  void readMoreThanBufferedReturnsNullUntilTheStreamEnds() {
    Readable<Buffer> r = readable();
    r.push("abc");
    assertNull(r.read(5));
    assertEquals(3, r.readableLength());
    r.push(null);
    // Once ended, read(n) returns what is left.
    assertEquals("abc", str(r.read(5)));
    assertEquals(0, r.readableLength());
  }

  @Test
  void readZeroReturnsNullAndOnlyTriggersARead() {
    List<Integer> sizes = new ArrayList<>();
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(8)
        .read((s, n) -> sizes.add(n)));
    r.push("ab");
    assertNull(r.read(0));
    // _read is asked for highWaterMark bytes.
    assertEquals(List.of(8), sizes);
    assertEquals(2, r.readableLength());
  }

  @Test
  void readWithoutArgumentReturnsEverythingBufferedAsOneChunk() {
    Readable<Buffer> r = readable();
    r.push("ab");
    r.push("cd");
    r.push("ef");
    assertEquals("abcdef", str(r.read()));
    assertNull(r.read());
  }

  @Test
  void readNSlicesAcrossChunksAndKeepsTheRest() {
    // Node: test-stream2-readable-from-list.js.
    Readable<Buffer> r = readable();
    for (String s : List.of("foog", "bark", "bazy", "kuel")) {
      r.push(s);
    }
    assertEquals("fo", str(r.read(2)));
    assertEquals("ogbarkb", str(r.read(7)));
    assertEquals("azykuel", str(r.read(7)));
    assertEquals(0, r.readableLength());
  }

  @Test
  void objectModeReadReturnsOneItemWhateverNIs() {
    Readable<Object> r = objects();
    r.push("one");
    r.push(2);
    r.push(List.of(3));
    assertEquals("one", r.read());
    assertEquals(2, r.read(5));
    assertEquals(1, r.readableLength());
    assertNull(r.read(0));
    assertEquals(List.of(3), r.read());
  }

  @Test
  void readAtEndReturnsNullAndEmitsEndOnce() {
    Readable<Buffer> r = readable();
    r.on("end", mustCall.once(() -> log.add("end")));
    r.push("x");
    r.push(null);
    assertEquals("x", str(r.read()));
    assertNull(r.read());
    assertNull(r.read());
    log.assertIs();
    loop.runUntilIdle();
    log.assertIs("end");
    assertTrue(r.readableEnded());
  }

  @Test
  void endIsEmittedOnlyAfterAllDataIsConsumed() {
    Readable<Buffer> r = readable();
    r.on("end", mustCall.once(() -> log.add("end")));
    r.push("abc");
    r.push(null);
    loop.runUntilIdle();
    log.assertIs();
    assertEquals("a", str(r.read(1)));
    assertEquals("b", str(r.read(1)));
    loop.runUntilIdle();
    log.assertIs();
    assertFalse(r.readableEnded());
    assertEquals("c", str(r.read(1)));
    loop.runUntilIdle();
    // As in Node: a read that got exactly what it asked for does not end the stream; the next
    // read, finding nothing, does.
    log.assertIs();
    assertNull(r.read(1));
    loop.runUntilIdle();
    log.assertIs("end");
  }

  @Test
  void readingMoreThanTheHighWaterMarkGrowsItToAPowerOfTwo() {
    Readable<Buffer> r = readable(4);
    assertNull(r.read(10));
    assertEquals(16, r.readableHighWaterMark());
    Readable<Buffer> big = readable();
    assertNull(big.read(20_000));
    assertEquals(32_768, big.readableHighWaterMark());
    assertNull(big.read(100));
    assertEquals(32_768, big.readableHighWaterMark());
  }

  @Test
  void readingMoreThanOneGibibyteIsOutOfRange() {
    Readable<Buffer> r = readable();
    WeirException e = assertThrows(WeirException.class, () -> r.read(0x40000001));
    assertCode(ERR_OUT_OF_RANGE, e);
    assertEquals(16 * 1024, r.readableHighWaterMark());
    assertNull(r.read(0x40000000));
    assertEquals(0x40000000, r.readableHighWaterMark());
  }

  @Test
  void aNegativeReadReturnsNullAndKeepsTheData() {
    Readable<Buffer> r = readable();
    r.push("abc");
    r.push(null);
    r.on("end", mustCall.never());
    assertNull(r.read(-1));
    assertEquals(3, r.readableLength());
  }

  @Test
  void readNWaitsForEnoughDataWithReadableEvents() {
    // Node: test-stream2-readable-non-empty-end.js, smaller.
    String[] chunks = {"aaaa", "bb", "c", "dddddd", "ee"};
    int[] next = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {
      loop.setImmediate(() -> s.push(next[0] < chunks.length ? chunks[next[0]++] : null));
    }));
    List<String> reads = new ArrayList<>();
    r.on("readable", () -> {
      Buffer b;
      while ((b = r.read(4)) != null) {
        reads.add(str(b));
      }
    });
    r.on("end", mustCall.once(() -> reads.add("end")));
    loop.runUntilIdle();
    // 15 bytes in fours; the last 3 come out once the stream has ended.
    assertEquals(List.of("aaaa", "bbcd", "dddd", "dee", "end"), reads);
  }

  @Test
  void readEmitsDataForWhatItReturns() {
    Readable<Buffer> r = readable();
    r.on("readable", () -> {});
    r.on("data", (Buffer c) -> log.add("data " + c));
    r.push("xyz");
    assertEquals("xy", str(r.read(2)));
    log.assertIs("data xy");
  }

  @Test
  void synchronousPushesInsideReadDoNotGrowTheStack() {
    // Node: test-stream2-read-sync-stack.js (fewer bytes).
    int n = 64 * 1024;
    int[] reads = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, size) -> {
      s.push(reads[0]++ == n ? null : Buffer.allocUnsafe(1));
    }));
    long[] total = {0};
    r.on("readable", () -> {
      Buffer b = r.read(n * 2);
      if (b != null) {
        total[0] += b.length();
      }
    });
    r.on("end", mustCall.once());
    r.read(0);
    loop.runUntilIdle();
    assertEquals(n, total[0]);
  }

  @Test
  void readSetsReadingWhileReadIsOutstanding() {
    // Node: test-stream-readable-reading-readingMore.js.
    List<Readable<Buffer>> pending = new ArrayList<>();
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {
      log.add("_read");
      pending.add(s);
    }));
    assertNull(r.read(0));
    log.assertIs("_read");
    // While the first _read is outstanding, further reads do not call _read again.
    r.read(0);
    r.read(0);
    log.assertIs("_read");
    pending.get(0).push("abc");
    assertEquals(3, r.readableLength());
  }

  @Test
  void readableLoopReadsWhatTheHighWaterMarkAllows() {
    // Node: test-stream-readable-infinite-read.js: 31 _read calls, 11 'readable' events.
    Buffer buf = Buffer.alloc(8192);
    int[] reads = {0};
    int[] events = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(16 * 1024)
        .read((s, n) -> {
          reads[0]++;
          s.push(buf);
        }));
    List<Integer> lengths = new ArrayList<>();
    dev.weir.events.Listener0[] onReadable = new dev.weir.events.Listener0[1];
    onReadable[0] = () -> {
      if (events[0]++ == 10) {
        r.removeListener("readable", onReadable[0]);
        return;
      }
      lengths.add(r.read().length());
    };
    r.on("readable", onReadable[0]);
    loop.runUntilIdle();
    assertEquals(31, reads[0]);
    assertEquals(11, events[0]);
    assertEquals(16384, lengths.get(0));
    for (int len : lengths.subList(1, lengths.size())) {
      assertEquals(24576, len);
    }
  }

  @Test
  void highWaterMarkZeroInFlowingModeReadsOneChunkAtATime() {
    int[] n = {0};
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(0)
        .read((s, size) -> {
          log.add("_read " + n[0]);
          if (n[0] < 3) {
            loop.setImmediate(() -> s.push("x" + n[0]++));
          } else {
            s.push(null);
          }
        }));
    r.on("data", (Buffer c) -> log.add("data " + c + " " + r.readableLength()));
    r.on("end", mustCall.once(() -> log.add("end")));
    loop.runUntilIdle();
    log.assertIs("_read 0", "data x0 0", "_read 1", "data x1 0", "_read 2", "data x2 0",
        "_read 3", "end");
  }
}
