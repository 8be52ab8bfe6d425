package dev.weir.samples.examples;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node documentation-style examples ported line for line ({@code samples/EXAMPLES.md} shows each
 * beside its Node original): {@code examples <name>} runs one, {@code examples} lists them.
 */
public final class Examples {
  private Examples() {}

  /** One example: what it shows, and its {@code main}. */
  public record Example(String summary, Consumer<String[]> main) {}

  /** The examples by name, in the order of EXAMPLES.md; the names are those of the .js files. */
  public static final Map<String, Example> EXAMPLES;

  static {
    Map<String, Example> m = new LinkedHashMap<>();
    m.put("write-many", new Example(
        "DESIGN §3.1: manual backpressure, write() until false, go on at 'drain'",
        WriteMany::main));
    m.put("pause-resume", new Example(
        "DESIGN §3.2: pause the source when write() returns false, resume on 'drain'",
        PauseResume::main));
    m.put("tunnel", new Example(
        "DESIGN §3.3: client.pipe(upstream).pipe(client) in front of an echo server",
        Tunnel::main));
    m.put("file-server", new Example(
        "DESIGN §3.4: createReadStream(file).pipe(res), 404 on 'error'",
        FileServer::main));
    m.put("transform-pipeline", new Example(
        "DESIGN §3.5: an upper-casing Transform in pipeline(file, upper, file, cb)",
        TransformPipeline::main));
    m.put("from-array", new Example(
        "DESIGN §3.6: Readable.from(['a', 'b', 'c']).on('data', ...)",
        FromArray::main));
    m.put("generator", new Example(
        "a Readable from a generator (a lazy java.util.stream.Stream)",
        Generator::main));
    m.put("counter", new Example(
        "the Counter of the Node docs: a Readable subclass with _read()",
        Counter::main));
    m.put("split-lines", new Example(
        "a Transform subclass that splits bytes into lines (_transform, _flush)",
        SplitLines::main));
    m.put("object-mode", new Example(
        "objectMode Readable piped into an objectMode Writable",
        ObjectMode::main));
    m.put("readable-read", new Example(
        "the 'readable' event with read(n) in a loop",
        ReadableRead::main));
    m.put("cork", new Example(
        "cork()/uncork() batching writes into _writev",
        Cork::main));
    m.put("finished", new Example(
        "finished() on a stream that ends, one that fails, one destroyed early",
        Finished::main));
    m.put("pipeline-promises", new Example(
        "stream/promises pipeline as a CompletableFuture",
        PipelinePromises::main));
    EXAMPLES = Collections.unmodifiableMap(m);
  }

  /** {@code examples [<name>]}: runs the example named, or lists them all. */
  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage();
      return;
    }
    Example example = EXAMPLES.get(args[0]);
    if (example == null) {
      System.err.println("examples: unknown example '" + args[0] + "'");
      usage();
      System.exit(2);
      return;
    }
    example.main().accept(Arrays.copyOfRange(args, 1, args.length));
  }

  private static void usage() {
    System.out.println("usage: examples <name>   runs one Node example ported to Weir");
    System.out.println("(each is shown beside its Node original in samples/EXAMPLES.md)");
    System.out.println();
    System.out.println("examples:");
    EXAMPLES.forEach((name, e) -> System.out.printf("  %-19s %s%n", name, e.summary()));
  }
}
