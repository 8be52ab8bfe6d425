package dev.weir.benchmarks;

import dev.weir.fs.Fs;
import dev.weir.fs.ReadStream;
import dev.weir.fs.ReadStreamOptions;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Server;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A file sent over loopback TCP by a Weir server, {@code fs.createReadStream(file).pipe(socket)},
 * with the heap path ({@code zeroCopy(false)}: reads on the fs pool into buffers, gathering
 * writes) and with zero-copy ({@code sendfile(2)} through {@code Socket.sendFile}), in
 * interleaved rounds. The receiver is a plain blocking thread that reads and discards, the same
 * for both. Reported per round: MB/s (wall time from accept to the socket's 'close'), the CPU
 * time of the loop thread, and of the whole process minus the receiver thread (loop, fs pool,
 * GC, JIT); then the medians. The file is read once first, so it is in the page cache.
 *
 * <pre>
 * mvn -q -o install -DskipTests -pl streams-api,streams-nio &amp;&amp; mvn -q -o package -DskipTests -pl benchmarks
 * java -cp benchmarks/target/benchmarks.jar dev.weir.benchmarks.ZeroCopyBench [MiB] [rounds] [file]
 * </pre>
 */
public final class ZeroCopyBench {
  private ZeroCopyBench() {}

  /** One transfer's measurements. */
  record Run(boolean zeroCopy, long bytes, long nanos, long loopCpu, long processCpu) {
    double mbPerSec() {
      return bytes / 1e6 / (nanos / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path file = args.length > 2 ? Path.of(args[2])
        : Path.of(System.getProperty("java.io.tmpdir"), "weir-zero-copy-" + mib + "m.bin");
    long size = mib << 20;
    prepare(file, size);
    System.out.printf("file %s, %d MiB, %d rounds (heap and zero-copy alternating)%n", file,
        mib, rounds);
    // Warm-up: one of each, not reported.
    run(file, false, size);
    run(file, true, size);
    List<Run> heap = new ArrayList<>();
    List<Run> zero = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      boolean zeroFirst = i % 2 == 1;
      for (boolean zeroCopy : new boolean[] {zeroFirst, !zeroFirst}) {
        Run r = run(file, zeroCopy, size);
        (zeroCopy ? zero : heap).add(r);
        System.out.printf("round %d %-9s %8.0f MB/s  loop cpu %6.0f ms  process cpu %6.0f ms%n",
            i + 1, zeroCopy ? "zero-copy" : "heap", r.mbPerSec(), r.loopCpu() / 1e6,
            r.processCpu() / 1e6);
      }
    }
    report("heap", heap);
    report("zero-copy", zero);
  }

  private static void report(String name, List<Run> runs) {
    List<Double> rate = new ArrayList<>();
    List<Double> loop = new ArrayList<>();
    List<Double> proc = new ArrayList<>();
    for (Run r : runs) {
      rate.add(r.mbPerSec());
      loop.add(r.loopCpu() / 1e6);
      proc.add(r.processCpu() / 1e6);
    }
    System.out.printf("median %-9s %8.0f MB/s  loop cpu %6.0f ms  process cpu %6.0f ms%n",
        name, median(rate), median(loop), median(proc));
  }

  private static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static void prepare(Path file, long size) throws IOException {
    if (!Files.exists(file) || Files.size(file) != size) {
      byte[] block = new byte[1 << 20];
      new Random(1).nextBytes(block);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        for (long done = 0; done < size; done += block.length) {
          ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - done));
          while (b.hasRemaining()) {
            ch.write(b);
          }
        }
      }
    }
    // Into the page cache.
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file)) {
      while (ch.read(buf) > 0) {
        buf.clear();
      }
    }
  }

  private static Run run(Path file, boolean zeroCopy, long size) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] received = {0};
    long[] receiverCpu = {0};
    long[] t = new long[4];
    Thread[] receiver = new Thread[1];
    EventLoop.run(() -> {
      Server[] listening = new Server[1];
      Server server = Net.createServer(s -> {
        t[0] = System.nanoTime();
        t[1] = threads.getCurrentThreadCpuTime();
        t[2] = os.getProcessCpuTime();
        listening[0].close();
        ReadStream rs = Fs.createReadStream(file.toString(),
            new ReadStreamOptions().zeroCopy(zeroCopy));
        rs.pipe(s);
        s.on("close", () -> {
          t[0] = System.nanoTime() - t[0];
          t[1] = threads.getCurrentThreadCpuTime() - t[1];
          t[2] = os.getProcessCpuTime() - t[2];
        });
      });
      listening[0] = server;
      server.listen(0, "127.0.0.1", () -> {
        int port = server.address().port();
        receiver[0] = new Thread(() -> {
          long cpu0 = threads.getCurrentThreadCpuTime();
          try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            int n;
            while ((n = ch.read(buf)) >= 0) {
              received[0] += n;
              buf.clear();
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          receiverCpu[0] = threads.getCurrentThreadCpuTime() - cpu0;
        }, "receiver");
        receiver[0].start();
      });
    });
    receiver[0].join();
    if (received[0] != size) {
      throw new IllegalStateException("received " + received[0] + " of " + size + " bytes");
    }
    return new Run(zeroCopy, size, t[0], t[1], t[2] - receiverCpu[0]);
  }
}
