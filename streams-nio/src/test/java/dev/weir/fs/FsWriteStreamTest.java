package dev.weir.fs;

import static dev.weir.fs.FsTesting.assertNoFdLeak;
import static dev.weir.fs.FsTesting.openFds;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Callback;
import dev.weir.stream.WritableChunk;
import dev.weir.testing.MustCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports of nodejs/node test/parallel/test-fs-write-stream*.js: flags w, a, wx, r+ with start,
 * gathering writes, bytesWritten, flush, encodings, destroy, close and event order.
 */
@Timeout(30)
class FsWriteStreamTest {
  @TempDir
  Path dir;
  final MustCall mustCall = new MustCall();
  long fdsBefore;

  @BeforeAll
  static void warmUp(@TempDir Path tmp) throws Exception {
    FsTesting.warmUp(tmp);
  }

  @BeforeEach
  void countFds() {
    fdsBefore = openFds();
  }

  @AfterEach
  void verify() {
    mustCall.verify();
    assertNoFdLeak(fdsBefore);
  }

  private String read(String path) throws Exception {
    return Files.readString(Path.of(path), StandardCharsets.UTF_8);
  }

  private String existing(String content) throws Exception {
    Path p = dir.resolve("existing.txt");
    Files.writeString(p, content);
    return p.toString();
  }

  static List<String> trace(WriteStream ws) {
    List<String> log = new ArrayList<>();
    for (String ev : List.of("open", "ready", "finish", "close")) {
      ws.on(ev, () -> log.add(ev));
    }
    ws.on("error", (Throwable e) -> log.add("error:" + FsTesting.code(e)));
    return log;
  }

