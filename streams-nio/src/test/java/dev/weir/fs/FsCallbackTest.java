package dev.weir.fs;

import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fs callback API and its CompletableFuture forms (test-fs-open.js, test-fs-read.js,
 * test-fs-write.js, test-fs-stat.js, test-fs-readdir.js, test-fs-readfile*.js,
 * test-fs-mkdir.js, test-fs-unlink…): results, Node's error codes and syscalls, threads, and
 * loop liveness.
 */
@Timeout(30)
class FsCallbackTest extends FsFixture {

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void assertSystemError(Throwable err, String code, String syscall,
      String path) {
    WeirException e = assertCode(code, err);
    assertEquals(syscall, e.syscall(), "syscall of " + e);
    assertEquals(path, e.path(), "path of " + e);
  }

  @Test
  void openWriteReadFstatClose() throws Exception {
    String p = path("rw.bin");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> Fs.open(p, "w+", (err, fd) -> {
      assertNull(err);
      Buffer data = Buffer.from("0123456789");
      Fs.write(fd, data, 2, 5, -1, (err2, written) -> {
        log.add("wrote " + written);
        Fs.write(fd, Buffer.from("XY"), 0, 2, 0, (err3, w2) -> {
          Buffer into = Buffer.alloc(8);
          Fs.read(fd, into, 1, 7, 0, (err4, n) -> {
            log.add("read " + n + " " + into.toString("latin1", 1, 1 + n));
            Fs.fstat(fd, (err5, st) -> {
              log.add("fstat " + st.size() + " " + st.isFile());
              Fs.close(fd, err6 -> log.add("closed " + err6 + " open=" + fd.isOpen()));
            });
          });
        });
      });
    }));
    assertEquals(List.of("wrote 5", "read 5 XY456", "fstat 5 true", "closed null open=false"),
        log);
  }

  @Test
  void readAtTheFilePositionAdvancesIt() throws Exception {
    String p = file("pos.txt", "abcdef");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> Fs.open(p, "r", (err, fd) -> {
      Buffer b = Buffer.alloc(4);
      Fs.read(fd, b, 0, 4, -1, (e1, n1) -> {
        log.add(b.toString("utf8", 0, n1));
        Fs.read(fd, b, 0, 4, -1, (e2, n2) -> {
          log.add(b.toString("utf8", 0, n2));
          Fs.read(fd, b, 0, 4, -1, (e3, n3) -> {
            log.add("eof " + n3);
            Fs.close(fd, e -> {});
          });
        });
      });
    }));
    assertEquals(List.of("abcd", "ef", "eof 0"), log);
  }

  @Test
  void openErrors() throws Exception {
    String existing = file("e.txt", "x");
    String missing = path("missing/x");
    EventLoop.run(() -> {
      Fs.open(missing, "r", mustCall.once((Throwable err, FileHandle fd) -> {
        assertSystemError(err, "ENOENT", "open", missing);
        assertNull(fd);
      })::call);
      Fs.open(existing, "wx", mustCall.once((Throwable err, FileHandle fd) ->
          assertSystemError(err, "EEXIST", "open", existing))::call);
      Fs.open(dir.toString(), "w", mustCall.once((Throwable err, FileHandle fd) ->
          assertSystemError(err, "EISDIR", "open", dir.toString()))::call);
      Fs.open(existing + "/sub", "r", mustCall.once((Throwable err, FileHandle fd) ->
          assertSystemError(err, "ENOTDIR", "open", existing + "/sub"))::call);
    });
  }

  @Test
  void accessDeniedIsEacces() throws Exception {
    Path p = dir.resolve("secret");
    Files.writeString(p, "x");
    p.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p),
        "running as root: permissions are not enforced");
    EventLoop.run(() -> Fs.readFile(p.toString(), mustCall.once((Throwable err, Buffer b) ->
        assertSystemError(err, "EACCES", "open", p.toString()))::call));
  }

  @Test
  void badFlagsAndArgumentsThrowSynchronously() {
    EventLoop.run(() -> {
      assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
          () -> Fs.open("x", "zz", (err, fd) -> {})));
      assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
          () -> Fs.stat(null, (err, st) -> {})));
      assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
          () -> Fs.stat("x", null)));
      assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
          () -> Fs.readFile("x", "bogus", (err, s) -> {})));
      assertCode("ERR_OUT_OF_RANGE", assertThrows(WeirException.class,
          () -> Fs.read(null == null ? dummyHandle() : null, Buffer.alloc(4), 2, 3, 0,
              (err, n) -> {})));
    });
  }

  private FileHandle dummyHandle() throws Exception {
    String p = file("dummy", "");
    FileHandle fd = new FileHandle(java.nio.channels.FileChannel.open(Path.of(p)), p,
        OpenFlags.parse("r"));
    fd.channel().close();
    return fd;
  }

  @Test
  void closedHandleIsEbadf() throws Exception {
    String p = file("c.txt", "abc");
    EventLoop.run(() -> Fs.open(p, "r", (err, fd) -> Fs.close(fd, e1 -> {
      assertNull(e1);
      Fs.close(fd, mustCall.once((Throwable e2) -> assertSystemError(e2, "EBADF", "close",
          null))::call);
      Fs.read(fd, Buffer.alloc(3), 0, 3, 0, mustCall.once((Throwable e3, Integer n) ->
          assertSystemError(e3, "EBADF", "read", null))::call);
      Fs.write(fd, Buffer.alloc(3), 0, 3, 0, mustCall.once((Throwable e4, Integer n) ->
          assertSystemError(e4, "EBADF", "write", null))::call);
    })));
  }

  @Test
  void statLstatAndSymlinks() throws Exception {
    String target = file("target.txt", "12345");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, Path.of(target));
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Fs.stat(target, (err, st) -> log.add("stat file " + st.size() + " " + st.isFile() + " "
          + st.isDirectory() + " " + Integer.toOctalString(st.mode() & 0777) + " "
          + (Math.abs(st.mtimeMs() - System.currentTimeMillis()) < 600_000)));
      Fs.stat(link.toString(), (err, st) -> log.add("stat link " + st.isFile() + " "
          + st.isSymbolicLink()));
      Fs.lstat(link.toString(), (err, st) -> log.add("lstat link " + st.isFile() + " "
          + st.isSymbolicLink()));
      Fs.stat(dir.toString(), (err, st) -> log.add("stat dir " + st.isDirectory()));
      String missing = path("nope");
      Fs.stat(missing, mustCall.once((Throwable err, Stats st) ->
          assertSystemError(err, "ENOENT", "stat", missing))::call);
      Fs.lstat(missing, mustCall.once((Throwable err, Stats st) ->
          assertSystemError(err, "ENOENT", "lstat", missing))::call);
    });
    log.sort(null);
    Files.setPosixFilePermissions(Path.of(target),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(List.of("lstat link false true", "stat dir true", "stat file 5 true false "
        + Integer.toOctalString(permissionsOf(target)) + " true", "stat link true false"), log);
  }

  private static int permissionsOf(String p) throws Exception {
    int mode = 0;
    for (var perm : Files.getPosixFilePermissions(Path.of(p))) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }

  @Test
  void readdirSortsLikeLibuvAndReportsScandir() throws Exception {
    for (String n : List.of("b", "a", "C", "_", "é", "z1", "z10", "z2")) {
      file(n, "");
    }
    Files.createDirectory(dir.resolve("sub"));
    String f = path("a");
    String missing = path("missing");
    List<List<String>> got = new ArrayList<>();
    EventLoop.run(() -> {
      Fs.readdir(dir.toString(), (err, names) -> got.add(names));
      Fs.readdir(missing, mustCall.once((Throwable err, List<String> l) ->
          assertSystemError(err, "ENOENT", "scandir", missing))::call);
      Fs.readdir(f, mustCall.once((Throwable err, List<String> l) ->
          assertSystemError(err, "ENOTDIR", "scandir", f))::call);
    });
    // Node 20 prints [ 'C', '_', 'a', 'b', 'sub', 'z1', 'z10', 'z2', 'é' ] for the same names.
    assertEquals(List.of("C", "_", "a", "b", "sub", "z1", "z10", "z2", "é"), got.get(0));
  }

  @Test
  void readFileAndWriteFile() throws Exception {
    String p = path("w.txt");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> Fs.writeFile(p, "héllo", e1 -> {
      assertNull(e1);
      Fs.readFile(p, (e2, buf) -> {
        log.add(buf.length() + " " + buf.toString());
        // Two reads in parallel on the pool; the overwrite starts only when both are done,
        // or it could land before them.
        int[] reads = {0};
        Runnable overwrite = () -> {
          if (++reads[0] == 2) {
            Fs.writeFile(p, Buffer.from("bin"), e5 -> Fs.readFile(p, "latin1", (e6, s) ->
                log.add(s)));
          }
        };
        Fs.readFile(p, "utf8", (e3, s) -> {
          log.add(s);
          overwrite.run();
        });
        Fs.readFile(p, "hex", (e4, s) -> {
          log.add(s);
          overwrite.run();
        });
      });
    }));
    assertEquals(List.of("6 héllo", "68c3a96c6c6f", "héllo", "bin"), sorted(log, 1, 3));
    assertEquals("bin", Files.readString(Path.of(p)));
  }

  private static List<String> sorted(List<String> l, int from, int to) {
    List<String> copy = new ArrayList<>(l);
    copy.subList(from, to).sort(null);
    return copy;
  }

  @Test
  void readFileErrors() throws Exception {
    String missing = path("missing");
    EventLoop.run(() -> {
      Fs.readFile(missing, mustCall.once((Throwable err, Buffer b) ->
          assertSystemError(err, "ENOENT", "open", missing))::call);
      // Node: a directory opens, then read(2) fails: EISDIR with syscall 'read' and no path.
      Fs.readFile(dir.toString(), mustCall.once((Throwable err, Buffer b) ->
          assertSystemError(err, "EISDIR", "read", null))::call);
      Fs.writeFile(dir.toString(), "x", mustCall.once((Throwable err) ->
          assertSystemError(err, "EISDIR", "open", dir.toString()))::call);
    });
  }

  @Test
  void readFileOfAnEmptyAndAProcFile() throws Exception {
    String empty = file("empty", "");
    List<String> log = new ArrayList<>();
    boolean proc = Files.exists(Path.of("/proc/self/status"));
    EventLoop.run(() -> {
      Fs.readFile(empty, (err, b) -> log.add("empty " + b.length()));
      if (proc) {
        // Size 0 in stat, content on read: read until EOF, as Node does.
        Fs.readFile("/proc/self/status", "utf8", (err, s) -> log.add("proc "
            + s.contains("Pid:")));
      }
    });
    assertTrue(log.contains("empty 0"));
    if (proc) {
      assertTrue(log.contains("proc true"), log.toString());
    }
  }

  @Test
  void unlink() throws Exception {
    String f = file("gone", "x");
    String missing = path("missing");
    EventLoop.run(() -> {
      Fs.unlink(f, mustCall.once((Throwable err) -> assertNull(err))::call);
      Fs.unlink(missing, mustCall.once((Throwable err) ->
          assertSystemError(err, "ENOENT", "unlink", missing))::call);
      Fs.unlink(dir.toString(), mustCall.once((Throwable err) ->
          assertSystemError(err, "EISDIR", "unlink", dir.toString()))::call);
    });
    assertFalse(Files.exists(Path.of(f)));
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void mkdir() throws Exception {
    String f = file("file", "x");
    String plain = path("plain");
    String nested = path("a/b/c");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Fs.mkdir(plain, err -> log.add("plain " + err));
      Fs.mkdir(path("no/parent"), mustCall.once((Throwable err) ->
          assertSystemError(err, "ENOENT", "mkdir", path("no/parent")))::call);
      Fs.mkdir(f, mustCall.once((Throwable err) ->
          assertSystemError(err, "EEXIST", "mkdir", f))::call);
      Fs.mkdir(nested, true, (err, first) -> {
        log.add("nested " + err + " " + first);
        Fs.mkdir(nested, true, (err2, first2) -> log.add("again " + err2 + " " + first2));
      });
      Fs.mkdir(f + "/sub", true, mustCall.once((Throwable err, String first) ->
          assertSystemError(err, "ENOTDIR", "mkdir", f + "/sub"))::call);
      Fs.mkdir(f, true, mustCall.once((Throwable err, String first) ->
          assertSystemError(err, "EEXIST", "mkdir", f))::call);
    });
    log.sort(null);
    assertEquals(List.of("again null null", "nested null " + path("a"), "plain null"), log);
    assertTrue(Files.isDirectory(Path.of(nested)));
  }

  @Test
  void rmdirOfANonEmptyDirectoryIsNotModelledButEnotemptyMaps() {
    assertEquals("ENOTEMPTY",
        FsErrors.code(new java.nio.file.DirectoryNotEmptyException("d")));
    assertEquals("EMFILE", FsErrors.code(
        new java.nio.file.FileSystemException("f", null, "Too many open files")));
    assertEquals("EMFILE", FsErrors.code(new java.io.IOException("Too many open files")));
    assertEquals("EACCES",
        FsErrors.code(new java.nio.file.AccessDeniedException("f")));
  }

  @Test
  void realpath() throws Exception {
    String target = file("real.txt", "x");
    Path link = dir.resolve("alias");
    Files.createSymbolicLink(link, Path.of(target));
    String missing = path("missing");
    List<String> got = new ArrayList<>();
    EventLoop.run(() -> {
      Fs.realpath(link.toString(), (err, p) -> got.add(p));
      // Node's JS fs.realpath walks with lstat, so that is the syscall it reports.
      Fs.realpath(missing, mustCall.once((Throwable err, String p) ->
          assertSystemError(err, "ENOENT", "lstat", missing))::call);
      Fs.realpathAsync(missing).whenComplete((p, err) -> {
        // fs.promises.realpath uses the realpath(3) binding: syscall 'realpath'.
        assertSystemError(unwrap(err), "ENOENT", "realpath", missing);
        got.add("async rejected");
      });
    });
    assertEquals(List.of(Path.of(target).toRealPath().toString(), "async rejected"), got);
  }

  @Test
  void callbacksRunOnTheLoopThreadAfterTheCallReturns() throws Exception {
    String f = file("t", "x");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Thread loopThread = Thread.currentThread();
      Fs.stat(f, (err, st) -> log.add("cb on loop " + (Thread.currentThread() == loopThread)));
      Fs.stat(path("missing"), (err, st) -> log.add("err cb on loop "
          + (Thread.currentThread() == loopThread)));
      log.add("returned");
    });
    assertEquals("returned", log.get(0));
    assertTrue(log.containsAll(List.of("cb on loop true", "err cb on loop true")), log::toString);
  }

  @Test
  void aPendingCallKeepsTheLoopAliveAndItExitsAfter() throws Exception {
    // A FIFO's open(2) blocks until a writer comes: once the main turn is over, the only thing
    // left on the loop is the pending readFile, and the writer only comes after that turn.
    Path fifo = dir.resolve("fifo");
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");
    List<String> log = new ArrayList<>();
    java.util.concurrent.CountDownLatch mainDone = new java.util.concurrent.CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        mainDone.await();
        Files.writeString(fifo, "through the fifo");
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    }, "fifo-writer");
    writer.setDaemon(true);
    writer.start();
    EventLoop.run(() -> {
      Fs.readFile(fifo.toString(), "utf8", (err, s) -> log.add("read " + s));
      dev.weir.loop.Globals.setImmediate(() -> {
        log.add("main turn done");
        mainDone.countDown();
      });
    });
    writer.join();
    assertEquals(List.of("main turn done", "read through the fifo"), log);
    // And EventLoop.run returns only once every pending call has called back.
    String f = file("alive", "x");
    int[] done = {0};
    EventLoop.run(() -> {
      for (int i = 0; i < 20; i++) {
        Fs.readFile(f, (err, b) -> done[0]++);
      }
    });
    assertEquals(20, done[0]);
  }

  private static boolean mkfifo(Path p) {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      proc.getInputStream().readAllBytes();
      return proc.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void futuresCompleteOnTheLoopThread() throws Exception {
    String f = file("async.txt", "async");
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Thread loopThread = Thread.currentThread();
      CompletableFuture<String> text = Fs.readFileAsync(f, "utf8");
      text.thenAccept(s -> log.add("text " + s + " " + (Thread.currentThread() == loopThread)));
      Fs.statAsync(f).thenAccept(st -> log.add("size " + st.size()));
      Fs.readFileAsync(path("missing")).whenComplete((b, err) -> {
        assertSystemError(unwrap(err), "ENOENT", "open", path("missing"));
        log.add("missing " + (Thread.currentThread() == loopThread));
      });
      Fs.mkdirAsync(path("x/y"), true)
          .thenCompose(first -> Fs.writeFileAsync(path("x/y/z"), "zz"))
          .thenCompose(v -> Fs.readdirAsync(path("x/y")))
          .thenAccept(names -> log.add("readdir " + names))
          .thenCompose(v -> Fs.unlinkAsync(path("x/y/z")))
          .thenAccept(v -> log.add("unlinked"));
      Fs.openAsync(f, "r").thenCompose(fd -> {
        Buffer b = Buffer.alloc(5);
        return Fs.readAsync(fd, b, 0, 5, 0)
            .thenCompose(n -> Fs.fstatAsync(fd))
            .thenCompose(st -> Fs.closeAsync(fd))
            .thenAccept(v -> log.add("read " + b));
      });
      Fs.lstatAsync(f).thenAccept(st -> log.add("lstat " + st.isFile()));
      Fs.realpathAsync(f).thenAccept(p -> log.add("realpath ok"));
    });
    log.sort(null);
    assertEquals(List.of("lstat true", "missing true", "read async", "readdir [z]",
        "realpath ok", "size 5", "text async true", "unlinked"), log);
  }

  @Test
  void aThrowingCallbackReachesUncaughtException() throws Exception {
    String f = file("throw", "x");
    List<Object> caught = new ArrayList<>();
    EventLoop.run(() -> {
      EventLoop.current().on("uncaughtException", (Throwable e) -> caught.add(e.getMessage()));
      Fs.stat(f, (err, st) -> {
        throw new IllegalStateException("boom");
      });
    });
    assertEquals(List.of("boom"), caught);
  }

  @Test
  void workerThreadsAreNamedAndDaemon() throws Exception {
    String f = file("n", "x");
    List<String> names = new ArrayList<>();
    EventLoop.run(() -> Fs.readFile(f, (err, b) -> {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("weir-fs-")) {
          assertTrue(t.isDaemon());
          names.add(t.getName());
        }
      }
    }));
    assertFalse(names.isEmpty());
    assertTrue(names.size() <= FsPool.THREADS, names::toString);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException ? t.getCause() : t;
  }

  static void assertSameThread(Thread a) {
    assertSame(a, Thread.currentThread());
  }
}
