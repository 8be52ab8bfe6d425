package dev.weir.fs;

import static dev.weir.fs.FsTesting.assertNoFdLeak;
import static dev.weir.fs.FsTesting.openFds;
import static dev.weir.fs.FsTesting.trace;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.testing.MustCall;
import dev.weir.testing.Node;
import java.io.ByteArrayOutputStream;
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
 * Ports of nodejs/node test/parallel/test-fs-read-stream*.js: whole files and ranges, empty
 * and missing files, directories, encodings, chunk sizes, event order, bytesRead, fd handling.
 */
@Timeout(30)
class FsReadStreamTest {
  static final String HELLO = "hello world";

  @TempDir
  Path dir;
  final MustCall mustCall = new MustCall();
  long fdsBefore;

  /** Loads the classes and jars the streams use, so the per-test descriptor counts are stable. */
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

  private String file(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p.toString();
  }

  private String hello() throws Exception {
    return file("hello.txt", HELLO.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads {@code path} with {@code options}; returns [trace, bytes]. */
  private Object[] readAll(String path, ReadStreamOptions options) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    List<List<String>> traces = new ArrayList<>();
    long[] bytesRead = {-1};
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path, options);
      traces.add(trace(rs));
      rs.on("data", (Buffer c) -> got.write(c.array(), c.byteOffset(), c.length()));
      rs.on("close", () -> bytesRead[0] = rs.bytesRead());
    });
    return new Object[] {traces.get(0), got.toByteArray(), bytesRead[0]};
  }

  @Test
  void wholeFileInHighWaterMarkChunksWithNodesEventOrder() throws Exception {
    byte[] content = FsTesting.pattern(200_000);
    Object[] r = readAll(file("big.bin", content), new ReadStreamOptions());
    assertArrayEquals(content, (byte[]) r[1]);
    assertEquals(List.of("open", "ready", "data:65536", "data:65536", "data:65536",
        "data:3392", "end", "close"), r[0]);
    assertEquals(200_000L, r[2]);
  }

  @Test
  void startAndEndAreInclusive() throws Exception {
    Object[] r = readAll(hello(), new ReadStreamOptions().start(2).end(6));
    assertEquals("llo w", new String((byte[]) r[1], StandardCharsets.UTF_8));
    assertEquals(5L, r[2]);
  }

  @Test
  void startEqualToEndReadsOneByte() throws Exception {
    Object[] r = readAll(hello(), new ReadStreamOptions().start(5).end(5));
    assertEquals(" ", new String((byte[]) r[1], StandardCharsets.UTF_8));
    assertEquals(List.of("open", "ready", "data:1", "end", "close"), r[0]);
  }

  @Test
  void endPastEndOfFileStopsAtEndOfFile() throws Exception {
    Object[] r = readAll(hello(), new ReadStreamOptions().start(8).end(100));
    assertEquals("rld", new String((byte[]) r[1], StandardCharsets.UTF_8));
    assertEquals(3L, r[2]);
  }

  @Test
  void endAloneReadsFromTheStart() throws Exception {
    Object[] r = readAll(hello(), new ReadStreamOptions().end(0));
    assertEquals("h", new String((byte[]) r[1], StandardCharsets.UTF_8));
  }

  @Test
  void startPastEndOfFileEndsWithoutData() throws Exception {
    Object[] r = readAll(hello(), new ReadStreamOptions().start(100));
    assertEquals(List.of("open", "ready", "end", "close"), r[0]);
    assertEquals(0L, r[2]);
  }

  @Test
  void emptyFileEndsWithoutData() throws Exception {
    Object[] r = readAll(file("empty", new byte[0]), new ReadStreamOptions());
    assertEquals(List.of("open", "ready", "end", "close"), r[0]);
  }

  @Test
  void missingFileIsEnoentFromOpenThenClose() {
    String missing = dir.resolve("missing.txt").toString();
    Object[] r = readAll(missing, new ReadStreamOptions());
    assertEquals(List.of("error:ENOENT:open", "close"), r[0]);
    EventLoop.run(() -> Fs.createReadStream(missing).on("error", mustCall.once((Throwable e) -> {
      WeirException w = assertCode("ENOENT", e);
      assertEquals(missing, w.path());
      assertTrue(w.getCause() instanceof java.nio.file.NoSuchFileException);
    })));
  }

  @Test
  void directoryOpensThenFailsWithEisdirFromRead() {
    Object[] r = readAll(dir.toString(), new ReadStreamOptions());
    assertEquals(List.of("open", "ready", "error:EISDIR:read", "close"), r[0]);
  }

  @Test
  void encodingDecodesWithoutSplittingCharacters() throws Exception {
    String text = "héllo wörld €uro ✓";
    String path = file("utf8.txt", text.getBytes(StandardCharsets.UTF_8));
    StringBuilder got = new StringBuilder();
    List<Object> types = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path,
          new ReadStreamOptions().encoding("utf8").highWaterMark(3));
      rs.on("data", (Object s) -> {
        types.add(s.getClass());
        got.append((String) s);
      });
    });
    assertEquals(text, got.toString());
    assertEquals(List.of(String.class), types.stream().distinct().toList());
  }

  @Test
  void hexEncoding() throws Exception {
    String path = file("abc", new byte[] {0x41, 0x42, (byte) 0xff});
    StringBuilder got = new StringBuilder();
    EventLoop.run(() -> Fs.createReadStream(path, new ReadStreamOptions().encoding("hex"))
        .on("data", (String s) -> got.append(s)));
    assertEquals("4142ff", got.toString());
  }

  @Test
  void highWaterMarkIsTheReadSize() throws Exception {
    Object[] r = readAll(file("35", FsTesting.pattern(35)), new ReadStreamOptions()
        .highWaterMark(10));
    assertEquals(List.of("open", "ready", "data:10", "data:10", "data:10", "data:5", "end",
        "close"), r[0]);
  }

  @Test
  void highWaterMarkWithRangeReadsOnlyTheRange() throws Exception {
    Object[] r = readAll(file("100", FsTesting.pattern(100)), new ReadStreamOptions()
        .highWaterMark(16).start(10).end(49));
    assertEquals(List.of("open", "ready", "data:16", "data:16", "data:8", "end", "close"), r[0]);
  }

  @Test
  void pendingPathAndFdFollowTheLifecycle() throws Exception {
    String path = hello();
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path);
      log.add("created pending=" + rs.pending() + " fd=" + rs.fd());
      rs.on("open", (FileHandle fd) -> log.add("open pending=" + rs.pending()
          + " same=" + (fd == rs.fd())));
      rs.on("close", () -> log.add("close pending=" + rs.pending()));
      rs.resume();
      assertEquals(path, rs.path());
    });
    assertEquals(List.of("created pending=true fd=null", "open pending=false same=true",
        "close pending=true"), log);
  }

  @Test
  void fdOptionReadsAnOpenHandleWithoutOpenEventAndClosesIt() throws Exception {
    String path = hello();
    StringBuilder got = new StringBuilder();
    FileHandle[] handle = new FileHandle[1];
    EventLoop.run(() -> Fs.open(path, "r", (err, fd) -> {
      assertNull(err);
      handle[0] = fd;
      ReadStream rs = Fs.createReadStream(null, new ReadStreamOptions().fd(fd).start(6));
      assertFalse(rs.pending());
      rs.on("open", mustCall.never());
      rs.on("data", (Buffer c) -> got.append(c.toString()));
      rs.on("close", mustCall.once());
    }));
    assertEquals("world", got.toString());
    assertFalse(handle[0].isOpen());
  }

  @Test
  void autoCloseFalseKeepsTheHandleOpenAfterEnd() throws Exception {
    String path = hello();
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path, new ReadStreamOptions().autoClose(false));
      rs.on("close", mustCall.never());
      rs.on("end", () -> {
        log.add("end open=" + rs.fd().isOpen());
        Fs.close(rs.fd(), mustCall.once((Throwable e) -> log.add("closed " + e))::call);
      });
      rs.resume();
    });
    assertEquals(List.of("end open=true", "closed null"), log);
  }

  @Test
  void destroyWhileReadingWaitsForTheReadThenCloses() throws Exception {
    String path = file("big", FsTesting.pattern(1 << 20));
    List<String> log = new ArrayList<>();
    FileHandle[] handle = new FileHandle[1];
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path, new ReadStreamOptions().highWaterMark(1024));
      rs.on("open", (FileHandle fd) -> handle[0] = fd);
      rs.on("data", (Buffer c) -> {
        log.add("data");
        rs.destroy();
      });
      rs.on("end", mustCall.never());
      rs.on("close", () -> log.add("close"));
    });
    assertEquals(List.of("data", "close"), log);
    assertFalse(handle[0].isOpen());
  }

  @Test
  void destroyBeforeOpenClosesTheHandleOnceOpened() throws Exception {
    String path = hello();
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path);
      trace(rs).getClass();
      rs.on("close", () -> log.add("close pending=" + rs.pending()));
      rs.on("data", mustCall.never1());
      rs.destroy();
    });
    assertEquals(List.of("close pending=true"), log);
  }

  @Test
  void closeWithCallbackDestroys() throws Exception {
    String path = hello();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path);
      rs.close(mustCall.once((Throwable e) -> assertCode("ERR_STREAM_PREMATURE_CLOSE", e))::call);
    });
  }

  @Test
  void badArgumentsThrowSynchronously() {
    EventLoop.run(() -> {
      assertCode("ERR_OUT_OF_RANGE", assertThrows(WeirException.class,
          () -> Fs.createReadStream("x", new ReadStreamOptions().start(5).end(2))));
      assertCode("ERR_OUT_OF_RANGE", assertThrows(WeirException.class,
          () -> new ReadStreamOptions().start(-1)));
      assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
          () -> Fs.createReadStream("x", new ReadStreamOptions().flags("zz"))));
      assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
          () -> Fs.createReadStream(null)));
    });
  }

  @Test
  void manyStreamsLeakNoDescriptors() throws Exception {
    String path = file("p", FsTesting.pattern(10_000));
    String missing = dir.resolve("nope").toString();
    long before = openFds();
    int[] closes = {0};
    EventLoop.run(() -> {
      for (int i = 0; i < 50; i++) {
        ReadStream rs = Fs.createReadStream(i % 5 == 4 ? missing : path,
            new ReadStreamOptions().highWaterMark(1000));
        rs.on("error", (Throwable e) -> {});
        rs.on("close", () -> closes[0]++);
        if (i % 3 == 0) {
          rs.on("data", (Buffer c) -> rs.destroy());
        } else {
          rs.resume();
        }
      }
    });
    assertEquals(50, closes[0]);
    assertNoFdLeak(before);
  }

  @Test
  void sameEventTraceAsNode() throws Exception {
    String path = file("alphabet.txt",
        "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.UTF_8));
    String script = "const fs = require('fs');\n"
        + "const rs = fs.createReadStream(" + jsString(path)
        + ", {start: 3, end: 29, highWaterMark: 5});\n"
        + "console.log('pending ' + rs.pending);\n"
        + "rs.on('open', () => console.log('open'));\n"
        + "rs.on('ready', () => console.log('ready'));\n"
        + "rs.on('data', (c) => console.log('data ' + c.length + ' ' + c.toString()));\n"
        + "rs.on('end', () => console.log('end ' + rs.bytesRead));\n"
        + "rs.on('close', () => console.log('close ' + rs.pending));\n"
        + "const missing = fs.createReadStream(" + jsString(path + ".missing") + ");\n"
        + "missing.on('error', (e) => console.log('error ' + e.code + ' ' + e.syscall));\n"
        + "missing.on('close', () => console.log('missing close'));\n";
    List<String> node = Node.run(script);
    List<String> weir = new ArrayList<>();
    EventLoop.run(() -> {
      ReadStream rs = Fs.createReadStream(path,
          new ReadStreamOptions().start(3).end(29).highWaterMark(5));
      weir.add("pending " + rs.pending());
      rs.on("open", () -> weir.add("open"));
      rs.on("ready", () -> weir.add("ready"));
      rs.on("data", (Buffer c) -> weir.add("data " + c.length() + " " + c));
      rs.on("end", () -> weir.add("end " + rs.bytesRead()));
      rs.on("close", () -> weir.add("close " + rs.pending()));
      ReadStream missing = Fs.createReadStream(path + ".missing");
      missing.on("error", (Throwable e) -> weir.add("error " + ((WeirException) e).code() + " "
          + ((WeirException) e).syscall()));
      missing.on("close", () -> weir.add("missing close"));
    });
    // The two files race in both runtimes; compare each stream's own order.
    assertEquals(only(node, "missing", "error"), only(weir, "missing", "error"));
    assertEquals(without(node, "missing", "error"), without(weir, "missing", "error"));
  }

  private static List<String> only(List<String> lines, String... prefixes) {
    return lines.stream().filter(l -> startsWithAny(l, prefixes)).toList();
  }

  private static List<String> without(List<String> lines, String... prefixes) {
    return lines.stream().filter(l -> !startsWithAny(l, prefixes)).toList();
  }

  private static boolean startsWithAny(String s, String... prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
