package dev.weir.stream;

/** One buffered write handed to {@code _writev}: Node's {@code {chunk, encoding}}. */
public interface WritableChunk<T> {
  /** The chunk as written. */
  T chunk();

  /** Its encoding: {@code "buffer"} for buffers, the string's encoding when not decoded. */
  String encoding();
}
