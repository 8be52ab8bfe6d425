package dev.weir.samples;

import static dev.weir.loop.Globals.setImmediate;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;

/**
 * The Slow Client Problem in memory: a producer that could make data as fast as the CPU allows,
 * piped into a consumer that takes one loop turn per chunk. Thanks to {@code pipe()}'s
 * backpressure the data buffered between them never exceeds the two high-water marks.
 */
public final class BackpressureDemo {
  private BackpressureDemo() {}

  /** {@code backpressure [--chunks N] [--chunk-size BYTES]}. */
  public static void main(String[] args) {
    int chunks = 10_000;
    int chunkSize = 16 * 1024;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--chunks" -> chunks = Integer.parseInt(value(args, ++i));
        case "--chunk-size" -> chunkSize = Integer.parseInt(value(args, ++i));
        case "--help", "-h" -> {
          System.out.println("usage: backpressure [--chunks N] [--chunk-size BYTES]");
          System.out.println("Pipes N chunks from a fast Readable into a slow Writable and "
              + "prints how much was buffered.");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    run(chunks, chunkSize);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value for " + args[i - 1]);
    }
    return args[i];
  }

  /** Runs the demo and returns the most bytes ever buffered between producer and consumer. */
  static long run(int chunks, int chunkSize) {
    long[] maxBuffered = {0};
    long[] received = {0};
    EventLoop.run(() -> {
      Buffer chunk = Buffer.alloc(chunkSize, 'x');
      int[] produced = {0};
      Readable<Buffer> producer = new Readable<>(new ReadableOptions<Buffer>()
          .read((self, size) -> self.push(produced[0]++ < chunks ? chunk : null)));
      Writable<Buffer>[] consumer = new Writable[1];
      consumer[0] = new Writable<>(new WritableOptions<Buffer>()
          .write((data, encoding, callback) -> {
            received[0] += data.length();
            long buffered = producer.readableLength() + consumer[0].writableLength();
            maxBuffered[0] = Math.max(maxBuffered[0], buffered);
            setImmediate(callback::done); // a slow consumer: one loop turn per chunk
          }));
      consumer[0].on("finish", () -> System.out.printf(
          "moved %,d bytes in %,d chunks; at most %,d bytes were buffered "
              + "(high-water marks: %,d + %,d)%n",
          received[0], chunks, maxBuffered[0], producer.readableHighWaterMark(),
          consumer[0].writableHighWaterMark()));
      producer.pipe(consumer[0]);
    });
    return maxBuffered[0];
  }
}
