package dev.weir.samples.examples;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;

/** The 'readable' event with read(n); port of {@code examples/readable-read.js}. */
public final class ReadableRead {
  private ReadableRead() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var rs = new Readable<Buffer>(new ReadableOptions<Buffer>().read((self, size) -> {}));
      rs.push("hello ");
      rs.push("world");
      rs.push(null);

      // 'readable' means: call read() until it returns null.
      rs.on("readable", () -> {
        System.out.println("readable");
        Buffer chunk;
        while ((chunk = rs.read(4)) != null) {
          System.out.println("read " + chunk.length() + " bytes: '" + chunk + "'");
        }
      });
      rs.on("end", () -> System.out.println("end"));
    });
  }
}
