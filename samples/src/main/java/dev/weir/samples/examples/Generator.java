package dev.weir.samples.examples;

import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Readable from a generator; port of {@code examples/generator.js}. Java has no generators: a
 * lazy {@link Stream} (or an {@code Iterator}) plays the part of {@code function*}.
 */
public final class Generator {
  private Generator() {}

  static Stream<String> countdown(int from) {
    return Stream.concat(
        IntStream.iterate(from, i -> i > 0, i -> i - 1).mapToObj(i -> i + "..."),
        Stream.of("liftoff!"));
  }

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var rs = Readable.from(countdown(3));
      rs.on("data", (chunk) -> System.out.println(chunk));
      rs.on("end", () -> System.out.println("end (readableObjectMode " + rs.readableObjectMode()
          + ")"));
    });
  }
}
