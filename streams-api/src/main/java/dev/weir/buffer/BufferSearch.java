package dev.weir.buffer;

import java.util.Arrays;

/**
 * The search behind {@link Buffer}'s {@code indexOf}, {@code lastIndexOf} and {@code includes},
 * as Node does it in {@code src/node_buffer.cc} ({@code IndexOfOffset}, {@code IndexOfNumber},
 * {@code IndexOfString}, {@code IndexOfBuffer}): over the {@code length} bytes of {@code a} from
 * {@code base}, returning positions relative to {@code base}.
 */
final class BufferSearch {
  private BufferSearch() {}

  /**
   * Node's {@code IndexOfOffset}: the first position to try for a needle of {@code n} bytes, or
   * -1 for no match. A negative offset counts from the end; before the start, a forward search
   * (or an empty needle) starts at 0 and a backward one finds nothing; past the end, a backward
   * search starts at the last byte, a forward one finds nothing and an empty needle is found at
   * {@code length}.
   */
  static int start(int length, int byteOffset, int n, boolean forward) {
    if (byteOffset < 0) {
      if ((long) byteOffset + length >= 0) {
        return length + byteOffset;
      }
      return forward || n == 0 ? 0 : -1;
    }
    if ((long) byteOffset + n <= length) {
      return byteOffset;
    }
    if (n == 0) {
      return length;
    }
    return forward ? -1 : length - 1;
  }

  /** Node's {@code IndexOfNumber}: the byte {@code value & 0xFF}, forward or backward. */
  static int indexOfByte(byte[] a, int base, int length, int value, int byteOffset,
      boolean forward) {
    int start = start(length, byteOffset, 1, forward);
    if (start < 0 || length == 0) {
      return -1;
    }
    byte b = (byte) value;
    if (forward) {
      for (int i = base + start, end = base + length; i < end; i++) {
        if (a[i] == b) {
          return i - base;
        }
      }
    } else {
      for (int i = base + start; i >= base; i--) {
        if (a[i] == b) {
          return i - base;
        }
      }
    }
    return -1;
  }

  /**
   * Node's {@code IndexOfString}/{@code IndexOfBuffer}: where the needle {@code n[nOff..nOff+nLen)}
   * occurs, searching forward or backward from the {@link #start} of {@code byteOffset}; an empty
   * needle is found at that start. With {@code ucs2}, Node searches UTF-16 code units: the
   * haystack loses an odd last byte (also for the offset arithmetic), and only even positions
   * match, from the unit holding the start.
   */
  static int indexOf(byte[] a, int base, int length, byte[] n, int nOff, int nLen,
      int byteOffset, boolean ucs2, boolean forward) {
    int len = ucs2 ? length & ~1 : length;
    int start = start(len, byteOffset, nLen, forward);
    if (nLen == 0) {
      return start;
    }
    // Node checks these in bytes, before rounding the start down to a code unit.
    if (start < 0 || len == 0 || nLen > len || forward && start + nLen > len) {
      return -1;
    }
    int step = ucs2 ? 2 : 1;
    if (ucs2) {
      start &= ~1;
    }
    int last = len - nLen; // the last position where the needle fits; even for ucs2
    if (forward) {
      for (int i = start; i <= last; i += step) {
        if (matches(a, base + i, n, nOff, nLen)) {
          return i;
        }
      }
    } else {
      for (int i = Math.min(start, last); i >= 0; i -= step) {
        if (matches(a, base + i, n, nOff, nLen)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean matches(byte[] a, int p, byte[] n, int nOff, int nLen) {
    return a[p] == n[nOff] && Arrays.equals(a, p, p + nLen, n, nOff, nOff + nLen);
  }
}
