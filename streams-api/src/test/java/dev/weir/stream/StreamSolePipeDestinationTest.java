package dev.weir.stream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener1;
import dev.weir.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Readable#solePipeDestination()}: the destination only while one pipe is all that
 * consumes the stream, flowing with nothing buffered (what the socket and file fast paths use).
 */
class StreamSolePipeDestinationTest {

  /** A source that never produces by itself, so its state only changes when the test says. */
  static final class Source extends Readable<Buffer> {
    Source() {
      super(new ReadableOptions<Buffer>());
    }

    @Override
    protected void _read(int size) {}

    WritableStream<?> sole() {
      return solePipeDestination();
    }
  }

  static Writable<Buffer> sink() {
    return new Writable<>(new WritableOptions<Buffer>()
        .write((chunk, encoding, callback) -> callback.done(null)));
  }

  @Test
  void onlyWhileOnePipeIsTheWholeConsumer() {
    List<Object> seen = new ArrayList<>();
    EventLoop.run(() -> {
      Source src = new Source();
      seen.add(src.sole()); // no pipe
      Writable<Buffer> a = src.pipe(sink());
      seen.add(src.sole()); // a: pipe() made it flowing at once, as Node
      EventLoop.current().setImmediate(() -> {
        seen.add(src.sole()); // a
        Listener1<Buffer> extra = b -> { };
        src.on("data", extra);
        seen.add(src.sole()); // a second consumer
        src.removeListener("data", extra);
        seen.add(src.sole()); // a again
        src.pause();
        seen.add(src.sole()); // paused
        src.resume();
        EventLoop.current().setImmediate(() -> {
          seen.add(src.sole()); // a
          Writable<Buffer> b = src.pipe(sink());
          seen.add(src.sole()); // two pipes
          src.unpipe(b);
          seen.add(src.sole()); // a
          seen.add(a);
          src.destroy();
        });
      });
    });
    Object a = seen.get(seen.size() - 1);
    assertNull(seen.get(0));
    assertSame(a, seen.get(1));
    assertSame(a, seen.get(2));
    assertNull(seen.get(3));
    assertSame(a, seen.get(4));
    assertNull(seen.get(5));
    assertSame(a, seen.get(6));
    assertNull(seen.get(7));
    assertSame(a, seen.get(8));
  }
}
