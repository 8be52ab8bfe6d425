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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code *Sync} forms (test-fs-stat.js, test-fs-realpath.js, test-fs-readfile-*.js in their
 * sync parts) and {@link Fs#executeBlocking}: the same results and the same Node errors (code,
 * syscall, path) as the callback forms, thrown; and Stats read with one stat(2) carry what the
 * {@code unix} view reports.
 */
@Timeout(30)
class FsSyncTest extends FsFixture {

  private static WeirException assertSystemError(Runnable call, String code, String syscall,
      String path) {
    WeirException e = assertCode(code, assertThrows(WeirException.class, call::run));
    assertEquals(syscall, e.syscall(), "syscall of " + e);
    assertEquals(path, e.path(), "path of " + e);
    return e;
  }

  @Test
  void statSyncHasTheUnixAttributes() throws Exception {
    String f = file("s.txt", "12345");
    Files.setLastModifiedTime(Path.of(f), FileTime.fromMillis(1_700_000_000_123L));
    Stats st = Fs.statSync(f);
    assertTrue(st.isFile());
    assertEquals(5, st.size());
    assertEquals(1_700_000_000_123.0, st.mtimeMs());
    Map<String, Object> unix = Files.readAttributes(Path.of(f), "unix:*");
    assertEquals(((Number) unix.get("ino")).longValue(), st.ino());
    assertEquals(((Number) unix.get("dev")).longValue(), st.dev());
    assertEquals(((Number) unix.get("mode")).intValue(), st.mode());
    assertEquals(((Number) unix.get("nlink")).longValue(), st.nlink());
    assertEquals(((Number) unix.get("uid")).intValue(), st.uid());
    assertEquals(((Number) unix.get("gid")).intValue(), st.gid());
    assertEquals(((FileTime) unix.get("ctime")).toMillis(), (long) Math.floor(st.ctimeMs()));
    assertTrue(Fs.statSync(dir.toString()).isDirectory());
  }

  @Test
  void statSyncAndTheCallbackFormAgree() throws Exception {
    String f = file("same.txt", "abc");
    List<Stats> async = new ArrayList<>();
    EventLoop.run(() -> Fs.stat(f, (err, st) -> async.add(st)));
    Stats sync = Fs.statSync(f);
    Stats a = async.get(0);
    assertEquals(List.of(a.dev(), a.ino(), (long) a.mode(), a.nlink(), (long) a.uid(),
        (long) a.gid(), a.size()), List.of(sync.dev(), sync.ino(), (long) sync.mode(),
        sync.nlink(), (long) sync.uid(), (long) sync.gid(), sync.size()));
    assertEquals(a.mtimeMs(), sync.mtimeMs());
  }

