package dev.weir.samples.examples;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;

/**
 * The Counter of the Node docs, a Readable subclass that implements {@code _read()}; port of
 * {@code examples/counter.js}.
 */
public final class Counter extends Readable<Buffer> {
  private int _max;
  private int _index;

  Counter() {
    this(new ReadableOptions<>());
  }

  Counter(ReadableOptions<Buffer> opt) {
    super(opt);
    this._max = 5;
    this._index = 1;
  }

  @Override
  protected void _read(int size) {
    var i = this._index++;
    if (i > this._max)
      this.push(null);
    else {
      var str = String.valueOf(i);
      var buf = Buffer.from(str, "ascii");
      this.push(buf);
    }
  }

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var counter = new Counter();
      counter.on("data", (Buffer chunk) -> System.out.println("data: " + chunk + " ("
          + chunk.length() + " byte)"));
      counter.on("end", () -> System.out.println("end"));
    });
  }
}
