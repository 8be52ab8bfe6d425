package dev.weir.stream;

import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example of README.md, as written there, with its effects asserted. */
@Timeout(10)
class ReadmeExampleTest {

  @Test
  void readmeExampleRunsAndRespectsTheHighWaterMark() {
    List<String> out = new ArrayList<>();
    long[] maxBuffered = {0};
    long[] bytes = {0};
    EventLoop.run(() -> {
      var slow = new Writable<Buffer>(new WritableOptions<Buffer>()
          .highWaterMark(1024)
          .write((chunk, encoding, callback) -> {
            bytes[0] += chunk.length();
            setImmediate(callback::done);
          }));

      int[] i = {0};
      Runnable[] write = new Runnable[1];
      write[0] = () -> {
        boolean ok = true;
        while (i[0] < 1000 && ok) {
          ok = slow.write("line " + i[0]++ + "\n");
          maxBuffered[0] = Math.max(maxBuffered[0], slow.writableLength());
        }
        if (i[0] < 1000) {
          slow.once("drain", () -> write[0].run());
        } else {
          slow.end(err -> out.add("wrote 1000 lines, buffered at most 1 KiB"));
        }
      };
      write[0].run();

      var sink = new Writable<String>(new WritableOptions<String>()
          .objectMode(true)
          .write((s, encoding, callback) -> {
            out.add(s);
            callback.done();
          }));
      Readable.from(List.of("a", "b", "c")).pipe(sink);
    });
    assertEquals(List.of("a", "b", "c", "wrote 1000 lines, buffered at most 1 KiB"), out);
    long expectedBytes = 0;
    for (int n = 0; n < 1000; n++) {
      expectedBytes += ("line " + n + "\n").length();
    }
    assertEquals(expectedBytes, bytes[0]);
    // At most the high-water mark plus the one line that crossed it.
    assertTrue(maxBuffered[0] <= 1024 + "line 999\n".length(), "buffered " + maxBuffered[0]);
  }
}
