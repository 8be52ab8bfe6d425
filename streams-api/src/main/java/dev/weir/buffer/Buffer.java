package dev.weir.buffer;

import static dev.weir.buffer.BufferNumbers.K_MAX_LENGTH;
import static dev.weir.buffer.BufferNumbers.MAX_SAFE_INTEGER;
import static dev.weir.buffer.BufferNumbers.checkByteLength;
import static dev.weir.buffer.BufferNumbers.checkInt;
import static dev.weir.buffer.BufferNumbers.checkOffset;
import static dev.weir.buffer.BufferNumbers.checkUInt;
import static dev.weir.buffer.BufferNumbers.readBE;
import static dev.weir.buffer.BufferNumbers.readLE;
import static dev.weir.buffer.BufferNumbers.signed;
import static dev.weir.buffer.BufferNumbers.writeBE;
import static dev.weir.buffer.BufferNumbers.writeLE;
import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed-length run of bytes; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/buffer.html#class-buffer">Buffer</a>.
 * A buffer is a window ({@link #byteOffset()}, {@link #length()}) on a {@code byte[]};
 * {@link #subarray} and {@link #slice} share that memory as in Node, so a write through one view
 * is seen by the others. Strings are converted with the
 * <a href="https://nodejs.org/docs/latest-v20.x/api/buffer.html#buffers-and-character-encodings">encodings</a>
 * {@code utf8} ({@code utf-8}), {@code utf16le} ({@code utf-16le}, {@code ucs2}, {@code ucs-2}),
 * {@code latin1} ({@code binary}), {@code ascii}, {@code base64}, {@code base64url} and
 * {@code hex}, named case-insensitively; a {@code null} encoding means UTF-8 and an unknown one
 * throws {@code ERR_UNKNOWN_ENCODING}. Malformed input gives Node's results byte for byte
 * (U+FFFD per WHATWG maximal subpart, lone surrogates as {@code EF BF BD}, hex up to the first
 * bad pair, lenient base64).
 *
 * <p>Buffers are plain data: not confined to an event loop, and not thread-safe.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Not a {@code Uint8Array}: there is no indexing operator; {@code buf[i]} is
 *       {@link #get(int)} (0..255) and {@code buf[i] = v} is {@link #set(int, int)} (stores
 *       {@code v & 0xFF} as Node does). Out-of-range indexes throw {@code ERR_OUT_OF_RANGE}
 *       where Node reads {@code undefined} or ignores the write.</li>
 *   <li>Offsets are {@code int}s and required: {@code buf.readUInt32BE()} ports as
 *       {@code buf.readUInt32BE(0)}. Fractional offsets cannot happen.</li>
 *   <li>{@code readUInt32BE/LE} return {@code long}; the 64-bit reads return {@code long} instead
 *       of {@code BigInt}: {@code readBigUInt64BE/LE} return the same 64 bits, to be read with
 *       {@link Long#toUnsignedString(long)}; {@code writeBigUInt64BE/LE} take the bit pattern.
 *       The variable-width {@code readUIntBE/LE} and {@code readIntBE/LE(offset, byteLength)}
 *       return {@code long}; {@code readFloatBE/LE} return the float widened to {@code double}, the
 *       type of Node's number, so {@code buf.readFloatLE(0) * 3} computes as in Node.</li>
 *   <li>{@link #allocUnsafe(int)} and {@link #allocUnsafeSlow(int)} are zero-filled (the JVM
 *       has no uninitialized memory).</li>
 *   <li>{@link #copyBytesFrom(byte[], int, int)} takes a {@code byte[]}, Java's
 *       {@code Uint8Array}; Node's other typed arrays have no Java array whose memory it could
 *       copy.</li>
 *   <li>{@link #wrap(byte[], int, int)} (no copy), {@link #array()}, {@link #byteOffset()} and
 *       {@link #asByteBuffer()} are Weir extras for zero-copy interop; they expose the backing
 *       memory, so writes through them are seen by the buffer and vice versa.</li>
 *   <li>{@link #equals(Object)} and {@link #hashCode()} compare contents (Node's
 *       {@code buf.equals}); a buffer mutated while used as a hash key is lost, as with any
 *       mutable key. Where Node throws {@code ERR_INVALID_ARG_TYPE} for a non-buffer
 *       {@code otherBuffer} (null included), {@code equals} returns false, as
 *       {@link Object#equals} must. {@link #compareTo} is Node's {@code buf.compare(target)}.</li>
 *   <li>{@code Buffer.byteLength} of a base64 or hex string is Node's estimate from the string's
 *       length (e.g. whitespace counts), and, as in Node, an unknown encoding falls back to UTF-8
 *       there instead of throwing.</li>
 *   <li>Like Node, {@code toString(enc, start, end)} returns {@code ""} for an empty range
 *       before looking at {@code enc}, so an unknown encoding only throws on a non-empty
 *       range.</li>
 *   <li>{@link #toJSON()} returns a {@code Map} (see there); {@code Buffer.from} does not take
 *       it back.</li>
 *   <li>{@link #inspect()} always stops after 50 bytes: Node's assignable
 *       {@code buffer.INSPECT_MAX_BYTES} has no counterpart.</li>
 *   <li>Not provided: {@code keys()}, {@code values()}, {@code entries()} and {@code for...of}
 *       (loop over {@link #get(int)}), the other inherited {@code Uint8Array} methods
 *       ({@code at}, {@code set(array, offset)}, {@code reverse}, {@code copyWithin}, ...),
 *       {@code Buffer.poolSize} and the deprecated {@code parent} and {@code offset}.</li>
 *   <li>Not yet: the {@code encoding} argument of {@code indexOf}/{@code lastIndexOf} for a
 *       buffer value.</li>
 * </ul>
 */
public final class Buffer implements Comparable<Buffer> {
  private static final Buffer EMPTY = new Buffer(new byte[0], 0, 0);
  private static final String BUFFER_OR_UINT8ARRAY = "an instance of Buffer or Uint8Array";
  private static final String STRING_OR_BUFFER =
      "of type string or an instance of Buffer or ArrayBuffer";
  /** Node's default {@code buffer.INSPECT_MAX_BYTES}. */
  private static final int INSPECT_MAX_BYTES = 50;

  private final byte[] array;
  private final int offset;
  private final int length;

  private Buffer(byte[] array, int offset, int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  // ---------------------------------------------------------------------------------------------
  // Creation

  /** Node's {@code Buffer.alloc(size)}: {@code size} zero bytes; {@code ERR_OUT_OF_RANGE} if < 0. */
  public static Buffer alloc(int size) {
    checkSize(size);
    return size == 0 ? new Buffer(EMPTY.array, 0, 0) : new Buffer(new byte[size], 0, size);
  }

  /** Node's {@code Buffer.alloc(size, fill)} with a byte value ({@code fill & 0xFF}). */
  public static Buffer alloc(int size, int fill) {
    return alloc(size).fill(fill);
  }

  /**
   * Node's {@code Buffer.alloc(size, fill)}: the UTF-8 bytes of {@code fill} repeated; an empty
   * string fills with zeros.
   */
  public static Buffer alloc(int size, String fill) {
    return alloc(size, fill, null);
  }

  /**
   * Node's {@code Buffer.alloc(size, fill, encoding)}; {@code ERR_INVALID_ARG_VALUE} when
   * {@code fill} encodes to no bytes (e.g. invalid hex) and {@code size > 0}.
   */
  public static Buffer alloc(int size, String fill, String encoding) {
    Buffer buf = alloc(size);
    return size == 0 ? buf : buf.fill(fill, 0, size, encoding);
  }

  /** Node's {@code Buffer.alloc(size, fill)} with a buffer pattern. */
  public static Buffer alloc(int size, Buffer fill) {
    Buffer buf = alloc(size);
    return size == 0 ? buf : buf.fill(fill, 0, size);
  }

  /** Node's {@code Buffer.allocUnsafe(size)}; zero-filled in Weir. */
  public static Buffer allocUnsafe(int size) {
    return alloc(size);
  }

  /** Node's {@code Buffer.allocUnsafeSlow(size)}; zero-filled, and Weir has no pool to avoid. */
  public static Buffer allocUnsafeSlow(int size) {
    return alloc(size);
  }

  /** Node's {@code Buffer.from(string)}: the UTF-8 bytes of {@code string}. */
  public static Buffer from(String string) {
    requireArg(string, "string", "of type string");
    byte[] bytes = Utf8.encode(string);
    return new Buffer(bytes, 0, bytes.length);
  }

  /** Node's {@code Buffer.from(string, encoding)}; {@code null} or {@code ""} mean UTF-8. */
  public static Buffer from(String string, String encoding) {
    requireArg(string, "string", "of type string");
    Encoding enc = Encoding.orUtf8(encoding);
    if (enc == Encoding.BASE64 || enc == Encoding.BASE64URL) {
      // Decode into a worst-case array and keep it: the view hides the slack, no second copy.
      byte[] out = new byte[Base64Codec.maxDecodedLength(string)];
      return new Buffer(out, 0, Base64Codec.decode(string, out, 0, out.length));
    }
    byte[] bytes = enc.encode(string);
    return new Buffer(bytes, 0, bytes.length);
  }

  /** Node's {@code Buffer.from(array)}: a copy of {@code bytes}. */
  public static Buffer from(byte[] bytes) {
    requireArg(bytes, "array", "an instance of byte[]");
    return new Buffer(bytes.clone(), 0, bytes.length);
  }

  /** Node's {@code Buffer.from(buffer)}: a copy of {@code buffer}'s bytes. */
  public static Buffer from(Buffer buffer) {
    requireArg(buffer, "buffer", "an instance of Buffer");
    return new Buffer(buffer.toByteArray(), 0, buffer.length);
  }

  /** Node's {@code Buffer.copyBytesFrom(view)} for a {@code Uint8Array}: a copy of the bytes. */
  public static Buffer copyBytesFrom(byte[] view) {
    requireArg(view, "view", "an instance of TypedArray");
    return copyBytesFrom(view, 0, view.length);
  }

  /** Node's {@code Buffer.copyBytesFrom(view, offset)}: a copy of {@code view[offset..]}. */
  public static Buffer copyBytesFrom(byte[] view, int offset) {
    requireArg(view, "view", "an instance of TypedArray");
    return copyBytesFrom(view, offset, view.length - offset);
  }

  /**
   * Node's {@code Buffer.copyBytesFrom(view, offset, length)} for a {@code Uint8Array} (a
   * {@code byte[]} here): a new buffer with a copy of up to {@code length} bytes from
   * {@code offset}. {@code ERR_OUT_OF_RANGE} for a negative {@code offset}, then, unless
   * {@code offset} is at or past the end (an empty buffer), for a negative {@code length}; a
   * {@code length} past the end is clamped.
   */
  public static Buffer copyBytesFrom(byte[] view, int offset, int length) {
    requireArg(view, "view", "an instance of TypedArray");
    checkOffset("offset", offset, MAX_SAFE_INTEGER);
    if (offset >= view.length) {
      return alloc(0);
    }
    checkOffset("length", length, MAX_SAFE_INTEGER);
    int n = Math.min(length, view.length - offset);
    return new Buffer(Arrays.copyOfRange(view, offset, offset + n), 0, n);
  }

  /**
   * A buffer over {@code bytes} itself, without copying (Weir extra, like Node's
   * {@code Buffer.from(arrayBuffer)}): changes to the array show in the buffer and vice versa.
   */
  public static Buffer wrap(byte[] bytes) {
    requireArg(bytes, "array", "an instance of byte[]");
    return new Buffer(bytes, 0, bytes.length);
  }

  /**
   * A buffer over {@code bytes[off..off+len)} without copying (Weir extra, like Node's
   * {@code Buffer.from(arrayBuffer, byteOffset, length)}); {@code ERR_OUT_OF_RANGE} if the range
   * does not fit in the array.
   */
  public static Buffer wrap(byte[] bytes, int off, int len) {
    requireArg(bytes, "array", "an instance of byte[]");
    if (off < 0 || off > bytes.length) {
      throw ERR_OUT_OF_RANGE.error("offset", ">= 0 and <= " + bytes.length, off);
    }
    if (len < 0 || len > bytes.length - off) {
      throw ERR_OUT_OF_RANGE.error("length", ">= 0 and <= " + (bytes.length - off), len);
    }
    return new Buffer(bytes, off, len);
  }

  /** Node's {@code Buffer.concat(list)}: one new buffer holding all of {@code list}'s bytes. */
  public static Buffer concat(List<Buffer> list) {
    requireArg(list, "list", "an instance of List");
    long total = 0;
    for (int i = 0; i < list.size(); i++) {
      total += element(list, i).length;
    }
    if (total > Integer.MAX_VALUE) {
      throw ERR_OUT_OF_RANGE.error("totalLength", "<= " + Integer.MAX_VALUE, total);
    }
    return concat(list, (int) total);
  }

  /**
   * Node's {@code Buffer.concat(list, totalLength)}: the result is {@code totalLength} long,
   * truncated or zero-padded; an empty list gives an empty buffer whatever the length.
   */
  public static Buffer concat(List<Buffer> list, int totalLength) {
    requireArg(list, "list", "an instance of List");
    if (list.isEmpty()) {
      return alloc(0);
    }
    if (totalLength < 0) {
      throw ERR_OUT_OF_RANGE.error("length", ">= 0 && <= " + Integer.MAX_VALUE, totalLength);
    }
    byte[] out = new byte[totalLength];
    int pos = 0;
    for (int i = 0; i < list.size() && pos < totalLength; i++) {
      Buffer b = element(list, i);
      int n = Math.min(b.length, totalLength - pos);
      System.arraycopy(b.array, b.offset, out, pos, n);
      pos += n;
    }
    return new Buffer(out, 0, totalLength);
  }

  /** Node's {@code Buffer.byteLength(string)}: its length in UTF-8. */
  public static int byteLength(String string) {
    requireArg(string, "string", STRING_OR_BUFFER);
    return Utf8.length(string);
  }

  /**
   * Node's {@code Buffer.byteLength(string, encoding)}; estimates for base64 and hex, and UTF-8
   * for an unknown encoding, exactly as Node does.
   */
  public static int byteLength(String string, String encoding) {
    requireArg(string, "string", STRING_OR_BUFFER);
    Encoding enc = Encoding.lookup(encoding);
    return (enc == null ? Encoding.UTF8 : enc).byteLength(string);
  }

  /** Node's {@code Buffer.byteLength(buffer)}: {@code buffer.length()}. */
  public static int byteLength(Buffer buffer) {
    requireArg(buffer, "string", STRING_OR_BUFFER);
    return buffer.length;
  }

  /**
   * Node's {@code Buffer.byteLength(buffer, encoding)}: {@code buffer.length()}; Node ignores
   * {@code encoding} for a buffer without checking it.
   */
  public static int byteLength(Buffer buffer, String encoding) {
    return byteLength(buffer);
  }

  /** Node's {@code Buffer.isBuffer(obj)}. */
  public static boolean isBuffer(Object obj) {
    return obj instanceof Buffer;
  }

  /** Node's {@code Buffer.isEncoding(encoding)}: case-insensitive; false for null and "". */
  public static boolean isEncoding(String encoding) {
    return Encoding.lookup(encoding) != null;
  }

  /** Node's {@code Buffer.compare(a, b)}: -1, 0 or 1 by unsigned bytes, then by length. */
  public static int compare(Buffer a, Buffer b) {
    requireArg(a, "buf1", BUFFER_OR_UINT8ARRAY);
    requireArg(b, "buf2", BUFFER_OR_UINT8ARRAY);
    return a.compareRange(0, a.length, b, 0, b.length);
  }

  // ---------------------------------------------------------------------------------------------
  // Views, bytes and copies

  /** Node's {@code buf.length}. */
  public int length() {
    return length;
  }

  /** Node's {@code buf[index]}: the byte as 0..255; {@code ERR_OUT_OF_RANGE} outside. */
  public int get(int index) {
    checkIndex(index);
    return array[offset + index] & 0xFF;
  }

  /** Node's {@code buf[index] = value}: stores {@code value & 0xFF}; {@code ERR_OUT_OF_RANGE}. */
  public void set(int index, int value) {
    checkIndex(index);
    array[offset + index] = (byte) value;
  }

  /** Node's {@code buf.subarray(start)}: a view from {@code start} (negative: from the end). */
  public Buffer subarray(int start) {
    return subarray(start, length);
  }

  /**
   * Node's {@code buf.subarray(start, end)}: a view sharing this buffer's memory; negative
   * indexes count from the end, both are clamped to {@code [0, length]}, and {@code end <= start}
   * gives an empty view.
   */
  public Buffer subarray(int start, int end) {
    int s = clampIndex(start);
    int e = clampIndex(end);
    return new Buffer(array, offset + s, Math.max(0, e - s));
  }

  /** Node's {@code buf.slice(start)}: the same as {@link #subarray(int)} (shares memory). */
  public Buffer slice(int start) {
    return subarray(start, length);
  }

  /** Node's {@code buf.slice(start, end)}: the same as {@link #subarray(int, int)}. */
  public Buffer slice(int start, int end) {
    return subarray(start, end);
  }

  /** Node's {@code buf.copy(target)}: copies into {@code target}; returns the bytes copied. */
  public int copy(Buffer target) {
    return copy(target, 0, 0, length);
  }

  /** Node's {@code buf.copy(target, targetStart)}. */
  public int copy(Buffer target, int targetStart) {
    return copy(target, targetStart, 0, length);
  }

  /** Node's {@code buf.copy(target, targetStart, sourceStart)}. */
  public int copy(Buffer target, int targetStart, int sourceStart) {
    return copy(target, targetStart, sourceStart, length);
  }

  /**
   * Node's {@code buf.copy(target, targetStart, sourceStart, sourceEnd)}: copies as much of
   * {@code [sourceStart, sourceEnd)} as fits at {@code targetStart}, overlapping ranges
   * included. {@code ERR_OUT_OF_RANGE} for a negative {@code targetStart} or {@code sourceEnd},
   * or a {@code sourceStart} outside {@code [0, length]}; a {@code sourceEnd} past the end is
   * clamped.
   *
   * @return the number of bytes copied
   */
  public int copy(Buffer target, int targetStart, int sourceStart, int sourceEnd) {
    requireArg(target, "target", BUFFER_OR_UINT8ARRAY);
    if (targetStart < 0) {
      throw ERR_OUT_OF_RANGE.error("targetStart", ">= 0", targetStart);
    }
    if (sourceStart < 0 || sourceStart > length) {
      throw ERR_OUT_OF_RANGE.error("sourceStart", ">= 0 && <= " + length, sourceStart);
    }
    if (sourceEnd < 0) {
      throw ERR_OUT_OF_RANGE.error("sourceEnd", ">= 0", sourceEnd);
    }
    int end = Math.min(sourceEnd, length);
    if (targetStart >= target.length || sourceStart >= end) {
      return 0;
    }
    int n = Math.min(end - sourceStart, target.length - targetStart);
    System.arraycopy(array, offset + sourceStart, target.array, target.offset + targetStart, n);
    return n;
  }

  /** A new {@code byte[]} with this buffer's bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  /**
   * The backing array, not a copy (Weir extra, like Node's {@code buf.buffer}): this buffer's
   * bytes are {@code array()[byteOffset() .. byteOffset() + length())}, and the array may hold
   * other buffers' bytes around them. Writes to it are writes to the buffer.
   */
  public byte[] array() {
    return array;
  }

  /** Node's {@code buf.byteOffset}: where this buffer starts in {@link #array()}. */
  public int byteOffset() {
    return offset;
  }

  /**
   * A {@link ByteBuffer} over this buffer's bytes without copying (Weir extra, for NIO): position
   * 0, limit and capacity {@link #length()}, big-endian; it shares memory with this buffer.
   */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(array, offset, length).slice();
  }

  /**
   * Node's {@code buf.toJSON()}, which {@code JSON.stringify(buf)} calls: an unmodifiable map of
   * {@code "type"} to {@code "Buffer"} and then {@code "data"} to the bytes as an unmodifiable
   * {@code List<Integer>} of 0..255, so a JSON library writes {@code {"type":"Buffer","data":[..]}}
   * as Node does. A snapshot: later writes to the buffer do not show in it.
   */
  public Map<String, Object> toJSON() {
    Integer[] data = new Integer[length];
    for (int i = 0; i < length; i++) {
      data[i] = array[offset + i] & 0xFF;
    }
    Map<String, Object> json = new LinkedHashMap<>(4);
    json.put("type", "Buffer");
    json.put("data", List.of(data));
    return Collections.unmodifiableMap(json);
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison and search

  /**
   * Node's {@code buf.equals(otherBuffer)}: whether {@code obj} is a buffer with the same bytes,
   * whatever the views' offsets; false (not Node's {@code ERR_INVALID_ARG_TYPE}) for null or a
   * non-buffer.
   */
  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    if (!(obj instanceof Buffer)) {
      return false;
    }
    Buffer o = (Buffer) obj;
    return Arrays.equals(array, offset, offset + length, o.array, o.offset, o.offset + o.length);
  }

  /** A hash of the contents, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    int h = 1;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + array[i];
    }
    return h;
  }

  /** Node's {@code buf.compare(target)}: -1, 0 or 1, as {@link #compare(Buffer, Buffer)}. */
  public int compare(Buffer target) {
    requireArg(target, "target", BUFFER_OR_UINT8ARRAY);
    return compareRange(0, length, target, 0, target.length);
  }

  /** Node's {@code buf.compare(target, targetStart)}: against {@code target[targetStart..]}. */
  public int compare(Buffer target, int targetStart) {
    requireArg(target, "target", BUFFER_OR_UINT8ARRAY);
    return compare(target, targetStart, target.length, 0, length);
  }

  /** Node's {@code buf.compare(target, targetStart, targetEnd)}. */
  public int compare(Buffer target, int targetStart, int targetEnd) {
    return compare(target, targetStart, targetEnd, 0, length);
  }

  /** Node's {@code buf.compare(target, targetStart, targetEnd, sourceStart)}. */
  public int compare(Buffer target, int targetStart, int targetEnd, int sourceStart) {
    return compare(target, targetStart, targetEnd, sourceStart, length);
  }

  /**
   * Node's {@code buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)}: compares
   * {@code this[sourceStart..sourceEnd)} with {@code target[targetStart..targetEnd)} as
   * {@link #compare(Buffer, Buffer)} does. {@code ERR_OUT_OF_RANGE}, checked in this order, for
   * a negative {@code targetStart}, a {@code targetEnd} outside {@code [0, target.length()]}, a
   * negative {@code sourceStart}, and a {@code sourceEnd} outside {@code [0, length()]}. A start
   * at or past its end (even past the buffer) is an empty range, not an error: an empty source
   * gives 0 against an empty target and -1 otherwise, and an empty target gives 1.
   */
  public int compare(Buffer target, int targetStart, int targetEnd, int sourceStart,
      int sourceEnd) {
    requireArg(target, "target", BUFFER_OR_UINT8ARRAY);
    checkOffset("targetStart", targetStart, K_MAX_LENGTH);
    checkOffset("targetEnd", targetEnd, target.length);
    checkOffset("sourceStart", sourceStart, K_MAX_LENGTH);
    checkOffset("sourceEnd", sourceEnd, length);
    if (sourceStart >= sourceEnd) {
      return targetStart >= targetEnd ? 0 : -1;
    }
    if (targetStart >= targetEnd) {
      return 1;
    }
    return compareRange(sourceStart, sourceEnd, target, targetStart, targetEnd);
  }

  /** The same as {@link #compare(Buffer)}; orders buffers as Node's {@code Buffer.compare}. */
  @Override
  public int compareTo(Buffer other) {
    return compare(this, other);
  }

  /** Node's {@code memcmp}-then-length order of two checked ranges, as -1, 0 or 1. */
  private int compareRange(int from, int to, Buffer target, int targetFrom, int targetTo) {
    return Integer.signum(Arrays.compareUnsigned(array, offset + from, offset + to,
        target.array, target.offset + targetFrom, target.offset + targetTo));
  }

  /** Node's {@code buf.indexOf(value)} for a byte value ({@code value & 0xFF}); -1 if absent. */
  public int indexOf(int value) {
    return indexOf(value, 0);
  }

  /**
   * Node's {@code buf.indexOf(value, byteOffset)} for a byte value; a negative offset counts from
   * the end.
   */
  public int indexOf(int value, int byteOffset) {
    return BufferSearch.indexOfByte(array, offset, length, value, byteOffset, true);
  }

  /** Node's {@code buf.indexOf(value)}: where the UTF-8 bytes of {@code value} first occur. */
  public int indexOf(String value) {
    return indexOf(value, 0, null);
  }

  /** Node's {@code buf.indexOf(value, byteOffset)} for a UTF-8 string. */
  public int indexOf(String value, int byteOffset) {
    return indexOf(value, byteOffset, null);
  }

  /** Node's {@code buf.indexOf(value, encoding)}. */
  public int indexOf(String value, String encoding) {
    return indexOf(value, 0, encoding);
  }

  /**
   * Node's {@code buf.indexOf(value, byteOffset, encoding)}: the first occurrence of the bytes of
   * {@code value} in {@code encoding} at or after {@code byteOffset}; an empty value is found at
   * the (clamped) offset. As in Node, {@code utf16le} only matches at even offsets.
   */
  public int indexOf(String value, int byteOffset, String encoding) {
    return search(value, byteOffset, encoding, true);
  }

  /** Node's {@code buf.indexOf(value)} for a buffer. */
  public int indexOf(Buffer value) {
    return indexOf(value, 0);
  }

  /** Node's {@code buf.indexOf(value, byteOffset)} for a buffer. */
  public int indexOf(Buffer value, int byteOffset) {
    return search(value, byteOffset, true);
  }

  /**
   * Node's {@code buf.lastIndexOf(value)} for a byte value ({@code value & 0xFF}): the last
   * occurrence, -1 if absent.
   */
  public int lastIndexOf(int value) {
    return lastIndexOf(value, length);
  }

  /**
   * Node's {@code buf.lastIndexOf(value, byteOffset)} for a byte value: the last occurrence at or
   * before {@code byteOffset}. Unlike {@code indexOf}, an offset past the end searches the whole
   * buffer and one before the start (below {@code -length}) finds nothing.
   */
  public int lastIndexOf(int value, int byteOffset) {
    return BufferSearch.indexOfByte(array, offset, length, value, byteOffset, false);
  }

  /** Node's {@code buf.lastIndexOf(value)}: where the UTF-8 bytes of {@code value} last occur. */
  public int lastIndexOf(String value) {
    return lastIndexOf(value, length, null);
  }

  /** Node's {@code buf.lastIndexOf(value, byteOffset)} for a UTF-8 string. */
  public int lastIndexOf(String value, int byteOffset) {
    return lastIndexOf(value, byteOffset, null);
  }

  /** Node's {@code buf.lastIndexOf(value, encoding)}. */
  public int lastIndexOf(String value, String encoding) {
    return lastIndexOf(value, length, encoding);
  }

  /**
   * Node's {@code buf.lastIndexOf(value, byteOffset, encoding)}: the last occurrence of the bytes
   * of {@code value} in {@code encoding} starting at or before {@code byteOffset} (offsets as in
   * {@link #lastIndexOf(int, int)}); an empty value is found at the offset clamped to
   * {@code [0, length]}. As in Node, {@code utf16le} only matches at even offsets.
   */
  public int lastIndexOf(String value, int byteOffset, String encoding) {
    return search(value, byteOffset, encoding, false);
  }

  /** Node's {@code buf.lastIndexOf(value)} for a buffer. */
  public int lastIndexOf(Buffer value) {
    return lastIndexOf(value, length);
  }

  /** Node's {@code buf.lastIndexOf(value, byteOffset)} for a buffer. */
  public int lastIndexOf(Buffer value, int byteOffset) {
    return search(value, byteOffset, false);
  }

  private int search(String value, int byteOffset, String encoding, boolean forward) {
    requireArg(value, "value", "one of type number or string or an instance of Buffer");
    Encoding enc = Encoding.require(encoding);
    byte[] needle = enc.encode(value);
    return BufferSearch.indexOf(array, offset, length, needle, 0, needle.length, byteOffset,
        enc == Encoding.UTF16LE, forward);
  }

  private int search(Buffer value, int byteOffset, boolean forward) {
    requireArg(value, "value", "one of type number or string or an instance of Buffer");
    return BufferSearch.indexOf(array, offset, length, value.array, value.offset, value.length,
        byteOffset, false, forward);
  }

  /** Node's {@code buf.includes(value)}: {@code indexOf(value) != -1}. */
  public boolean includes(int value) {
    return indexOf(value, 0) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)}. */
  public boolean includes(int value, int byteOffset) {
    return indexOf(value, byteOffset) != -1;
  }

  /** Node's {@code buf.includes(value)} for a UTF-8 string. */
  public boolean includes(String value) {
    return indexOf(value, 0, null) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)} for a UTF-8 string. */
  public boolean includes(String value, int byteOffset) {
    return indexOf(value, byteOffset, null) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset, encoding)}. */
  public boolean includes(String value, int byteOffset, String encoding) {
    return indexOf(value, byteOffset, encoding) != -1;
  }

  /** Node's {@code buf.includes(value)} for a buffer. */
  public boolean includes(Buffer value) {
    return indexOf(value, 0) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)} for a buffer. */
  public boolean includes(Buffer value, int byteOffset) {
    return indexOf(value, byteOffset) != -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** Node's {@code buf.toString()}: the bytes decoded as UTF-8 (malformed input as U+FFFD). */
  @Override
  public String toString() {
    return Utf8.decode(array, offset, length);
  }

  /** Node's {@code buf.toString(encoding)}; {@code null} means UTF-8. */
  public String toString(String encoding) {
    return toString(encoding, 0, length);
  }

  /**
   * Node's {@code buf.toString(encoding, start, end)}: {@code start} below 0 reads from 0,
   * {@code end} past the length reads to the end, and an empty range gives {@code ""}.
   */
  public String toString(String encoding, int start, int end) {
    int s = Math.max(start, 0);
    if (s >= length) {
      return "";
    }
    int e = Math.min(end, length);
    if (e <= s) {
      return "";
    }
    return Encoding.require(encoding).decode(array, offset + s, e - s);
  }

  /**
   * Node's {@code buf.inspect()}, the form {@code console.log(buf)} prints: {@code <Buffer 68 69>},
   * at most 50 bytes (Node's default {@code buffer.INSPECT_MAX_BYTES}) and then
   * {@code ... 3 more bytes}. {@link #toString()} decodes instead, as {@code String(buf)} does.
   */
  public String inspect() {
    int n = Math.min(length, INSPECT_MAX_BYTES);
    StringBuilder sb = new StringBuilder(32 + 3 * n).append("<Buffer ");
    for (int i = 0; i < n; i++) {
      int b = array[offset + i] & 0xFF;
      sb.append(i == 0 ? "" : " ")
          .append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    int more = length - n;
    if (more > 0) {
      sb.append(" ... ").append(more).append(more == 1 ? " more byte" : " more bytes");
    }
    return sb.append('>').toString();
  }

  /**
   * Node's {@code buf.write(string)}: writes the UTF-8 bytes of {@code string} at 0, never part
   * of a character.
   *
   * @return the number of bytes written
   */
  public int write(String string) {
    return write(string, 0, length, null);
  }

  /** Node's {@code buf.write(string, offset)}. */
  public int write(String string, int offset) {
    return write(string, offset, length - checkWriteOffset(offset), null);
  }

  /** Node's {@code buf.write(string, encoding)}. */
  public int write(String string, String encoding) {
    return write(string, 0, length, encoding);
  }

  /** Node's {@code buf.write(string, offset, encoding)}. */
  public int write(String string, int offset, String encoding) {
    return write(string, offset, length - checkWriteOffset(offset), encoding);
  }

  /** Node's {@code buf.write(string, offset, length)}. */
  public int write(String string, int offset, int length) {
    return write(string, offset, length, null);
  }

  /**
   * Node's {@code buf.write(string, offset, length, encoding)}: writes at most {@code length}
   * bytes at {@code offset}, only whole characters (UTF-8) or code units (UTF-16LE), hex up to
   * the first invalid pair. {@code ERR_OUT_OF_RANGE} when {@code offset} or {@code length} is
   * outside {@code [0, buf.length]}; a {@code length} past the end is clamped.
   *
   * @return the number of bytes written
   */
  public int write(String string, int offset, int length, String encoding) {
    requireArg(string, "argument", "of type string");
    checkWriteOffset(offset);
    if (length < 0 || length > this.length) {
      throw ERR_OUT_OF_RANGE.error("length", ">= 0 && <= " + this.length, length);
    }
    int max = Math.min(length, this.length - offset);
    return Encoding.orUtf8(encoding).write(string, array, this.offset + offset, max);
  }

  // ---------------------------------------------------------------------------------------------
  // Fill

  /** Node's {@code buf.fill(value)} with a byte value ({@code value & 0xFF}); returns this. */
  public Buffer fill(int value) {
    return fill(value, 0, length);
  }

  /** Node's {@code buf.fill(value, offset)} with a byte value. */
  public Buffer fill(int value, int offset) {
    return fill(value, offset, length);
  }

  /**
   * Node's {@code buf.fill(value, offset, end)}: {@code ERR_OUT_OF_RANGE} for a negative
   * {@code offset} or an {@code end} outside {@code [0, length]}; nothing happens when
   * {@code offset >= end}.
   */
  public Buffer fill(int value, int offset, int end) {
    if (checkFillRange(offset, end)) {
      Arrays.fill(array, this.offset + offset, this.offset + end, (byte) value);
    }
    return this;
  }

  /** Node's {@code buf.fill(string)}: the UTF-8 bytes repeated; {@code ""} fills zeros. */
  public Buffer fill(String value) {
    return fill(value, 0, length, null);
  }

  /** Node's {@code buf.fill(string, encoding)}. */
  public Buffer fill(String value, String encoding) {
    return fill(value, 0, length, encoding);
  }

  /** Node's {@code buf.fill(string, offset)}. */
  public Buffer fill(String value, int offset) {
    return fill(value, offset, length, null);
  }

  /** Node's {@code buf.fill(string, offset, encoding)}. */
  public Buffer fill(String value, int offset, String encoding) {
    return fill(value, offset, length, encoding);
  }

  /** Node's {@code buf.fill(string, offset, end)}. */
  public Buffer fill(String value, int offset, int end) {
    return fill(value, offset, end, null);
  }

  /**
   * Node's {@code buf.fill(string, offset, end, encoding)}: the encoded bytes repeated over
   * {@code [offset, end)}, the last repetition cut short; {@code ""} fills zeros;
   * {@code ERR_INVALID_ARG_VALUE} when a non-empty string encodes to nothing (invalid hex);
   * {@code ERR_UNKNOWN_ENCODING} for an unknown encoding.
   */
  public Buffer fill(String value, int offset, int end, String encoding) {
    requireArg(value, "value", "one of type string, Buffer, or number");
    Encoding enc = Encoding.orUtf8(encoding);
    if (value.isEmpty()) {
      return fill(0, offset, end);
    }
    if (!checkFillRange(offset, end)) {
      return this;
    }
    byte[] pattern = enc.encode(value);
    if (pattern.length == 0) {
      throw ERR_INVALID_ARG_VALUE.error("value", "is invalid", "'" + value + "'");
    }
    fillPattern(pattern, offset, end);
    return this;
  }

  /** Node's {@code buf.fill(buffer)}: {@code value}'s bytes repeated. */
  public Buffer fill(Buffer value) {
    return fill(value, 0, length);
  }

  /** Node's {@code buf.fill(buffer, offset)}. */
  public Buffer fill(Buffer value, int offset) {
    return fill(value, offset, length);
  }

  /** Node's {@code buf.fill(buffer, offset, end)}; {@code ERR_INVALID_ARG_VALUE} if empty. */
  public Buffer fill(Buffer value, int offset, int end) {
    requireArg(value, "value", "one of type string, Buffer, or number");
    if (!checkFillRange(offset, end)) {
      return this;
    }
    if (value.length == 0) {
      throw ERR_INVALID_ARG_VALUE.error("value", "is invalid", "<Buffer >");
    }
    fillPattern(value.toByteArray(), offset, end); // a copy: value may overlap this buffer
    return this;
  }

  private void fillPattern(byte[] pattern, int from, int to) {
    int pos = offset + from;
    int end = offset + to;
    int n = Math.min(pattern.length, end - pos);
    System.arraycopy(pattern, 0, array, pos, n);
    // Double the filled prefix each round: log(n) array copies.
    int filled = n;
    int start = pos;
    pos += n;
    while (pos < end) {
      int chunk = Math.min(filled, end - pos);
      System.arraycopy(array, start, array, pos, chunk);
      pos += chunk;
      filled += chunk;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers (Node: lib/internal/buffer.js; the codecs are in BufferNumbers)

  /** Node's {@code buf.readUInt8(offset)}. */
  public int readUInt8(int offset) {
    return array[at(offset, 1)] & 0xFF;
  }

  /** Node's {@code buf.readInt8(offset)}. */
  public int readInt8(int offset) {
    return array[at(offset, 1)];
  }

  /** Node's {@code buf.readUInt16BE(offset)}. */
  public int readUInt16BE(int offset) {
    return (int) read(offset, 2, true);
  }

  /** Node's {@code buf.readUInt16LE(offset)}. */
  public int readUInt16LE(int offset) {
    return (int) read(offset, 2, false);
  }

  /** Node's {@code buf.readInt16BE(offset)}. */
  public int readInt16BE(int offset) {
    return (short) read(offset, 2, true);
  }

  /** Node's {@code buf.readInt16LE(offset)}. */
  public int readInt16LE(int offset) {
    return (short) read(offset, 2, false);
  }

  /** Node's {@code buf.readUInt32BE(offset)}, as a {@code long} in {@code [0, 2^32)}. */
  public long readUInt32BE(int offset) {
    return read(offset, 4, true);
  }

  /** Node's {@code buf.readUInt32LE(offset)}, as a {@code long} in {@code [0, 2^32)}. */
  public long readUInt32LE(int offset) {
    return read(offset, 4, false);
  }

  /** Node's {@code buf.readInt32BE(offset)}. */
  public int readInt32BE(int offset) {
    return (int) read(offset, 4, true);
  }

  /** Node's {@code buf.readInt32LE(offset)}. */
  public int readInt32LE(int offset) {
    return (int) read(offset, 4, false);
  }

  /** Node's {@code buf.readBigInt64BE(offset)}, as a {@code long}. */
  public long readBigInt64BE(int offset) {
    return read(offset, 8, true);
  }

  /** Node's {@code buf.readBigInt64LE(offset)}, as a {@code long}. */
  public long readBigInt64LE(int offset) {
    return read(offset, 8, false);
  }

  /**
   * Node's {@code buf.readBigUInt64BE(offset)}: the 64 bits as a {@code long}; values of 2^63 and
   * more come out negative ({@link Long#toUnsignedString(long)} prints Node's value).
   */
  public long readBigUInt64BE(int offset) {
    return read(offset, 8, true);
  }

  /** Node's {@code buf.readBigUInt64LE(offset)}: the 64 bits as a {@code long}. */
  public long readBigUInt64LE(int offset) {
    return read(offset, 8, false);
  }

  /**
   * Node's {@code buf.readUIntBE(offset, byteLength)}: {@code byteLength} bytes (1 to 6) as an
   * unsigned number; {@code ERR_OUT_OF_RANGE} for another {@code byteLength}, checked first.
   */
  public long readUIntBE(int offset, int byteLength) {
    return read(offset, checkByteLength(byteLength), true);
  }

  /** Node's {@code buf.readUIntLE(offset, byteLength)}: 1 to 6 bytes, unsigned. */
  public long readUIntLE(int offset, int byteLength) {
    return read(offset, checkByteLength(byteLength), false);
  }

  /** Node's {@code buf.readIntBE(offset, byteLength)}: 1 to 6 bytes, two's complement. */
  public long readIntBE(int offset, int byteLength) {
    return signed(read(offset, checkByteLength(byteLength), true), byteLength);
  }

  /** Node's {@code buf.readIntLE(offset, byteLength)}: 1 to 6 bytes, two's complement. */
  public long readIntLE(int offset, int byteLength) {
    return signed(read(offset, checkByteLength(byteLength), false), byteLength);
  }

  /**
   * Node's {@code buf.readFloatBE(offset)}: a 32-bit IEEE 754 float, widened to the
   * {@code double} Node's number is, so arithmetic and printing go as in Node.
   */
  public double readFloatBE(int offset) {
    return Float.intBitsToFloat((int) read(offset, 4, true));
  }

  /** Node's {@code buf.readFloatLE(offset)}: a 32-bit float as a {@code double}. */
  public double readFloatLE(int offset) {
    return Float.intBitsToFloat((int) read(offset, 4, false));
  }

  /** Node's {@code buf.readDoubleBE(offset)}: a 64-bit IEEE 754 double. */
  public double readDoubleBE(int offset) {
    return Double.longBitsToDouble(read(offset, 8, true));
  }

  /** Node's {@code buf.readDoubleLE(offset)}: a 64-bit IEEE 754 double. */
  public double readDoubleLE(int offset) {
    return Double.longBitsToDouble(read(offset, 8, false));
  }

  /** Node's {@code buf.writeUInt8(value, offset)}: value in {@code [0, 255]}; returns offset + 1. */
  public int writeUInt8(int value, int offset) {
    return write(checkUInt(value, 1), offset, 1, true);
  }

  /** Node's {@code buf.writeInt8(value, offset)}: value in {@code [-128, 127]}. */
  public int writeInt8(int value, int offset) {
    return write(checkInt(value, 1), offset, 1, true);
  }

  /** Node's {@code buf.writeUInt16BE(value, offset)}: value in {@code [0, 65535]}. */
  public int writeUInt16BE(int value, int offset) {
    return write(checkUInt(value, 2), offset, 2, true);
  }

  /** Node's {@code buf.writeUInt16LE(value, offset)}: value in {@code [0, 65535]}. */
  public int writeUInt16LE(int value, int offset) {
    return write(checkUInt(value, 2), offset, 2, false);
  }

  /** Node's {@code buf.writeInt16BE(value, offset)}: value in {@code [-32768, 32767]}. */
  public int writeInt16BE(int value, int offset) {
    return write(checkInt(value, 2), offset, 2, true);
  }

  /** Node's {@code buf.writeInt16LE(value, offset)}: value in {@code [-32768, 32767]}. */
  public int writeInt16LE(int value, int offset) {
    return write(checkInt(value, 2), offset, 2, false);
  }

  /** Node's {@code buf.writeUInt32BE(value, offset)}: value in {@code [0, 2^32 - 1]}. */
  public int writeUInt32BE(long value, int offset) {
    return write(checkUInt(value, 4), offset, 4, true);
  }

  /** Node's {@code buf.writeUInt32LE(value, offset)}: value in {@code [0, 2^32 - 1]}. */
  public int writeUInt32LE(long value, int offset) {
    return write(checkUInt(value, 4), offset, 4, false);
  }

  /** Node's {@code buf.writeInt32BE(value, offset)}: value in {@code [-2^31, 2^31 - 1]}. */
  public int writeInt32BE(long value, int offset) {
    return write(checkInt(value, 4), offset, 4, true);
  }

  /** Node's {@code buf.writeInt32LE(value, offset)}: value in {@code [-2^31, 2^31 - 1]}. */
  public int writeInt32LE(long value, int offset) {
    return write(checkInt(value, 4), offset, 4, false);
  }

  /** Node's {@code buf.writeBigInt64BE(value, offset)}; returns offset + 8. */
  public int writeBigInt64BE(long value, int offset) {
    return write(value, offset, 8, true);
  }

  /** Node's {@code buf.writeBigInt64LE(value, offset)}; returns offset + 8. */
  public int writeBigInt64LE(long value, int offset) {
    return write(value, offset, 8, false);
  }

  /** Node's {@code buf.writeBigUInt64BE(value, offset)} with the 64 bits in a {@code long}. */
  public int writeBigUInt64BE(long value, int offset) {
    return write(value, offset, 8, true);
  }

  /** Node's {@code buf.writeBigUInt64LE(value, offset)} with the 64 bits in a {@code long}. */
  public int writeBigUInt64LE(long value, int offset) {
    return write(value, offset, 8, false);
  }

  /**
   * Node's {@code buf.writeUIntBE(value, offset, byteLength)}: {@code value} in
   * {@code [0, 2^(8 * byteLength))} as 1 to 6 bytes; {@code ERR_OUT_OF_RANGE} for another
   * {@code byteLength} (checked first, as in Node), then for the value, then for the offset.
   *
   * @return {@code offset + byteLength}
   */
  public int writeUIntBE(long value, int offset, int byteLength) {
    int n = checkByteLength(byteLength);
    return write(checkUInt(value, n), offset, n, true);
  }

  /** Node's {@code buf.writeUIntLE(value, offset, byteLength)}: 1 to 6 bytes, unsigned. */
  public int writeUIntLE(long value, int offset, int byteLength) {
    int n = checkByteLength(byteLength);
    return write(checkUInt(value, n), offset, n, false);
  }

  /**
   * Node's {@code buf.writeIntBE(value, offset, byteLength)}: {@code value} in
   * {@code [-2^(8 * byteLength - 1), 2^(8 * byteLength - 1))} as 1 to 6 bytes, two's complement.
   */
  public int writeIntBE(long value, int offset, int byteLength) {
    int n = checkByteLength(byteLength);
    return write(checkInt(value, n), offset, n, true);
  }

  /** Node's {@code buf.writeIntLE(value, offset, byteLength)}: 1 to 6 bytes, signed. */
  public int writeIntLE(long value, int offset, int byteLength) {
    int n = checkByteLength(byteLength);
    return write(checkInt(value, n), offset, n, false);
  }

  /**
   * Node's {@code buf.writeFloatBE(value, offset)}: {@code value} rounded to the nearest float as
   * a {@code Float32Array} stores it (too large: ±Infinity; no range check); returns offset + 4.
   */
  public int writeFloatBE(double value, int offset) {
    return write(Float.floatToRawIntBits((float) value), offset, 4, true);
  }

  /** Node's {@code buf.writeFloatLE(value, offset)}: as {@link #writeFloatBE}, little-endian. */
  public int writeFloatLE(double value, int offset) {
    return write(Float.floatToRawIntBits((float) value), offset, 4, false);
  }

  /** Node's {@code buf.writeDoubleBE(value, offset)}: the 64 bits of {@code value}; offset + 8. */
  public int writeDoubleBE(double value, int offset) {
    return write(Double.doubleToRawLongBits(value), offset, 8, true);
  }

  /** Node's {@code buf.writeDoubleLE(value, offset)}: the 64 bits of {@code value}; offset + 8. */
  public int writeDoubleLE(double value, int offset) {
    return write(Double.doubleToRawLongBits(value), offset, 8, false);
  }

  // Node's lower-case aliases (lib/buffer.js assigns the same functions to both names).

  /** Node's {@code buf.readUint8}, an alias of {@link #readUInt8}. */
  public int readUint8(int offset) { return readUInt8(offset); }

  /** Node's {@code buf.readUint16BE}, an alias of {@link #readUInt16BE}. */
  public int readUint16BE(int offset) { return readUInt16BE(offset); }

  /** Node's {@code buf.readUint16LE}, an alias of {@link #readUInt16LE}. */
  public int readUint16LE(int offset) { return readUInt16LE(offset); }

  /** Node's {@code buf.readUint32BE}, an alias of {@link #readUInt32BE}. */
  public long readUint32BE(int offset) { return readUInt32BE(offset); }

  /** Node's {@code buf.readUint32LE}, an alias of {@link #readUInt32LE}. */
  public long readUint32LE(int offset) { return readUInt32LE(offset); }

  /** Node's {@code buf.readUintBE}, an alias of {@link #readUIntBE}. */
  public long readUintBE(int offset, int byteLength) { return readUIntBE(offset, byteLength); }

  /** Node's {@code buf.readUintLE}, an alias of {@link #readUIntLE}. */
  public long readUintLE(int offset, int byteLength) { return readUIntLE(offset, byteLength); }

  /** Node's {@code buf.readBigUint64BE}, an alias of {@link #readBigUInt64BE}. */
  public long readBigUint64BE(int offset) { return readBigUInt64BE(offset); }

  /** Node's {@code buf.readBigUint64LE}, an alias of {@link #readBigUInt64LE}. */
  public long readBigUint64LE(int offset) { return readBigUInt64LE(offset); }

  /** Node's {@code buf.writeUint8}, an alias of {@link #writeUInt8}. */
  public int writeUint8(int value, int offset) { return writeUInt8(value, offset); }

  /** Node's {@code buf.writeUint16BE}, an alias of {@link #writeUInt16BE}. */
  public int writeUint16BE(int value, int offset) { return writeUInt16BE(value, offset); }

  /** Node's {@code buf.writeUint16LE}, an alias of {@link #writeUInt16LE}. */
  public int writeUint16LE(int value, int offset) { return writeUInt16LE(value, offset); }

  /** Node's {@code buf.writeUint32BE}, an alias of {@link #writeUInt32BE}. */
  public int writeUint32BE(long value, int offset) { return writeUInt32BE(value, offset); }

  /** Node's {@code buf.writeUint32LE}, an alias of {@link #writeUInt32LE}. */
  public int writeUint32LE(long value, int offset) { return writeUInt32LE(value, offset); }

  /** Node's {@code buf.writeUintBE}, an alias of {@link #writeUIntBE}. */
  public int writeUintBE(long value, int offset, int byteLength) {
    return writeUIntBE(value, offset, byteLength);
  }

  /** Node's {@code buf.writeUintLE}, an alias of {@link #writeUIntLE}. */
  public int writeUintLE(long value, int offset, int byteLength) {
    return writeUIntLE(value, offset, byteLength);
  }

  /** Node's {@code buf.writeBigUint64BE}, an alias of {@link #writeBigUInt64BE}. */
  public int writeBigUint64BE(long value, int offset) { return writeBigUInt64BE(value, offset); }

  /** Node's {@code buf.writeBigUint64LE}, an alias of {@link #writeBigUInt64LE}. */
  public int writeBigUint64LE(long value, int offset) { return writeBigUInt64LE(value, offset); }

  /**
   * Node's {@code buf.swap16()}: swaps the two bytes of every 16-bit unit in place, e.g. to turn
   * UTF-16LE into UTF-16BE; {@code ERR_INVALID_BUFFER_SIZE} if the length is odd.
   *
   * @return this buffer
   */
  public Buffer swap16() {
    BufferNumbers.swap(array, offset, length, 2);
    return this;
  }

  /**
   * Node's {@code buf.swap32()}: reverses the byte order of every 32-bit unit in place;
   * {@code ERR_INVALID_BUFFER_SIZE} if the length is not a multiple of 4.
   *
   * @return this buffer
   */
  public Buffer swap32() {
    BufferNumbers.swap(array, offset, length, 4);
    return this;
  }

  /**
   * Node's {@code buf.swap64()}: reverses the byte order of every 64-bit unit in place;
   * {@code ERR_INVALID_BUFFER_SIZE} if the length is not a multiple of 8.
   *
   * @return this buffer
   */
  public Buffer swap64() {
    BufferNumbers.swap(array, offset, length, 8);
    return this;
  }

  /** The {@code n} bytes at {@code offset} as an unsigned number, after Node's bounds check. */
  private long read(int offset, int n, boolean bigEndian) {
    int p = at(offset, n);
    return bigEndian ? readBE(array, p, n) : readLE(array, p, n);
  }

  /** Stores the low {@code n} bytes of {@code value} at {@code offset}; returns offset + n. */
  private int write(long value, int offset, int n, boolean bigEndian) {
    int p = at(offset, n);
    if (bigEndian) {
      writeBE(array, p, value, n);
    } else {
      writeLE(array, p, value, n);
    }
    return offset + n;
  }

  // ---------------------------------------------------------------------------------------------
  // Argument checks

  /** The array index of {@code offset} for an access of {@code n} bytes (Node's bounds check). */
  private int at(int offset, int n) {
    return BufferNumbers.at(this.offset, length, offset, n);
  }

  private static void checkSize(int size) {
    if (size < 0) {
      throw ERR_OUT_OF_RANGE.error("size", ">= 0 && <= " + Integer.MAX_VALUE, size);
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= length) {
      throw ERR_OUT_OF_RANGE.error("index", ">= 0 and < " + length, index);
    }
  }

  private int checkWriteOffset(int offset) {
    if (offset < 0 || offset > length) {
      throw ERR_OUT_OF_RANGE.error("offset", ">= 0 && <= " + length, offset);
    }
    return offset;
  }

  /** Node's {@code _fill} checks; whether there is anything to fill. */
  private boolean checkFillRange(int offset, int end) {
    if (offset < 0) {
      throw ERR_OUT_OF_RANGE.error("offset", ">= 0 && <= " + Integer.MAX_VALUE, offset);
    }
    if (end < 0 || end > length) {
      throw ERR_OUT_OF_RANGE.error("end", ">= 0 && <= " + length, end);
    }
    return offset < end;
  }

  /** Node's {@code subarray} index rule: negative from the end, then clamped to [0, length]. */
  private int clampIndex(int i) {
    if (i < 0) {
      return Math.max(0, length + i);
    }
    return Math.min(i, length);
  }

  private static Buffer element(List<Buffer> list, int i) {
    Buffer b = list.get(i);
    if (b == null) {
      throw ERR_INVALID_ARG_TYPE.error("list[" + i + "]", "an instance of Buffer", "null");
    }
    return b;
  }

  private static void requireArg(Object value, String name, String expected) {
    if (value == null) {
      throw ERR_INVALID_ARG_TYPE.error(name, expected, "null");
    }
  }
}