  @Test
  void defaultFlagsTruncateAndWriteWithNodesEventOrder() throws Exception {
    String path = existing("old content that is longer");
    List<List<String>> traces = new ArrayList<>();
    long[] written = {0};
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      traces.add(trace(ws));
      ws.write("hello ");
      ws.write(Buffer.from("world"));
      ws.end(mustCall.once((Throwable e) -> assertNull(e))::call);
      ws.on("close", () -> written[0] = ws.bytesWritten());
    });
    assertEquals("hello world", read(path));
    assertEquals(List.of("open", "ready", "finish", "close"), traces.get(0));
    assertEquals(11L, written[0]);
  }

  @Test
  void writeCreatesTheFile() throws Exception {
    String path = dir.resolve("new.txt").toString();
    EventLoop.run(() -> Fs.createWriteStream(path).end("created"));
    assertEquals("created", read(path));
  }

  @Test
  void appendFlagAppends() throws Exception {
    String path = existing("one\n");
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path, new WriteStreamOptions().flags("a"));
      ws.write("two\n");
      ws.end("three\n");
    });
    assertEquals("one\ntwo\nthree\n", read(path));
  }

  @Test
  void appendPlusFlagAppendsToo() throws Exception {
    String path = existing("one\n");
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path, new WriteStreamOptions().flags("a+"));
      ws.cork();
      ws.write("two\n");
      ws.write("three\n");
      ws.end();
    });
    assertEquals("one\ntwo\nthree\n", read(path));
  }

  @Test
  void exclusiveFlagOnAnExistingFileIsEexistFromOpen() throws Exception {
    String path = existing("keep me");
    List<List<String>> traces = new ArrayList<>();
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path, new WriteStreamOptions().flags("wx"));
      traces.add(trace(ws));
      ws.on("error", mustCall.once((Throwable e) -> {
        WeirException w = assertCode("EEXIST", e);
        assertEquals("open", w.syscall());
        assertEquals(path, w.path());
      }));
      ws.write("x");
    });
    assertEquals(List.of("error:EEXIST:open", "close"), traces.get(0));
    assertEquals("keep me", read(path));
  }

  @Test
  void exclusiveFlagCreatesAMissingFile() throws Exception {
    String path = dir.resolve("fresh").toString();
    EventLoop.run(() -> Fs.createWriteStream(path, new WriteStreamOptions().flags("wx"))
        .end("fresh"));
    assertEquals("fresh", read(path));
  }

  @Test
  void readWriteFlagWithStartOverwritesInPlace() throws Exception {
    String path = existing("hello world, how are you");
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path,
          new WriteStreamOptions().flags("r+").start(6));
      ws.write("WEIRD");
      ws.end();
    });
    assertEquals("hello WEIRD, how are you", read(path));
  }

  @Test
  void startWithGatheringWriteLandsAtTheOffset() throws Exception {
    String path = existing("0123456789abcdef");
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path,
          new WriteStreamOptions().flags("r+").start(4));
      ws.write("A");
      ws.cork();
      ws.write("B");
      ws.write("C");
      ws.uncork();
      ws.end("D");
    });
    assertEquals("0123ABCD89abcdef", read(path));
  }

  @Test
  void corkedWritesGoToOneGatheringWritev() throws Exception {
    String path = dir.resolve("gather.txt").toString();
    List<Integer> writevSizes = new ArrayList<>();
    int[] writes = {0};
    long[] written = {0};
    EventLoop.run(() -> {
      WriteStream ws = new WriteStream(path, new WriteStreamOptions()) {
        @Override
        protected void _write(Buffer data, String encoding, Callback cb) throws Exception {
          writes[0]++;
          super._write(data, encoding, cb);
        }

        @Override
        protected void _writev(List<WritableChunk<Buffer>> chunks, Callback cb)
            throws Exception {
          writevSizes.add(chunks.size());
          super._writev(chunks, cb);
        }
      };
      ws.on("ready", () -> {
        ws.cork();
        ws.write("a");
        ws.write("bb");
        ws.write("ccc");
        ws.uncork();
        ws.end();
      });
      ws.on("finish", () -> written[0] = ws.bytesWritten());
    });
    assertEquals("abbccc", read(path));
    assertEquals(List.of(3), writevSizes);
    assertEquals(0, writes[0]);
    assertEquals(6L, written[0]);
  }

  @Test
  void writesQueuedDuringOpenAreGathered() throws Exception {
    String path = dir.resolve("queued.txt").toString();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append("line ").append(i).append('\n');
    }
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      for (int i = 0; i < 100; i++) {
        ws.write("line " + i + "\n");
      }
      ws.end();
    });
    assertEquals(expected.toString(), read(path));
  }

  @Test
  void bytesWrittenCountsEveryByte() throws Exception {
    String path = dir.resolve("count.bin").toString();
    long[] written = {0};
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      for (int i = 0; i < 10; i++) {
        ws.write(Buffer.alloc(10_000, i));
      }
      ws.end();
      ws.on("close", () -> written[0] = ws.bytesWritten());
    });
    assertEquals(100_000L, written[0]);
    assertEquals(100_000L, Files.size(Path.of(path)));
  }

  @Test
  void flushSyncsBeforeClose() throws Exception {
    String path = dir.resolve("flushed").toString();
    List<List<String>> traces = new ArrayList<>();
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path, new WriteStreamOptions().flush(true));
      traces.add(trace(ws));
      ws.end("durable");
    });
    assertEquals("durable", read(path));
    assertEquals(List.of("open", "ready", "finish", "close"), traces.get(0));
  }

  @Test
  void encodingOptionIsTheDefaultEncodingOfStrings() throws Exception {
    String path = dir.resolve("hex").toString();
    EventLoop.run(() -> Fs.createWriteStream(path, new WriteStreamOptions().encoding("hex"))
        .end("414243"));
    assertEquals("ABC", read(path));
  }

  @Test
  void fdOptionWritesWithoutOpenEventAndClosesTheHandle() throws Exception {
    String path = dir.resolve("fd.txt").toString();
    FileHandle[] handle = new FileHandle[1];
    EventLoop.run(() -> Fs.open(path, "w", (err, fd) -> {
      handle[0] = fd;
      WriteStream ws = Fs.createWriteStream(null, new WriteStreamOptions().fd(fd));
      ws.on("open", mustCall.never());
      ws.on("close", mustCall.once());
      ws.end("via fd");
    }));
    assertEquals("via fd", read(path));
    assertFalse(handle[0].isOpen());
  }

  @Test
  void destroyDuringAWriteWaitsForItThenCloses() throws Exception {
    String path = dir.resolve("destroyed").toString();
    List<String> log = new ArrayList<>();
    FileHandle[] handle = new FileHandle[1];
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      ws.on("ready", () -> {
        handle[0] = ws.fd();
        ws.write("hello", err -> log.add("write cb " + (err == null ? null : FsTesting.code(err))));
        ws.destroy();
      });
      ws.on("close", () -> log.add("close " + ws.bytesWritten()));
    });
    // As Node 20: the write in flight fails with ERR_STREAM_DESTROYED, then 'close'.
    assertEquals(List.of("write cb ERR_STREAM_DESTROYED", "close 0"), log);
    assertFalse(handle[0].isOpen());
  }

  @Test
  void closeEndsAndCallsBackOnClose() throws Exception {
    String path = dir.resolve("closed").toString();
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      ws.on("finish", () -> log.add("finish"));
      ws.write("data");
      ws.close(err -> log.add("close cb"));
    });
    assertEquals(List.of("finish", "close cb"), log);
    assertEquals("data", read(path));
  }

  @Test
  void pendingAndPath() throws Exception {
    String path = dir.resolve("p").toString();
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      WriteStream ws = Fs.createWriteStream(path);
      log.add("pending " + ws.pending() + " " + ws.path().equals(path));
      ws.on("open", () -> log.add("open pending " + ws.pending()));
      ws.on("close", () -> log.add("close pending " + ws.pending()));
      ws.end();
    });
    assertEquals(List.of("pending true true", "open pending false", "close pending true"), log);
  }

  @Test
  void badArgumentsThrowSynchronously() {
    EventLoop.run(() -> {
      assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
          () -> Fs.createWriteStream("x", new WriteStreamOptions().flags("q"))));
      assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
          () -> new WriteStreamOptions().encoding("bogus")));
      assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
          () -> Fs.createWriteStream(null)));
    });
    assertTrue(true);
  }
}
