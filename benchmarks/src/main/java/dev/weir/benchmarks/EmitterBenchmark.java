package dev.weir.benchmarks;

import dev.weir.events.EventEmitter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** {@code emit} with one and with three listeners ({@code benchmarks/node/emit.js}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmitterBenchmark {
  private EventEmitter one;
  private EventEmitter three;
  private final Object payload = new Object();
  private long count;

  /** Emitters with their listeners. */
  @Setup
  public void setUp() {
    one = new EventEmitter();
    one.on("data", (Object o) -> count++);
    three = new EventEmitter();
    three.on("data", (Object o) -> count++);
    three.on("data", (Object o) -> count += 2);
    three.on("data", (Object o) -> count += 3);
  }

  /** One listener: must allocate nothing. */
  @Benchmark
  public void emitOneListener(Blackhole bh) {
    bh.consume(one.emit("data", payload));
  }

  /** Three listeners. */
  @Benchmark
  public void emitThreeListeners(Blackhole bh) {
    bh.consume(three.emit("data", payload));
  }
}
