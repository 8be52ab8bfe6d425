package dev.weir.stream;

import static dev.weir.loop.Globals.setImmediate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The memory property behind the Slow Client Problem: 1 GiB from a fast Readable, through a
 * Transform, into a slow Writable (each callback one loop turn later) never holds more than the
 * sum of the chain's high-water marks plus one chunk, at every 'data'; nothing is lost and the
 * order is kept.
 */
@Timeout(120)
class StreamMemoryBoundTest {
  static final int CHUNK = 16 * 1024;
  static final long TOTAL = 1L << 30;

  @Test
  void oneGibThroughATransformIntoASlowWritableStaysWithinTheHighWaterMarks() {
    long chunks = TOTAL / CHUNK;
    long[] produced = {0};
    long[] received = {0};
    long[] bytes = {0};
    long[] maxHeld = {0};
    long[] checks = {0};
    long[] bound = {0};
    String[] failure = {null};
    EventLoop.run(() -> {
      Readable<Buffer> source = new Readable<>(new ReadableOptions<Buffer>()
          .read((self, size) -> {
            if (produced[0] == chunks) {
              self.push(null);
              return;
            }
            Buffer chunk = Buffer.allocUnsafe(CHUNK);
            chunk.writeInt32BE((int) produced[0], 0);
            chunk.fill((byte) (produced[0] & 0x7f), 4);
            produced[0]++;
            self.push(chunk);
          }));
      Transform<Buffer, Buffer> invert = new Transform<>(new DuplexOptions<Buffer, Buffer>()
          .transform((chunk, enc, cb) -> {
            // A real transformation: a new buffer with every payload byte inverted.
            Buffer out = Buffer.allocUnsafe(chunk.length());
            chunk.copy(out, 0, 0, 4);
            for (int i = 4; i < chunk.length(); i++) {
              out.set(i, ~chunk.get(i) & 0xff);
            }
            cb.done(null, out);
          }));
      Writable<Buffer> slow = new Writable<>(new WritableOptions<Buffer>()
          .write((chunk, enc, cb) -> {
            int index = chunk.readInt32BE(0);
            int expected = ~(int) (received[0] & 0x7f) & 0xff;
            if (index != received[0] || chunk.get(CHUNK - 1) != expected
                || chunk.length() != CHUNK) {
              failure[0] = "chunk " + received[0] + " arrived as " + index;
            }
            received[0]++;
            bytes[0] += chunk.length();
            setImmediate(cb::done);
          }));
      bound[0] = source.readableHighWaterMark() + invert.writableHighWaterMark()
          + invert.readableHighWaterMark() + slow.writableHighWaterMark() + CHUNK;
      Runnable check = () -> {
        long held = source.readableLength() + invert.writableLength()
            + invert.readableLength() + slow.writableLength();
        maxHeld[0] = Math.max(maxHeld[0], held);
        checks[0]++;
        if (held > bound[0] && failure[0] == null) {
          failure[0] = "held " + held + " bytes > bound " + bound[0] + " at chunk " + checks[0];
        }
      };
      source.on("data", (Buffer c) -> check.run());
      invert.on("data", (Buffer c) -> check.run());
      Stream.pipeline(source, invert, slow, err -> {
        if (err != null) {
          failure[0] = "pipeline failed: " + err;
        }
      });
    });
    assertEquals(null, failure[0]);
    assertEquals(chunks, received[0]);
    assertEquals(TOTAL, bytes[0]);
    assertEquals(2 * chunks, checks[0]);
    assertTrue(maxHeld[0] <= bound[0], "max held " + maxHeld[0]);
  }
}
