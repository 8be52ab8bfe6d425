package dev.weir.samples.slowclient;

import dev.weir.loop.EventLoop;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the Slow Client Problem visible on one machine. A server streams an endless generated
 * payload to {@code --clients} clients on loopback that read slowly, first with
 * {@code rs.pipe(socket)} and then with a naive {@code rs.on("data", c -> socket.write(c))} that
 * ignores {@code write()}'s return value. It prints a table of the bytes the server holds, the
 * heap used and the process RSS, and writes {@code slow-client.csv} and {@code slow-client.svg}.
 * The naive run stops early once the server holds more than {@code --max-buffered} bytes.
 *
 * <p>{@code --serve} runs only the server half, streaming a file to every connection.
 */
public final class SlowClientDemo {
  private SlowClientDemo() {}

  /**
   * The demo's settings.
   *
   * @param clients how many slow clients
   * @param modes {@code "pipe"} and/or {@code "naive"}, run in this order
   * @param seconds how long each mode runs at most
   * @param outDir where the CSV and SVG go
   * @param maxBuffered the naive run stops once the server holds more than this many bytes
   * @param intervalMs how often a sample is taken and printed
   * @param readBytesPerTick how much each client reads per tick
   * @param tickMs the clients' tick
   * @param chunkSize the payload's chunk size (also its readable high-water mark)
   */
  record Config(int clients, List<String> modes, double seconds, Path outDir, long maxBuffered,
      long intervalMs, long readBytesPerTick, long tickMs, int chunkSize) {}

  static final String USAGE = String.join("\n",
      "usage: slow-client-demo [--clients 200] [--mode naive|pipe|both] [--seconds 20] "
          + "[--out DIR]",
      "                        [--max-buffered MIB] [--read-kib 16] [--tick-ms 100] "
          + "[--interval-ms 1000]",
      "       slow-client-demo --serve --port P [--host 127.0.0.1] --file F --mode naive|pipe",
      "",
      "Streams a generated payload to N slow clients on loopback (each reads --read-kib KiB",
      "every --tick-ms ms), once with rs.pipe(socket) and once with a naive",
      "rs.on(\"data\", c -> socket.write(c)) that ignores write()'s return value. Prints the",
      "bytes the server holds, heap used and RSS every interval; writes slow-client.csv and",
      "slow-client.svg into --out (default: the current directory). The naive run stops early",
      "once the server holds more than --max-buffered MiB (default: a quarter of the max heap).",
      "",
      "--serve streams the whole file F to every TCP connection (raw bytes, no HTTP), so",
      "external load tools can measure the two modes.");

