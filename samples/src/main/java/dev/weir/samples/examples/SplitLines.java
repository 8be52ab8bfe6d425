package dev.weir.samples.examples;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.Transform;
import dev.weir.stream.TransformCallback;
import java.util.ArrayList;
import java.util.List;

/** A Transform that splits bytes into lines; port of {@code examples/split-lines.js}. */
public final class SplitLines {
  private SplitLines() {}

  // Bytes in, one string per line out.
  static class LineSplitter extends Transform<Buffer, String> {
    private String tail;

    LineSplitter() {
      super(new DuplexOptions<Buffer, String>().readableObjectMode(true));
      this.tail = "";
    }

    @Override
    protected void _transform(Buffer chunk, String encoding, TransformCallback<String> callback)
        throws Exception {
      var lines = new ArrayList<>(List.of((this.tail + chunk.toString()).split("\n", -1)));
      this.tail = lines.remove(lines.size() - 1);
      for (var line : lines) this.push(line);
      callback.done();
    }

    @Override
    protected void _flush(TransformCallback<String> callback) throws Exception {
      if (!this.tail.isEmpty()) this.push(this.tail);
      callback.done();
    }
  }

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var splitter = new LineSplitter();
      splitter.on("data", (line) -> System.out.println("line: '" + line + "'"));
      splitter.on("end", () -> System.out.println("end"));

      // Chunks do not respect line boundaries.
      splitter.write("first li");
      splitter.write("ne\nsecond line\nthi");
      splitter.end("rd line, no newline");
    });
  }
}
