package dev.weir.samples.examples;

import static dev.weir.loop.Globals.setImmediate;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Callback;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;

/** DESIGN.md snippet 1, manual backpressure; port of {@code examples/write-many.js}. */
public final class WriteMany {
  private WriteMany() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      // A slow destination: each chunk takes one turn of the event loop.
      var ws = new Writable<Buffer>(new WritableOptions<Buffer>()
          .highWaterMark(32)
          .write((chunk, encoding, callback) -> {
            setImmediate(callback::done);
          }));
      ws.on("drain", () -> System.out.println("drain (writableLength " + ws.writableLength()
          + ")"));

      writeMany(ws, 10, (err) -> System.out.println("done, err = " + err));
    });
  }

  static void writeMany(Writable<Buffer> ws, int n, Callback done) {
    int[] i = {0};
    Runnable[] write = new Runnable[1];
    (write[0] = () -> {
      boolean ok = true;
      while (i[0] < n && ok) ok = ws.write("line " + i[0]++ + "\n");
      if (!ok) System.out.println("write() returned false after line " + (i[0] - 1));
      if (i[0] < n) ws.once("drain", () -> write[0].run()); else ws.end(done);
    }).run();
  }
}
