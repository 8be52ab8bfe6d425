package dev.weir.stream;

import static dev.weir.errors.ErrorCode.ERR_STREAM_NULL_VALUES;

import java.util.Iterator;

/** The stream behind {@link Readable#from}: Node's {@code lib/internal/streams/from.js}. */
final class FromIterator<T> extends Readable<T> {
  private final Iterator<? extends T> iterator;
  private final AutoCloseable resource;
  private boolean reading;

  private FromIterator(Iterator<? extends T> iterator, AutoCloseable resource,
      ReadableOptions<T> options) {
    super(options);
    this.iterator = iterator;
    this.resource = resource;
  }

  static <T> Readable<T> create(Iterator<? extends T> iterator, AutoCloseable resource) {
    return new FromIterator<>(iterator, resource,
        new ReadableOptions<T>().objectMode(true).highWaterMark(1));
  }

  static <T> Readable<T> create(Iterator<? extends T> iterator, AutoCloseable resource,
      ReadableOptions<T> options) {
    if (options.highWaterMark == null) {
      options.highWaterMark(1);
    }
    if (!options.objectModeSet && options.encoding == null) {
      options.objectMode(true);
    }
    return new FromIterator<>(iterator, resource, options);
  }

  @Override
  protected void _read(int size) {
    if (reading) {
      return;
    }
    reading = true;
    // Node: from.js nextSyncWithSyncValues() catches what the iterator throws and destroys the
    // readable itself, whatever autoDestroy says.
    try {
      while (true) {
        if (!iterator.hasNext()) {
          push(null);
          return;
        }
        T value = iterator.next();
        if (value == null) {
          reading = false;
          throw ERR_STREAM_NULL_VALUES.error();
        }
        if (!push(value)) {
          reading = false;
          return;
        }
      }
    } catch (Exception err) {
      destroy(err);
    }
  }

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    Throwable result = err;
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception closeError) {
        if (result == null) {
          result = closeError;
        }
      }
    }
    // Node closes the iterator in an async function and calls back on a later tick.
    Throwable outcome = result;
    loop().queueMicrotask(() -> loop().nextTick(() -> callback.done(outcome)));
  }
}
