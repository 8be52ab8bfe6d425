package dev.weir.samples.examples;

import static dev.weir.stream.Stream.finished;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;
import java.util.List;

/**
 * finished() on a stream that ends, one that fails and one destroyed early; port of
 * {@code examples/finished.js}.
 */
public final class Finished {
  private Finished() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      // A readable that ends normally.
      var rs = Readable.from(List.of("x", "y", "z"));
      finished(rs, (err) -> {
        if (err != null) {
          System.err.println("Stream failed. " + err);
        } else {
          System.out.println("Stream is done reading.");
        }
      });
      rs.resume(); // Drain the stream.

      // A writable whose _write fails.
      var ws = new Writable<Buffer>(new WritableOptions<Buffer>()
          .write((chunk, encoding, callback) -> {
            callback.done(new Exception("disk full"));
          }));
      finished(ws, (err) -> System.out.println("writable failed: " + err.getMessage()));
      ws.write("data");

      // A readable destroyed before its end.
      var early = new Readable<Buffer>(new ReadableOptions<Buffer>().read((self, size) -> {}));
      finished(early, (err) -> System.out.println("early: " + ((WeirException) err).code()));
      early.destroy();
    });
  }
}
