package dev.weir.benchmarks;

import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
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

/** An object-mode pipe of small objects ({@code benchmarks/node/objects.js}): op = object. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObjectModeBenchmark {
  /** Objects per loop run. */
  public static final int OBJECTS = 100_000;

  private static final Object ITEM = new int[] {1, 2};

  /** Readable → Writable in object mode, sink calling back synchronously. */
  @Benchmark
  @OperationsPerInvocation(OBJECTS)
  public long objectModePipe() {
    long[] seen = {0};
    EventLoop.run(() -> {
      int[] n = {0};
      Readable<Object> r = new Readable<>(new ReadableOptions<Object>().objectMode(true)
          .read((self, size) -> self.push(n[0]++ < OBJECTS ? ITEM : null)));
      Writable<Object> w = new Writable<>(new WritableOptions<Object>().objectMode(true)
          .write((o, enc, cb) -> {
            seen[0]++;
            cb.done(null);
          }));
      r.pipe(w);
    });
    return seen[0];
  }
}
