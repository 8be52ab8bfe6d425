package dev.weir.stream;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import java.util.List;

/** Small stream fixtures shared by the readable-side, pipe, pipeline and finished tests. */
final class Fixtures {
  private Fixtures() {}

  /** A byte readable whose {@code _read} does nothing: the test pushes by hand. */
  static Readable<Buffer> readable() {
    return new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
  }

  /** A byte readable with {@code highWaterMark} whose {@code _read} does nothing. */
  static Readable<Buffer> readable(int highWaterMark) {
    return new Readable<>(new ReadableOptions<Buffer>().highWaterMark(highWaterMark)
        .read((s, n) -> {}));
  }

  /** An object-mode readable whose {@code _read} does nothing. */
  static Readable<Object> objects() {
    return new Readable<>(new ReadableOptions<Object>().objectMode(true).read((s, n) -> {}));
  }

  /** A byte writable that records each chunk as a string and calls back synchronously. */
  static Writable<Buffer> sink(List<String> into) {
    return new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      into.add(c.toString());
      cb.done();
    }));
  }

  /** An object-mode writable that records each chunk and calls back synchronously. */
  static Writable<Object> objectSink(List<Object> into) {
    return new Writable<>(new WritableOptions<Object>().objectMode(true).write((c, e, cb) -> {
      into.add(c);
      cb.done();
    }));
  }

  /** A chunk as text: a Buffer decoded as UTF-8, a String as is. */
  static String str(Object chunk) {
    return chunk == null ? null : chunk.toString();
  }

  /** The Node code of an error, or {@code "undefined"} for a plain exception. */
  static String code(Throwable t) {
    return t instanceof WeirException ? ((WeirException) t).code() : "undefined";
  }
}
