package dev.weir.stream;

import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The porting contract: DESIGN.md §3 snippets 1, 2, 5 (with in-memory streams) and 6, ported by
 * mechanical edits only, each shown beside its Node original.
 */
@Timeout(10)
class DesignSnippetsTest {

  /** An in-memory sink that records what it got, calling back on a later loop turn. */
  static Writable<Buffer> slowSink(StringBuilder into, int highWaterMark) {
    return new Writable<>(new WritableOptions<Buffer>().highWaterMark(highWaterMark)
        .write((chunk, enc, cb) -> {
          into.append(chunk.toString());
          setImmediate(cb::done);
        }));
  }

  // function writeMany(ws, n, done) {
  //   let i = 0;
  //   (function write() {
  //     let ok = true;
  //     while (i < n && ok) ok = ws.write(`line ${i++}\n`);
  //     if (i < n) ws.once('drain', write); else ws.end(done);
  //   })();
  // }
  static void writeMany(Writable<Buffer> ws, int n, Callback done) {
    int[] i = {0};
    Runnable[] write = new Runnable[1];
    write[0] = () -> {
      boolean ok = true;
      while (i[0] < n && ok) {
        ok = ws.write("line " + i[0]++ + "\n");
      }
      if (i[0] < n) {
        ws.once("drain", () -> write[0].run());
      } else {
        ws.end(done);
      }
    };
    write[0].run();
  }

  @Test
  void snippet1ManualBackpressure() {
    StringBuilder got = new StringBuilder();
    int[] drains = {0};
    Throwable[] result = {new AssertionError("done not called")};
    EventLoop.run(() -> {
      Writable<Buffer> ws = slowSink(got, 64);
      ws.on("drain", () -> drains[0]++);
      writeMany(ws, 100, err -> result[0] = err);
    });
    assertNull(result[0]);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append("line ").append(i).append('\n');
    }
    assertEquals(expected.toString(), got.toString());
    assertTrue(drains[0] > 5, "drains: " + drains[0]);
  }

  // rs.on('data', (chunk) => { if (!ws.write(chunk)) { rs.pause(); ws.once('drain', () => rs.resume()); } });
  // rs.on('end', () => ws.end());
  @Test
  void snippet2PauseResumeByHand() {
    StringBuilder got = new StringBuilder();
    long[] maxBuffered = {0};
    boolean[] finished = {false};
    EventLoop.run(() -> {
      Readable<String> letters = Readable.from(List.of("ab", "cd", "ef", "gh", "ij", "kl"));
      Readable<Buffer> rs = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(4)
          .read((self, size) -> {
            String s = letters.read();
            self.push(s == null ? null : Buffer.from(s));
          }));
      Writable<Buffer> ws = slowSink(got, 4);
      rs.on("data", (Buffer chunk) -> {
        if (!ws.write(chunk)) {
          rs.pause();
          ws.once("drain", () -> rs.resume());
        }
        maxBuffered[0] = Math.max(maxBuffered[0], ws.writableLength());
      });
      rs.on("end", () -> ws.end());
      ws.on("finish", () -> finished[0] = true);
    });
    assertEquals("abcdefghijkl", got.toString());
    assertTrue(finished[0]);
    assertTrue(maxBuffered[0] <= 4 + 2, "buffered " + maxBuffered[0]);
  }

  // const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
  // pipeline(fs.createReadStream('in.txt'), upper, fs.createWriteStream('out.txt'), (err) => { ... });
  @Test
  void snippet5TransformInAPipeline() {
    StringBuilder out = new StringBuilder();
    List<Object> errs = new ArrayList<>();
    EventLoop.run(() -> {
      var upper = new Transform<Buffer, String>(new DuplexOptions<Buffer, String>()
          .transform((chunk, enc, cb) -> cb.done(null, chunk.toString().toUpperCase())));
      var in = Readable.from(List.of(Buffer.from("hello, "), Buffer.from("weir\n")),
          new ReadableOptions<Buffer>().objectMode(false));
      Stream.pipeline(in, upper, slowSink(out, 16), err -> errs.add(err == null ? "ok" : err));
    });
    assertEquals("HELLO, WEIR\n", out.toString());
    assertEquals(List.of("ok"), errs);
  }

  // Readable.from(['x', 'y']).pipe(byteSink): strings piped into a byte stream, as in Node.
  @Test
  void stringsPipeIntoAByteStreamAndFromHonoursObjectModeFalse() {
    StringBuilder out = new StringBuilder();
    boolean[] objectMode = {true};
    EventLoop.run(() -> {
      Readable.from(List.of("x", "y")).pipe(slowSink(out, 16));
      objectMode[0] = Readable.from(List.of(Buffer.from("z")),
          new ReadableOptions<Buffer>().objectMode(false)).readableObjectMode();
    });
    assertEquals("xy", out.toString());
    assertEquals(false, objectMode[0]);
  }

  // Readable.from(['a', 'b', 'c']).on('data', (s) => console.log(s));
  @Test
  void snippet6ObjectsAndIteration() {
    List<String> logged = new ArrayList<>();
    EventLoop.run(() -> Readable.from(List.of("a", "b", "c")).on("data", (String s) -> logged.add(s)));
    assertEquals(List.of("a", "b", "c"), logged);
  }
}
