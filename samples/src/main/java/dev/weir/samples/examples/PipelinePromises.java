package dev.weir.samples.examples;

import static dev.weir.stream.Stream.pipelineAsync;

import dev.weir.loop.EventLoop;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.Readable;
import dev.weir.stream.Transform;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code stream/promises} pipeline; port of {@code examples/pipeline-promises.js}. Java has no
 * {@code await}: the code after it moves into {@code thenRun}, the catch into
 * {@code exceptionally}.
 */
public final class PipelinePromises {
  private PipelinePromises() {}

  static CompletableFuture<Void> run() {
    return pipelineAsync(
        Readable.from(List.of("one", "two", "three")),
        new Transform<String, String>(new DuplexOptions<String, String>()
            .objectMode(true)
            .transform((word, encoding, callback) -> {
              callback.done(null, word.toUpperCase());
            })),
        new Writable<String>(new WritableOptions<String>()
            .objectMode(true)
            .write((word, encoding, callback) -> {
              System.out.println(word);
              callback.done();
            }))
    ).thenRun(() -> System.out.println("Pipeline succeeded."));
  }

  public static void main(String[] args) {
    EventLoop.run(() -> {
      run().exceptionally((err) -> {
        System.err.println("Pipeline failed. " + err);
        return null;
      });
    });
  }
}
