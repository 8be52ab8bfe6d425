package dev.weir.benchmarks;

import dev.weir.loop.EventLoop;
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
 * Scheduling throughput ({@code benchmarks/node/loop.js}): chained nextTicks, microtasks and
 * setImmediates, and a storm of timers. op = one callback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopBenchmark {
  /** Callbacks per loop run. */
  public static final int N = 100_000;

  /** Each nextTick schedules the next. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int nextTick() {
    int[] n = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      Runnable[] tick = new Runnable[1];
      tick[0] = () -> {
        if (++n[0] < N) {
          loop.nextTick(tick[0]::run);
        }
      };
      loop.nextTick(tick[0]::run);
    });
    return n[0];
  }

  /** Each microtask queues the next. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int queueMicrotask() {
    int[] n = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      Runnable[] task = new Runnable[1];
      task[0] = () -> {
        if (++n[0] < N) {
          loop.queueMicrotask(task[0]::run);
        }
      };
      loop.queueMicrotask(task[0]::run);
    });
    return n[0];
  }

  /** Each setImmediate queues the next (one per loop turn). */
  @Benchmark
  @OperationsPerInvocation(N)
  public int setImmediate() {
    int[] n = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      Runnable[] task = new Runnable[1];
      task[0] = () -> {
        if (++n[0] < N) {
          loop.setImmediate(task[0]::run);
        }
      };
      loop.setImmediate(task[0]::run);
    });
    return n[0];
  }

  /** N timers with scattered delays of 1–10 ms, all fired. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int timerStorm() {
    int[] n = {0};
    EventLoop.run(() -> {
      EventLoop loop = EventLoop.current();
      for (int i = 0; i < N; i++) {
        loop.setTimeout(() -> n[0]++, 1 + (i * 7919L) % 10);
      }
    });
    return n[0];
  }
}
