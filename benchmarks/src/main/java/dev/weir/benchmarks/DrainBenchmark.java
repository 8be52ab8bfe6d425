package dev.weir.benchmarks;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The manual backpressure loop of DESIGN.md §3 snippet 1 against an asynchronous sink
 * ({@code benchmarks/node/drain.js}): write until false, continue on 'drain'. op = one write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DrainBenchmark {
  /** Writes per loop run. */
  public static final int WRITES = 100_000;

  private final Buffer chunk = Buffer.alloc(1024, 'x');

  /** write()/'drain' with a sink that calls back on the next tick. */
  @Benchmark
  @OperationsPerInvocation(WRITES)
  public long writeDrainLoop() {
    long[] bytes = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, enc, cb) -> {
            bytes[0] += c.length();
            loop.nextTick(cb::done);
          }));
      int[] i = {0};
      Runnable[] write = new Runnable[1];
      write[0] = () -> {
        boolean ok = true;
        while (i[0] < WRITES && ok) {
          i[0]++;
          ok = w.write(chunk);
        }
        if (i[0] < WRITES) {
          w.once("drain", () -> write[0].run());
        } else {
          w.end();
        }
      };
      write[0].run();
    });
    return bytes[0];
  }
}
