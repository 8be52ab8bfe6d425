package dev.weir.samples.slowclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import dev.weir.samples.FdLeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The slow-client demo: a short run of both modes, its CSV and SVG, and the --serve mode. */
@Timeout(60)
@ExtendWith(FdLeakCheck.class)
class SlowClientDemoTest {
  @TempDir
  Path dir;

  @Test
  void pipeStaysWithinHighWaterMarksWhileNaiveBuffersWithoutBound() throws Exception {
    int clients = 20;
    SlowClientDemo.Config config = new SlowClientDemo.Config(clients, List.of("pipe", "naive"),
        2.0, dir, 32L << 20, 50, 16 * 1024, 100, 16 * 1024);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<DemoRun.Result> results;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      results = SlowClientDemo.run(config, out);
    }
    assertEquals(2, results.size());
    DemoRun.Result pipe = results.get(0);
    DemoRun.Result naive = results.get(1);

    // pipe: each connection holds at most a high-water mark plus one chunk in the socket's
    // writable side, and as much again in the payload's readable side.
    long perSide = pipe.highWaterMark() + pipe.chunkSize();
    assertEquals(16 * 1024, pipe.highWaterMark());
    assertFalse(pipe.limitHit(), pipe.stopReason());
    assertEquals("time up", pipe.stopReason());
    assertTrue(pipe.maxWritable() <= clients * perSide,
        "pipe held " + pipe.maxWritable() + " in its sockets");
    assertTrue(pipe.maxBuffered() <= clients * 2 * perSide,
        "pipe held " + pipe.maxBuffered() + " in all");
    assertTrue(pipe.delivered() > 0, "the clients read something");

    // naive: grows far beyond that, until the limit stops it.
    assertTrue(naive.limitHit() || naive.maxBuffered() > 10 * clients * 2 * perSide,
        "naive held only " + naive.maxBuffered());
    assertTrue(naive.maxBuffered() > 10 * pipe.maxBuffered(),
        "naive " + naive.maxBuffered() + " vs pipe " + pipe.maxBuffered());
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(SlowClientDemo.HEADER), text);
    if (naive.limitHit()) {
      assertTrue(naive.stopReason().startsWith("limit reached"), naive.stopReason());
      assertTrue(text.contains("naive: stopped early, limit reached"), text);
    }

    // the CSV: a header and one well-formed line per sample
    List<String> csv = Files.readAllLines(dir.resolve("slow-client.csv"));
    assertEquals(Report.CSV_HEADER, csv.get(0));
    assertEquals(1 + pipe.samples().size() + naive.samples().size(), csv.size());
    for (String line : csv.subList(1, csv.size())) {
      String[] f = line.split(",");
      assertEquals(9, f.length, line);
      assertTrue(f[0].equals("pipe") || f[0].equals("naive"), line);
      for (int i = 1; i < f.length; i++) {
        Long.parseLong(f[i]);
      }
    }
    assertTrue(pipe.samples().size() >= 10, "samples every 50 ms for 2 s");

    // the SVG: well-formed XML, one line per mode and quantity, labelled axes, a legend
    Xml svg = Xml.parseRoot(dir.resolve("slow-client.svg"));
    assertEquals("svg", svg.localName());
    assertEquals("http://www.w3.org/2000/svg", svg.namespace());
    assertEquals(4, svg.count("polyline"));
    String labels = svg.text();
    for (String label : List.of("time (s)", "memory (MiB)", "naive write(): buffered bytes",
        "pipe(): buffered bytes", "naive write(): heap used", "pipe(): heap used")) {
      assertTrue(labels.contains(label), label);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipe", "naive"})
  void serveStreamsTheWholeFileToEachConnection(String mode) throws Exception {
    byte[] content = new byte[(8 << 20) + 123];
    new SplittableRandom(7).nextBytes(content);
    Path file = dir.resolve("payload.bin");
    Files.write(file, content);
    int clients = 3;
    MessageDigest[] got = new MessageDigest[clients];
    long[] received = new long[clients];
    int[] ends = {0};
    EventLoop.run(() -> {
      FileStreamServer[] server = new FileStreamServer[1];
      server[0] = FileStreamServer.serve(0, "127.0.0.1", file.toString(), mode, null, () -> {
        int[] closed = {0};
        for (int i = 0; i < clients; i++) {
          int n = i;
          got[n] = MessageDigest.getInstance("SHA-256");
          Socket client = Net.connect(server[0].address().port(), "127.0.0.1");
          client.on("data", (Buffer b) -> {
            got[n].update(b.array(), b.byteOffset(), b.length());
            received[n] += b.length();
          });
          client.on("end", () -> ends[0]++);
          client.on("close", () -> {
            if (++closed[0] == clients) {
              server[0].close();
            }
          });
        }
      });
    });
    assertEquals(clients, ends[0]);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);
    for (int i = 0; i < clients; i++) {
      assertEquals(content.length, received[i], "client " + i);
      assertArrayEquals(expected, got[i].digest(), "client " + i);
    }
  }

  @Test
  void commandLine() {
    SlowClientDemo.Config d = SlowClientDemo.parse(new String[0]);
    assertEquals(200, d.clients());
    assertEquals(List.of("pipe", "naive"), d.modes());
    assertEquals(20.0, d.seconds());
    assertEquals(Runtime.getRuntime().maxMemory() / 4, d.maxBuffered());
    SlowClientDemo.Config c = SlowClientDemo.parse(new String[] {"--clients", "5", "--mode",
        "naive", "--seconds", "1.5", "--out", "x", "--max-buffered", "10"});
    assertEquals(5, c.clients());
    assertEquals(List.of("naive"), c.modes());
    assertEquals(1.5, c.seconds());
    assertEquals(Path.of("x"), c.outDir());
    assertEquals(10L << 20, c.maxBuffered());
    assertThrows(IllegalArgumentException.class,
        () -> SlowClientDemo.parse(new String[] {"--mode", "fast"}));
    assertThrows(IllegalArgumentException.class,
        () -> SlowClientDemo.parse(new String[] {"--clients", "0"}));
    assertThrows(IllegalArgumentException.class,
        () -> SlowClientDemo.parse(new String[] {"--bogus"}));
  }
}
