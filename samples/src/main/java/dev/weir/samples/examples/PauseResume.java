package dev.weir.samples.examples;

import static dev.weir.loop.Globals.setImmediate;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;

/** DESIGN.md snippet 2, pause/resume by hand; port of {@code examples/pause-resume.js}. */
public final class PauseResume {
  private PauseResume() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      int[] n = {0};
      var rs = new Readable<Buffer>(new ReadableOptions<Buffer>()
          .read((self, size) -> {
            self.push(n[0] < 6 ? "chunk " + n[0]++ + "\n" : null);
          }));
      var ws = new Writable<Buffer>(new WritableOptions<Buffer>()
          .highWaterMark(16)
          .write((chunk, encoding, callback) -> {
            System.out.print("wrote " + chunk);
            setImmediate(callback::done);
          }));

      rs.on("data", (Buffer chunk) -> {
        if (!ws.write(chunk)) {
          System.out.println("pause (writableLength " + ws.writableLength() + ")");
          rs.pause();
          ws.once("drain", () -> {
            System.out.println("drain: resume");
            rs.resume();
          });
        }
      });
      rs.on("end", () -> ws.end());
      ws.on("finish", () -> System.out.println("finish"));
    });
  }
}
