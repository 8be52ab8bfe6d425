package dev.weir.stream;

import dev.weir.buffer.StringDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable side's state; field names follow Node's {@code lib/internal/streams/readable.js}.
 * The algorithm lives in {@link Readable}.
 */
final class ReadableState {
  /** Node's {@code objectMode}. */
  final boolean objectMode;
  /** Node's {@code highWaterMark}; grows when {@code read(n)} asks for more. */
  int highWaterMark;
  /** Node's {@code buffer}: chunks (Buffers, Strings after setEncoding, or objects). */
  final ArrayDeque<Object> buffer = new ArrayDeque<>();
  /** Node's {@code length}: bytes, characters (with a decoder) or objects buffered. */
  long length;
  /** Node's {@code pipes}. */
  List<WritableStream<?>> pipes = new ArrayList<>(1);
  /** Node's {@code flowing}: null (no mechanism yet), TRUE or FALSE. */
  Boolean flowing;
  /** Node's {@code ended}: {@code push(null)} was called. */
  boolean ended;
  /** Node's {@code endEmitted}. */
  boolean endEmitted;
  /** Node's {@code reading}: a {@code _read} is outstanding. */
  boolean reading;
  /** Node's {@code sync}: inside {@code _read}; starts true so the first read is never sync. */
  boolean sync = true;
  /** Node's {@code needReadable}. */
  boolean needReadable;
  /** Node's {@code emittedReadable}. */
  boolean emittedReadable;
  /**
   * Node's {@code kDataListening}: set by adding a 'data' listener, cleared only when
   * {@code removeListener} removes the last one (not by {@code removeAllListeners}).
   */
  boolean dataListening;
  /** Node's {@code readableListening}. */
  boolean readableListening;
  /** Node's {@code resumeScheduled}. */
  boolean resumeScheduled;
  /** Node's {@code kPaused}: null until pause()/resume() is called. */
  Boolean paused;
  /** Node's {@code readable}: false for a Duplex created with {@code readable: false}. */
  boolean readable = true;
  /** Node's {@code defaultEncoding}. */
  String defaultEncoding = "utf8";
  /** Node's {@code awaitDrainWriters}: null, one writable, or a set of them. */
  Object awaitDrainWriters;
  /** Node's {@code multiAwaitDrain}: awaitDrainWriters is a set. */
  boolean multiAwaitDrain;
  /** Node's {@code readingMore}. */
  boolean readingMore;
  /** Node's {@code dataEmitted}. */
  boolean dataEmitted;
  /** Node's {@code decoder}. */
  StringDecoder decoder;
  /** Node's {@code encoding}. */
  String encoding;

  ReadableState(ReadableOptions<?> opts) {
    this.objectMode = opts.objectMode;
    this.highWaterMark = opts.highWaterMark != null ? opts.highWaterMark
        : objectMode ? ReadableOptions.DEFAULT_OBJECT_HIGH_WATER_MARK
        : ReadableOptions.DEFAULT_HIGH_WATER_MARK;
    if (opts.encoding != null) {
      this.decoder = new StringDecoder(opts.encoding);
      this.encoding = decoder.encoding();
    }
  }

  void clearAwaitDrain() {
    if (multiAwaitDrain) {
      ((java.util.Set<?>) awaitDrainWriters).clear();
    } else {
      awaitDrainWriters = null;
    }
  }
}
