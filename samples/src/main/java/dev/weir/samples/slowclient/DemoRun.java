package dev.weir.samples.slowclient;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.loop.Timeout;
import dev.weir.net.Net;
import dev.weir.net.Server;
import dev.weir.net.Socket;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the demo in one mode, on its own {@link EventLoop}: a server that streams an endless
 * {@link PayloadSource} to every connection, and {@code clients} slow readers on loopback that
 * read a fixed budget per tick. The server writes either naively, ignoring {@code write()}'s
 * return value, or with {@code pipe()}. A sampler records the bytes the server holds.
 */
final class DemoRun {
  /** One sample of the server's memory. */
  record Sample(String mode, long elapsedMs, long buffered, long writable, long readable,
      long heapUsed, long rss, long delivered, int connections) {}

  /**
   * What one run saw.
   *
   * @param mode {@code "naive"} or {@code "pipe"}
   * @param samples the samples, the first at 0 ms and the last when the run stopped
   * @param maxBuffered the most bytes the server held in its streams at any check
   * @param maxWritable the most bytes queued in the server sockets' writable sides at any check
   * @param limitHit whether the run stopped early at the limit
   * @param stopReason why the run ended
   * @param highWaterMark the server sockets' writable high-water mark
   * @param chunkSize the payload's chunk size
   * @param clients how many clients took part
   */
  record Result(String mode, List<Sample> samples, long maxBuffered, long maxWritable,
      boolean limitHit, String stopReason, int highWaterMark, int chunkSize, int clients) {

    /** The bytes clients received in the whole run. */
    long delivered() {
      return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).delivered();
    }
  }

  /** A server connection: the socket and the payload streamed into it. */
  private record Conn(Socket socket, PayloadSource source) {}

  private final SlowClientDemo.Config config;
  private final String mode;
  private final PrintStream out;
  private final List<Conn> conns = new ArrayList<>();
  private final List<Socket> clients = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();
  private long[] budget;
  private long delivered;
  private long startNanos;
  private long maxBuffered;
  private long maxWritable;
  private long writes;
  private boolean stopped;
  private boolean limitHit;
  private String stopReason;
  private int highWaterMark = -1;
  private Server server;
  private Timeout sampler;
  private Timeout ticker;
  private Timeout deadline;

  private DemoRun(SlowClientDemo.Config config, String mode, PrintStream out) {
    this.config = config;
    this.mode = mode;
    this.out = out;
  }

  /** Runs one mode to its end (time up or limit reached) and returns what it saw. */
  static Result run(SlowClientDemo.Config config, String mode, PrintStream out) {
    DemoRun run = new DemoRun(config, mode, out);
    EventLoop.run(run::start);
    return new Result(mode, List.copyOf(run.samples), run.maxBuffered, run.maxWritable,
        run.limitHit, run.stopReason, run.highWaterMark, config.chunkSize(), config.clients());
  }

  private void start() {
    server = Net.createServer(this::onConnection);
    server.listen(0, "127.0.0.1", () -> {
      int port = server.address().port();
      budget = new long[config.clients()];
      for (int i = 0; i < config.clients(); i++) {
        startClient(i, port);
      }
      startNanos = System.nanoTime();
      sample();
      EventLoop loop = EventLoop.current();
      sampler = loop.setInterval(this::sample, config.intervalMs());
      ticker = loop.setInterval(this::tick, config.tickMs());
      deadline = loop.setTimeout(() -> stop("time up", false),
          Math.round(config.seconds() * 1000));
    });
  }

  // ---- the server -------------------------------------------------------------------------

  private void onConnection(Socket socket) {
    if (stopped) {
      socket.destroy();
      return;
    }
    highWaterMark = socket.writableHighWaterMark();
    PayloadSource source = new PayloadSource(config.chunkSize(), config.chunkSize());
    conns.add(new Conn(socket, source));
    socket.on("error", (Throwable err) -> { }); // a client went away; 'close' follows
    socket.on("close", () -> source.destroy());
    socket.resume(); // the clients send nothing; discard whatever comes
    if (mode.equals("naive")) {
      // The Slow Client Problem: write() says false once the socket holds a high-water mark
      // of data, and this code does not listen. Everything the client cannot take yet piles up.
      source.on("data", (Buffer chunk) -> {
        if (!stopped) {
          socket.write(chunk);
          if (++writes % 32 == 0) {
            checkLimit();
          }
        }
      });
    } else {
      // pipe() pauses the source when write() returns false and resumes it at 'drain'.
      source.pipe(socket);
    }
  }

  // ---- the slow clients -------------------------------------------------------------------

  private void startClient(int i, int port) {
    Socket client = Net.connect(port, "127.0.0.1");
    client.pause(); // it reads only when its budget allows
    budget[i] = config.readBytesPerTick();
    client.on("data", (Buffer chunk) -> {
      delivered += chunk.length();
      budget[i] -= chunk.length();
      if (budget[i] <= 0) {
        client.pause();
      }
    });
    client.on("error", (Throwable err) -> { }); // the run is ending; 'close' follows
    clients.add(client);
    client.resume();
  }

  /** Each tick every client may read its budget again (an over-read is paid back). */
  private void tick() {
    for (int i = 0; i < clients.size(); i++) {
      Socket client = clients.get(i);
      budget[i] = Math.min(budget[i], 0) + config.readBytesPerTick();
      if (budget[i] > 0 && client.isPaused() && !client.destroyed()) {
        client.resume();
      }
    }
  }

  // ---- measuring --------------------------------------------------------------------------

  private long[] held() {
    long writable = 0;
    long readable = 0;
    for (Conn c : conns) {
      writable += c.socket().writableLength();
      readable += c.socket().readableLength() + c.source().readableLength();
    }
    return new long[] {writable, readable};
  }

  private long track() {
    long[] held = held();
    long buffered = held[0] + held[1];
    maxBuffered = Math.max(maxBuffered, buffered);
    maxWritable = Math.max(maxWritable, held[0]);
    return buffered;
  }

  private void checkLimit() {
    long buffered = track();
    long heap = Memory.heapUsed();
    if (buffered > config.maxBuffered()) {
      stop(String.format("limit reached: the server held %s, more than --max-buffered %s",
          Memory.mib(buffered), Memory.mib(config.maxBuffered())), true);
    } else if (heap > Runtime.getRuntime().maxMemory() / 100 * 85) {
      stop(String.format("limit reached: heap used %s, 85%% of the maximum heap",
          Memory.mib(heap)), true);
    }
  }

  private void sample() {
    long[] held = held();
    long buffered = held[0] + held[1];
    maxBuffered = Math.max(maxBuffered, buffered);
    maxWritable = Math.max(maxWritable, held[0]);
    long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
    Sample s = new Sample(mode, elapsed, buffered, held[0], held[1], Memory.heapUsed(),
        Memory.rss(), delivered, conns.size());
    samples.add(s);
    if (out != null) {
      out.println(SlowClientDemo.row(s));
    }
    if (!stopped) {
      checkLimit();
    }
  }

  private void stop(String reason, boolean limit) {
    if (stopped) {
      return;
    }
    stopped = true;
    sample();
    limitHit = limit;
    stopReason = reason;
    EventLoop loop = EventLoop.current();
    loop.clearInterval(sampler);
    loop.clearInterval(ticker);
    loop.clearTimeout(deadline);
    for (Conn c : conns) {
      c.source().destroy();
      c.socket().destroy();
    }
    for (Socket client : clients) {
      client.destroy();
    }
    server.close();
  }
}
