package dev.weir.benchmarks;

import dev.weir.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** UTF-8 conversion of 1 KiB strings ({@code benchmarks/node/buffer.js}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BufferBenchmark {
  private final String ascii = "abcdefghijklmnopqrstuvwxyz012345".repeat(32);
  private final String mixed = "weir ✓ streams — ü ".repeat(64).substring(0, 1000);
  private final Buffer asciiBuffer = Buffer.from(ascii);
  private final Buffer mixedBuffer = Buffer.from(mixed);

  /** {@code Buffer.from(str)} of 1 KiB ASCII. */
  @Benchmark
  public Buffer fromAscii() {
    return Buffer.from(ascii);
  }

  /** {@code buf.toString()} of 1 KiB ASCII. */
  @Benchmark
  public String toStringAscii() {
    return asciiBuffer.toString();
  }

  /** {@code Buffer.from(str)} of ~1 KiB mixed text. */
  @Benchmark
  public Buffer fromMixed() {
    return Buffer.from(mixed);
  }

  /** {@code buf.toString()} of mixed text. */
  @Benchmark
  public String toStringMixed() {
    return mixedBuffer.toString();
  }
}
