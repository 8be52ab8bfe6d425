package dev.weir.samples.examples;

import static dev.weir.stream.Stream.pipeline;

import dev.weir.buffer.Buffer;
import dev.weir.fs.Fs;
import dev.weir.loop.EventLoop;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.Transform;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DESIGN.md snippet 5, a transform in a pipeline (over files in a temporary directory); port of
 * {@code examples/transform-pipeline.js}.
 */
public final class TransformPipeline {
  private TransformPipeline() {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var dir = Files.createTempDirectory("weir-example-").toString();
      var inFile = Path.of(dir, "in.txt").toString();
      var outFile = Path.of(dir, "out.txt").toString();
      Files.writeString(Path.of(inFile), "a transform\nin a pipeline\n");

      // DESIGN.md snippet 5.
      var upper = new Transform<Buffer, String>(new DuplexOptions<Buffer, String>()
          .transform((chunk, enc, cb) -> {
            cb.done(null, chunk.toString().toUpperCase());
          }));
      pipeline(Fs.createReadStream(inFile), upper, Fs.createWriteStream(outFile), (err) -> {
        if (err != null) {
          System.err.println("pipeline failed " + err);
        } else {
          System.out.println("pipeline succeeded");
          System.out.print(Files.readString(Path.of(outFile)));
        }
        Files.delete(Path.of(inFile));
        Files.delete(Path.of(outFile));
        Files.delete(Path.of(dir));
      });
    });
  }
}
