package dev.weir.fs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Readable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Helpers shared by the fs tests. */
final class FsTesting {
  private static final Path PROC_FD = Path.of("/proc/self/fd");

  private FsTesting() {}

  /**
   * Open descriptors of this JVM on files under the temporary directory (where every fs test
   * works), or -1 where /proc/self/fd does not exist. Jars and JDK files the JVM opens lazily
   * are not counted, so class loading cannot look like a leak.
   */
  static long openFds() {
    if (!Files.isDirectory(PROC_FD)) {
      return -1;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    try (Stream<Path> fds = Files.list(PROC_FD)) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).startsWith(tmp);
        } catch (IOException | UnsupportedOperationException e) {
          return false; // closed meanwhile (e.g. the listing's own descriptor)
        }
      }).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a read stream and a write stream once, loading what they use (classes, jars). */
  static void warmUp(Path tmp) throws Exception {
    Path in = tmp.resolve("warm-up-in");
    Files.write(in, pattern(100_000));
    String out = tmp.resolve("warm-up-out").toString();
    dev.weir.loop.EventLoop.run(() -> {
      Fs.createReadStream(in.toString()).pipe(Fs.createWriteStream(out));
      Fs.createReadStream(tmp.resolve("missing").toString()).on("error", (Throwable e) -> {});
      dev.weir.stream.Stream.pipeline(Fs.createReadStream(in.toString()),
          Fs.createWriteStream(out + "2"), err -> {});
    });
  }

  /** Asserts that no descriptor leaked since {@code before} (a count from {@link #openFds}). */
  static void assertNoFdLeak(long before) {
    long after = openFds();
    if (before >= 0) {
      assertTrue(after <= before, "open descriptors grew from " + before + " to " + after);
    }
  }

  /** Records 'open', 'ready', 'data:<len>', 'end', 'error:<code>:<syscall>', 'close'. */
  static List<String> trace(Readable<?> rs) {
    List<String> log = new ArrayList<>();
    rs.on("open", () -> log.add("open"));
    rs.on("ready", () -> log.add("ready"));
    rs.on("data", (Object c) -> log.add("data:" + (c instanceof Buffer
        ? ((Buffer) c).length() : c.toString().length())));
    rs.on("end", () -> log.add("end"));
    rs.on("error", (Throwable e) -> log.add("error:" + code(e)));
    rs.on("close", () -> log.add("close"));
    return log;
  }

  static String code(Throwable e) {
    if (e instanceof dev.weir.errors.WeirException) {
      dev.weir.errors.WeirException w = (dev.weir.errors.WeirException) e;
      return w.code() + (w.syscall() != null ? ":" + w.syscall() : "");
    }
    return e.toString();
  }

  /** {@code n} bytes of a deterministic pattern that repeats rarely. */
  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    int x = 12345;
    for (int i = 0; i < n; i++) {
      x = x * 1103515245 + 12345;
      b[i] = (byte) (x >>> 24);
    }
    return b;
  }
}
