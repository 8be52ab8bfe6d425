package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_BUFFER_OUT_OF_BOUNDS;
import static dev.weir.errors.ErrorCode.ERR_INVALID_BUFFER_SIZE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

/**
 * The number codecs behind {@link Buffer}'s {@code read*}/{@code write*} methods, as Node keeps
 * them in {@code lib/internal/buffer.js} apart from {@code lib/buffer.js}: bounds and value checks
 * with Node's codes and messages, and big- or little-endian reads and writes of 1 to 8 bytes at an
 * absolute index of a {@code byte[]} (the buffer's {@code byteOffset} already added).
 */
final class BufferNumbers {
  private BufferNumbers() {}

  /**
   * The array index of {@code offset} in a buffer starting at {@code base} with {@code length}
   * bytes, for an access of {@code n} bytes. Node's {@code boundsError}:
   * {@code ERR_BUFFER_OUT_OF_BOUNDS} when the buffer is shorter than {@code n}, else
   * {@code ERR_OUT_OF_RANGE}.
   */
  static int at(int base, int length, int offset, int n) {
    if (offset < 0 || offset > length - n) {
      if (length - n < 0) {
        throw ERR_BUFFER_OUT_OF_BOUNDS.error();
      }
      throw ERR_OUT_OF_RANGE.error("offset", ">= 0 and <= " + (length - n), offset);
    }
    return base + offset;
  }

  /**
   * Node 20's {@code buffer.kMaxLength} (2^32 on 64-bit platforms): the upper bound Node's
   * {@code validateOffset} prints for an offset without a tighter one.
   */
  static final long K_MAX_LENGTH = 1L << 32;

  /** JavaScript's {@code Number.MAX_SAFE_INTEGER}, the bound of Node's unbounded integer checks. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /**
   * Node's {@code validateOffset(value, name, 0, max)}: {@code ERR_OUT_OF_RANGE} unless
   * {@code value} is in {@code [0, max]}; returns {@code value}.
   */
  static int checkOffset(String name, int value, long max) {
    if (value < 0 || value > max) {
      throw ERR_OUT_OF_RANGE.error(name, ">= 0 && <= " + max, value);
    }
    return value;
  }

  /**
   * Node's {@code byteLength} check of {@code readUIntBE} and its siblings: 1 to 6, else
   * {@code ERR_OUT_OF_RANGE}; checked before the value and the offset. Returns {@code byteLength}.
   */
  static int checkByteLength(int byteLength) {
    if (byteLength < 1 || byteLength > 6) {
      throw ERR_OUT_OF_RANGE.error("byteLength", ">= 1 and <= 6", byteLength);
    }
    return byteLength;
  }

  /**
   * Node's {@code checkInt} for an unsigned value of {@code n} bytes (1..6, or 4 for the 32-bit
   * writes); returns {@code value}. Node checks the value before the offset.
   */
  static long checkUInt(long value, int n) {
    return checkRange(value, 0, (1L << 8 * n) - 1, n);
  }

  /** Node's {@code checkInt} for a signed value of {@code n} bytes; returns {@code value}. */
  static long checkInt(long value, int n) {
    return checkRange(value, -(1L << 8 * n - 1), (1L << 8 * n - 1) - 1, n);
  }

  private static long checkRange(long value, long min, long max, int n) {
    if (value < min || value > max) {
      // Node: "<= max" up to 4 bytes, "< 2 ** bits" beyond.
      String range;
      if (n <= 4) {
        range = ">= " + min + " and <= " + max;
      } else if (min == 0) {
        range = ">= 0 and < 2 ** " + 8 * n;
      } else {
        range = ">= -(2 ** " + (8 * n - 1) + ") and < 2 ** " + (8 * n - 1);
      }
      throw ERR_OUT_OF_RANGE.error("value", range, received(value));
    }
    return value;
  }

  /**
   * How Node's {@code ERR_OUT_OF_RANGE} prints an integer it received: beyond 2^32 in magnitude
   * with {@code _} between groups of three digits ({@code addNumericalSeparator}).
   */
  static String received(long value) {
    String s = Long.toString(value);
    if (value >= -(1L << 32) && value <= 1L << 32) {
      return s;
    }
    int start = value < 0 ? 1 : 0;
    StringBuilder sb = new StringBuilder(s);
    for (int i = s.length() - 3; i > start; i -= 3) {
      sb.insert(i, '_');
    }
    return sb.toString();
  }

  /** The {@code n} bytes at {@code p}, most significant first, as an unsigned number. */
  static long readBE(byte[] a, int p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | (a[p + i] & 0xFF);
    }
    return v;
  }

  /** The {@code n} bytes at {@code p}, least significant first, as an unsigned number. */
  static long readLE(byte[] a, int p, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = v << 8 | (a[p + i] & 0xFF);
    }
    return v;
  }

  /** {@code v}, an unsigned number of {@code n} bytes, as two's complement (sign-extended). */
  static long signed(long v, int n) {
    int shift = 64 - 8 * n;
    return v << shift >> shift;
  }

  /** Stores the low {@code n} bytes of {@code v} at {@code p}, most significant first. */
  static void writeBE(byte[] a, int p, long v, int n) {
    for (int i = 0; i < n; i++) {
      a[p + i] = (byte) (v >>> 8 * (n - 1 - i));
    }
  }

  /** Stores the low {@code n} bytes of {@code v} at {@code p}, least significant first. */
  static void writeLE(byte[] a, int p, long v, int n) {
    for (int i = 0; i < n; i++) {
      a[p + i] = (byte) (v >>> 8 * i);
    }
  }

  /**
   * Node's {@code swap16/32/64}: reverses, in place, each group of {@code n} bytes in
   * {@code a[p..p+len)}; {@code ERR_INVALID_BUFFER_SIZE} ("… a multiple of 16-bits") first when
   * {@code len} is not a multiple of {@code n}, so nothing is swapped then.
   */
  static void swap(byte[] a, int p, int len, int n) {
    if (len % n != 0) {
      throw ERR_INVALID_BUFFER_SIZE.error(8 * n + "-bits");
    }
    for (int g = p, end = p + len; g < end; g += n) {
      for (int i = g, j = g + n - 1; i < j; i++, j--) {
        byte t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }
  }
}