  @Test
  void lstatSyncAndRealpathSyncSeeLinks() throws Exception {
    String target = file("target.txt", "x");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, Path.of(target));
    assertTrue(Fs.lstatSync(link.toString()).isSymbolicLink());
    assertTrue(Fs.statSync(link.toString()).isFile());
    assertEquals(Path.of(target).toRealPath().toString(), Fs.realpathSync(link.toString()));
  }

  @Test
  void missingPathsAreEnoentWithTheCallbackFormsSyscall() {
    String missing = dir.resolve("missing").toString();
    assertSystemError(() -> Fs.statSync(missing), "ENOENT", "stat", missing);
    assertSystemError(() -> Fs.lstatSync(missing), "ENOENT", "lstat", missing);
    // Node's JS fs.realpathSync walks with lstat, as fs.realpath does.
    assertSystemError(() -> Fs.realpathSync(missing), "ENOENT", "lstat", missing);
    assertSystemError(() -> Fs.readFileSync(missing), "ENOENT", "open", missing);
    assertSystemError(() -> Fs.openSync(missing, "r"), "ENOENT", "open", missing);
  }

  @Test
  void readFileSyncReadsAndFailsAsNode() throws Exception {
    String f = file("r.txt", "héllo");
    assertEquals("héllo", Fs.readFileSync(f).toString());
    assertEquals("68c3a96c6c6f", Fs.readFileSync(f, "hex"));
    assertEquals(0, Fs.readFileSync(file("empty", "")).length());
    // Node: a directory opens, then read(2) fails: EISDIR with syscall 'read' and no path.
    assertSystemError(() -> Fs.readFileSync(dir.toString()), "EISDIR", "read", null);
    assertSystemError(() -> Fs.readFileSync(f + "/sub"), "ENOTDIR", "open", f + "/sub");
    if (Files.exists(Path.of("/proc/self/status"))) {
      // Size 0 in stat, content on read: read until EOF, as Node does.
      assertTrue(Fs.readFileSync("/proc/self/status", "utf8").contains("Pid:"));
    }
  }

  @Test
  void accessDeniedIsEacces() throws Exception {
    Path p = dir.resolve("secret");
    Files.writeString(p, "x");
    p.toFile().setReadable(false, false);
    Assumptions.assumeFalse(Files.isReadable(p), "running as root: permissions are not enforced");
    assertSystemError(() -> Fs.readFileSync(p.toString()), "EACCES", "open", p.toString());
    assertSystemError(() -> Fs.openSync(p.toString(), "r"), "EACCES", "open", p.toString());
  }

  @Test
  void openReadFstatCloseSync() throws Exception {
    String f = file("o.txt", "1234");
    FileHandle fd = Fs.openSync(f, "r");
    assertTrue(fd.isOpen());
    assertEquals(4, Fs.fstatSync(fd).size());
    Buffer b = Buffer.alloc(6);
    assertEquals(3, Fs.readSync(fd, b, 1, 5, 1));
    assertEquals("\0" + "234\0\0", b.toString("latin1"));
    assertEquals(2, Fs.readSync(fd, b, 0, 2, -1)); // the file position: the start
    assertEquals("12", b.toString("latin1", 0, 2));
    assertEquals(0, Fs.readSync(fd, b, 0, 2, 4)); // end of file
    assertCode("ERR_OUT_OF_RANGE", assertThrows(WeirException.class,
        () -> Fs.readSync(fd, b, 4, 3, 0)));
    Fs.closeSync(fd);
    assertFalse(fd.isOpen());
    assertSystemError(() -> Fs.closeSync(fd), "EBADF", "close", null);
    assertSystemError(() -> Fs.fstatSync(fd), "EBADF", "fstat", null);
    assertSystemError(() -> Fs.readSync(fd, b, 0, 1, 0), "EBADF", "read", null);
  }

  @Test
  void badArgumentsThrowAsTheCallbackForms() {
    assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
        () -> Fs.statSync(null)));
    assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
        () -> Fs.readFileSync("x", "bogus")));
    assertCode("ERR_INVALID_ARG_VALUE", assertThrows(WeirException.class,
        () -> Fs.openSync("x", "zz")));
    assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
        () -> Fs.closeSync(null)));
  }

  @Test
  void executeBlockingRunsOnThePoolAndCallsBackOnTheLoop() throws Exception {
    String f = file("b.txt", "blocking");
    List<String> log = new ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<String> worker =
        new java.util.concurrent.atomic.AtomicReference<>();
    EventLoop.run(() -> {
      Thread loop = Thread.currentThread();
      Fs.executeBlocking(() -> {
        worker.set(Thread.currentThread().getName());
        return Fs.statSync(f).size() + " " + Fs.readFileSync(f, "utf8");
      }, mustCall.once((Throwable err, String value) -> {
        assertNull(err);
        assertSame(loop, Thread.currentThread());
        log.add("done " + value);
      })::call);
      log.add("returned");
    });
    assertEquals(List.of("returned", "done 8 blocking"), log);
    assertTrue(worker.get().startsWith("weir-fs-"), worker::get);
  }

  @Test
  void executeBlockingPassesWhatTheWorkThrewAsItIs() throws Exception {
    String missing = dir.resolve("gone").toString();
    IllegalStateException own = new IllegalStateException("mine");
    EventLoop.run(() -> {
      Fs.executeBlocking(() -> Fs.statSync(missing), mustCall.once((Throwable err, Stats st) -> {
        WeirException e = assertCode("ENOENT", err);
        assertEquals("stat", e.syscall());
        assertEquals(missing, e.path());
        assertNull(st);
      })::call);
      Fs.executeBlocking(() -> {
        throw own;
      }, mustCall.once((Throwable err, Object v) -> assertSame(own, err))::call);
      assertCode("ERR_INVALID_ARG_TYPE", assertThrows(WeirException.class,
          () -> Fs.executeBlocking(null, (err, v) -> {})));
    });
  }
}
