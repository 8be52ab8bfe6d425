package dev.weir.samples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The samples launcher: {@code java -jar weir-samples.jar <sample> [options]}. Each sample is a
 * short program that shows one part of Weir; {@code --help} lists them.
 */
public final class Main {
  private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

  private record Sample(String summary, Consumer<String[]> main) {}

  static {
    SAMPLES.put("backpressure", new Sample(
        "a fast Readable piped into a slow Writable: write() turns false, 'drain' resumes it",
        BackpressureDemo::main));
    SAMPLES.put("file-server", new Sample(
        "a static HTTP file server: Fs.createReadStream(file).pipe(res), ranges, 304s, listings",
        dev.weir.samples.staticfiles.StaticFileServer::main));
    SAMPLES.put("get", new Sample(
        "download a URL with a progress bar: pipeline(res, progress, Fs.createWriteStream(f))",
        dev.weir.samples.download.Get::main));
    SAMPLES.put("tunnel", new Sample(
        "a TCP port forwarder: client.pipe(upstream).pipe(client) with half-close and errors",
        dev.weir.samples.tunnel.TcpTunnel::main));
    SAMPLES.put("slow-client-demo", new Sample(
        "N slow clients: naive write() vs pipe(), server memory over time (table, CSV, SVG)",
        dev.weir.samples.slowclient.SlowClientDemo::main));
    SAMPLES.put("examples", new Sample(
        "Node documentation examples ported line for line: examples <name>, or the list",
        dev.weir.samples.examples.Examples::main));
  }

  private Main() {}

  /** Runs the sample named by the first argument with the rest of the arguments. */
  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage();
      return;
    }
    Sample sample = SAMPLES.get(args[0]);
    if (sample == null) {
      System.err.println("weir: unknown sample '" + args[0] + "'");
      usage();
      System.exit(2);
      return;
    }
    sample.main().accept(Arrays.copyOfRange(args, 1, args.length));
  }

  private static void usage() {
    System.out.println("usage: java -jar samples/target/weir-samples.jar <sample> [options]");
    System.out.println();
    System.out.println("samples:");
    SAMPLES.forEach((name, s) -> System.out.printf("  %-14s %s%n", name, s.summary()));
    System.out.println();
    System.out.println("Each sample accepts --help.");
  }
}
