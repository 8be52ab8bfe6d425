package dev.weir.samples.examples;

import static dev.weir.loop.Globals.nextTick;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;
import java.util.stream.Collectors;

/** cork()/uncork() batching writes into _writev; port of {@code examples/cork.js}. */
public final class Cork {
  private Cork() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var ws = new Writable<Buffer>(new WritableOptions<Buffer>()
          .write((chunk, encoding, callback) -> {
            System.out.println("_write: " + chunk);
            callback.done();
          })
          .writev((chunks, callback) -> {
            System.out.println("_writev: " + chunks.stream().map((c) -> c.chunk().toString())
                .collect(Collectors.joining(" | ")));
            callback.done();
          }));

      ws.write("uncorked");
      ws.cork();
      ws.write("some ");
      ws.write("data ");
      ws.write("batched");
      System.out.println("corked: writableCorked " + ws.writableCorked() + ", writableLength "
          + ws.writableLength());
      nextTick(() -> ws.uncork());
      ws.on("finish", () -> System.out.println("finish"));
      nextTick(() -> ws.end());
    });
  }
}
