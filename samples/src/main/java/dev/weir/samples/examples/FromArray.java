package dev.weir.samples.examples;

import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import java.util.List;

/** DESIGN.md snippet 6, objects and iteration; port of {@code examples/from-array.js}. */
public final class FromArray {
  private FromArray() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      // DESIGN.md snippet 6.
      Readable.from(List.of("a", "b", "c")).on("data", (s) -> System.out.println(s));
    });
  }
}
