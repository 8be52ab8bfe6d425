package dev.weir.samples.slowclient;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import java.nio.charset.StandardCharsets;

/**
 * An endless generated payload that produces data as fast as it is asked for: each
 * {@code _read} pushes one fresh chunk on the next turn of the loop (like a file read that
 * completes at once), so a consumer that never says stop gets a new chunk every turn. Every
 * chunk is newly allocated, as a real read would be, so what piles up is real heap.
 */
final class PayloadSource extends Readable<Buffer> {
  private final byte[] pattern;
  private boolean scheduled;

  PayloadSource(int chunkSize, int highWaterMark) {
    super(new ReadableOptions<Buffer>().highWaterMark(highWaterMark));
    this.pattern = pattern(chunkSize);
  }

  static byte[] pattern(int size) {
    byte[] line = "Weir slow-client demo payload: the server makes data faster than you read.\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = line[i % line.length];
    }
    return out;
  }

  @Override
  protected void _read(int size) {
    if (!scheduled) {
      scheduled = true;
      loop().setImmediate(this::produce);
    }
  }

  private void produce() {
    scheduled = false;
    if (destroyed()) {
      return;
    }
    Buffer chunk = Buffer.allocUnsafe(pattern.length);
    System.arraycopy(pattern, 0, chunk.array(), chunk.byteOffset(), pattern.length);
    push(chunk);
  }
}