  /** The command line; see {@link #USAGE}. */
  public static void main(String[] args) {
    try {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(USAGE);
        return;
      }
      if (List.of(args).contains("--serve")) {
        serveMain(args);
        return;
      }
      Config config = parse(args);
      List<DemoRun.Result> results = run(config, System.out);
      System.out.println();
      for (DemoRun.Result r : results) {
        System.out.println(summary(r));
      }
      System.out.println("wrote " + config.outDir().resolve("slow-client.csv") + " and "
          + config.outDir().resolve("slow-client.svg"));
    } catch (IllegalArgumentException e) {
      System.err.println("slow-client-demo: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /** Runs every mode of {@code config}, writes the CSV and SVG and returns the results. */
  static List<DemoRun.Result> run(Config config, PrintStream out) {
    List<DemoRun.Result> results = new ArrayList<>();
    if (out != null) {
      out.printf("%d slow clients, each reading %d KiB every %d ms; at most %.1f s per mode; "
          + "the naive mode stops above %s buffered%n", config.clients(),
          config.readBytesPerTick() / 1024, config.tickMs(), config.seconds(),
          Memory.mib(config.maxBuffered()));
      out.println(HEADER);
    }
    for (String mode : config.modes()) {
      System.gc(); // start each mode from a clean heap
      DemoRun.Result r = DemoRun.run(config, mode, out);
      results.add(r);
      if (out != null && r.limitHit()) {
        out.println(mode + ": stopped early, " + r.stopReason());
      }
    }
    try {
      Files.createDirectories(config.outDir());
      Report.writeCsv(config.outDir().resolve("slow-client.csv"), results);
      Report.writeSvg(config.outDir().resolve("slow-client.svg"), results, config.clients());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + config.outDir(), e);
    }
    return results;
  }

  static final String HEADER = String.format("%-6s %9s %14s %12s %12s %14s %6s", "mode",
      "elapsed", "buffered", "heap used", "rss", "delivered", "conns");

  static String row(DemoRun.Sample s) {
    return String.format("%-6s %7.1f s %14s %12s %12s %14s %6d", s.mode(),
        s.elapsedMs() / 1000.0, Memory.mib(s.buffered()), Memory.mib(s.heapUsed()),
        Memory.mib(s.rss()), Memory.mib(s.delivered()), s.connections());
  }

  static String summary(DemoRun.Result r) {
    long bound = (long) r.clients() * 2 * (r.highWaterMark() + r.chunkSize());
    String verdict;
    if (r.limitHit()) {
      verdict = "STOPPED EARLY: " + r.stopReason();
    } else if (r.mode().equals("pipe")) {
      verdict = "pipe's bound: " + r.clients() + " x 2 x (highWaterMark + chunk) = "
          + Memory.mib(bound);
    } else {
      verdict = String.format("%.0f times pipe's bound of %s", (double) r.maxBuffered() / bound,
          Memory.mib(bound));
    }
    return String.format("%-5s: at most %s held by the server (%s in socket write buffers), "
        + "%s delivered to the clients; %s", r.mode(), Memory.mib(r.maxBuffered()),
        Memory.mib(r.maxWritable()), Memory.mib(r.delivered()), verdict);
  }

  /** Parses the demo's options (not {@code --serve}). */
  static Config parse(String[] args) {
    int clients = 200;
    List<String> modes = List.of("pipe", "naive");
    double seconds = 20;
    Path out = Path.of(".");
    long maxBuffered = Runtime.getRuntime().maxMemory() / 4;
    long interval = 1000;
    long readKib = 16;
    long tick = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--clients" -> clients = (int) positive("--clients", value(args, ++i));
        case "--mode" -> modes = switch (value(args, ++i)) {
          case "naive" -> List.of("naive");
          case "pipe" -> List.of("pipe");
          case "both" -> List.of("pipe", "naive");
          default -> throw new IllegalArgumentException("--mode must be naive, pipe or both");
        };
        case "--seconds" -> {
          seconds = Double.parseDouble(value(args, ++i));
          if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be > 0");
          }
        }
        case "--out" -> out = Path.of(value(args, ++i));
        case "--max-buffered" -> maxBuffered = positive("--max-buffered", value(args, ++i))
            * 1024 * 1024;
        case "--interval-ms" -> interval = positive("--interval-ms", value(args, ++i));
        case "--read-kib" -> readKib = positive("--read-kib", value(args, ++i));
        case "--tick-ms" -> tick = positive("--tick-ms", value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    return new Config(clients, modes, seconds, out, maxBuffered, interval, readKib * 1024, tick,
        16 * 1024);
  }

  private static void serveMain(String[] args) {
    int port = -1;
    String host = "127.0.0.1";
    String file = null;
    String mode = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve" -> { }
        case "--port" -> port = (int) number("--port", value(args, ++i));
        case "--host" -> host = value(args, ++i);
        case "--file" -> file = value(args, ++i);
        case "--mode" -> mode = value(args, ++i);
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--serve needs --port P (0-65535)");
    }
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalArgumentException("--serve needs --file F, an existing file");
    }
    if (!"naive".equals(mode) && !"pipe".equals(mode)) {
      throw new IllegalArgumentException("--serve needs --mode naive or pipe");
    }
    String f = file;
    String m = mode;
    String h = host;
    int p = port;
    EventLoop.run(() -> {
      FileStreamServer[] server = new FileStreamServer[1];
      server[0] = FileStreamServer.serve(p, h, f, m, System.out, () -> System.out.printf(
          "serving %s (%,d bytes) to every connection on %s:%d, mode %s%n", f,
          Files.size(Path.of(f)), server[0].address().address(), server[0].address().port(),
          m));
    });
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value for " + args[i - 1]);
    }
    return args[i];
  }

  private static long number(String option, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is not a number: " + text);
    }
  }

  private static long positive(String option, String text) {
    long n = number(option, text);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be > 0: " + text);
    }
    return n;
  }
}
