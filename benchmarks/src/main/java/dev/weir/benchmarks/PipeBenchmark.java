package dev.weir.benchmarks;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.PassThrough;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.Transform;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-memory pipes of 16 KiB {@link Buffer} chunks, the same scenarios as
 * {@code benchmarks/node/pipe.js}: one operation is one chunk moved from the source to the sink.
 * The source pushes the same chunk object each time, so what allocation {@code -prof gc} reports
 * per operation is the streams' own overhead per chunk (plus the per-run setup spread over
 * {@link #CHUNKS} chunks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipeBenchmark {
  /** Chunks per loop run. */
  public static final int CHUNKS = 10_000;

  /** {@code sync}: the sink calls back at once; {@code nextTick}: on the next tick. */
  @Param({"sync", "nextTick"})
  public String sink;

  private final Buffer chunk = Buffer.alloc(16 * 1024, 'x');

  private Readable<Buffer> source(int[] produced) {
    return new Readable<>(new ReadableOptions<Buffer>()
        .read((self, size) -> self.push(produced[0]++ < CHUNKS ? chunk : null)));
  }

  private Writable<Buffer> sink(long[] bytes) {
    boolean sync = sink.equals("sync");
    EventLoop loop = EventLoop.current();
    return new Writable<>(new WritableOptions<Buffer>().write((c, enc, cb) -> {
      bytes[0] += c.length();
      if (sync) {
        cb.done(null);
      } else {
        loop.nextTick(cb::done);
      }
    }));
  }

  /** Readable → Writable. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public long readableToWritable() {
    long[] bytes = {0};
    EventLoop.run(() -> source(new int[1]).pipe(sink(bytes)));
    return bytes[0];
  }

  /** Readable → PassThrough → Writable. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public long readableToPassThroughToWritable() {
    long[] bytes = {0};
    EventLoop.run(() -> source(new int[1]).pipe(new PassThrough<Buffer>()).pipe(sink(bytes)));
    return bytes[0];
  }

  /** Readable → Transform (identity through the callback) → Writable. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public long readableToTransformToWritable() {
    long[] bytes = {0};
    EventLoop.run(() -> {
      Transform<Buffer, Buffer> t = new Transform<>(new DuplexOptions<Buffer, Buffer>()
          .transform((c, enc, cb) -> cb.done(null, c)));
      source(new int[1]).pipe(t).pipe(sink(bytes));
    });
    return bytes[0];
  }
}
