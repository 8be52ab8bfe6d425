package dev.weir.buffer;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as Node (V8) does it: lone surrogates encode as U+FFFD ({@code EF BF BD}) and malformed
 * input decodes with the WHATWG Encoding Standard's replacement rules (one U+FFFD per maximal
 * subpart). Valid input takes the JDK's intrinsified paths; only malformed input, and strings
 * holding surrogates, go through the loops written here.
 */
final class Utf8 {
  static final char REPLACEMENT = '\uFFFD';

  private Utf8() {}

  /** Whether {@code s} holds any surrogate char (paired or not) from index {@code from} on. */
  private static boolean hasSurrogate(String s, int from) {
    for (int i = from, n = s.length(); i < n; i++) {
      // 0xD800..0xDFFF share the top five bits 11011.
      if ((s.charAt(i) & 0xF800) == 0xD800) {
        return true;
      }
    }
    return false;
  }

  /** The UTF-8 bytes of {@code s}, lone surrogates as {@code EF BF BD}. */
  static byte[] encode(String s) {
    if (!hasSurrogate(s, 0)) {
      // Without surrogates the JDK's encoder cannot meet malformed input, so its bytes are Node's.
      return s.getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[length(s)];
    write(s, out, 0, out.length);
    return out;
  }

  /** The number of bytes {@link #encode} produces; Node's {@code Buffer.byteLength(s, 'utf8')}. */
  static int length(String s) {
    int n = s.length();
    long bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // four bytes for two chars
        i++;
      } else {
        bytes += 2; // three bytes, also for a lone surrogate (EF BF BD)
      }
    }
    if (bytes > Integer.MAX_VALUE) {
      throw new OutOfMemoryError("UTF-8 length of string exceeds 2^31-1");
    }
    return (int) bytes;
  }

  /**
   * Encodes as many whole characters of {@code s} as fit in {@code max} bytes at {@code dst[off]};
   * Node's {@code buf.utf8Write}: a character that does not fit entirely is not written.
   *
   * @return the number of bytes written
   */
  static int write(String s, byte[] dst, int off, int max) {
    int pos = off;
    int limit = off + max;
    int n = s.length();
    int i = 0;
    // ASCII run first: the common case, one compare and one store per char.
    while (i < n && pos < limit) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      dst[pos++] = (byte) c;
      i++;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (pos >= limit) {
          break;
        }
        dst[pos++] = (byte) c;
      } else if (c < 0x800) {
        if (limit - pos < 2) {
          break;
        }
        dst[pos++] = (byte) (0xC0 | (c >> 6));
        dst[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (limit - pos < 4) {
          break;
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dst[pos++] = (byte) (0xF0 | (cp >> 18));
        dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        dst[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        if (limit - pos < 3) {
          break;
        }
        // A lone surrogate is written as U+FFFD, as V8 does.
        char v = Character.isSurrogate(c) ? REPLACEMENT : c;
        dst[pos++] = (byte) (0xE0 | (v >> 12));
        dst[pos++] = (byte) (0x80 | ((v >> 6) & 0x3F));
        dst[pos++] = (byte) (0x80 | (v & 0x3F));
      }
    }
    return pos - off;
  }

  /** Decodes {@code len} bytes at {@code off}; malformed input as the WHATWG decoder does. */
  static String decode(byte[] a, int off, int len) {
    String s = new String(a, off, len, StandardCharsets.UTF_8);
    // The JDK writes U+FFFD only for malformed input or where the input itself holds EF BF BD;
    // indexOf is a vectorized scan (and free for Latin-1 strings, which cannot hold U+FFFD), so
    // valid input costs one JDK decode. Only when U+FFFD shows up do we check the bytes, as the
    // JDK's replacement count differs from WHATWG's for some malformed sequences.
    if (s.indexOf(REPLACEMENT) < 0 || isValid(a, off, len)) {
      return s;
    }
    return decodeMalformed(a, off, len);
  }

  /**
   * The second byte's bounds after a lead byte (WHATWG's "UTF-8 lower/upper boundary"), packed
   * as {@code lower << 8 | upper}, and the number of continuation bytes in the bits above; 0 for
   * a byte that cannot start a sequence.
   */
  private static int leadInfo(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      return 1 << 16 | 0x80BF;
    }
    if (b >= 0xE0 && b <= 0xEF) {
      int lower = b == 0xE0 ? 0xA0 : 0x80;
      int upper = b == 0xED ? 0x9F : 0xBF;
      return 2 << 16 | lower << 8 | upper;
    }
    if (b >= 0xF0 && b <= 0xF4) {
      int lower = b == 0xF0 ? 0x90 : 0x80;
      int upper = b == 0xF4 ? 0x8F : 0xBF;
      return 3 << 16 | lower << 8 | upper;
    }
    return 0;
  }

  /** Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
  static boolean isValid(byte[] a, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      if (a[i] >= 0) {
        i++;
        continue;
      }
      int info = leadInfo(a[i] & 0xFF);
      int need = info >>> 16;
      if (need == 0 || end - i - 1 < need) {
        return false;
      }
      int second = a[i + 1] & 0xFF;
      if (second < ((info >> 8) & 0xFF) || second > (info & 0xFF)) {
        return false;
      }
      for (int k = 2; k <= need; k++) {
        if ((a[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += need + 1;
    }
    return true;
  }

  private static String decodeMalformed(byte[] a, int off, int len) {
    char[] out = new char[len]; // never more chars than bytes
    int o = 0;
    int i = off;
    int end = off + len;
    while (i < end) {
      int b = a[i] & 0xFF;
      if (b < 0x80) {
        out[o++] = (char) b;
        i++;
        continue;
      }
      int info = leadInfo(b);
      int need = info >>> 16;
      if (need == 0) {
        out[o++] = REPLACEMENT;
        i++;
        continue;
      }
      int cp = b & (0x3F >> need);
      int j = i + 1;
      boolean complete = true;
      for (int k = 0; k < need; k++) {
        if (j >= end) {
          complete = false;
          break;
        }
        int c = a[j] & 0xFF;
        int lower = k == 0 ? (info >> 8) & 0xFF : 0x80;
        int upper = k == 0 ? info & 0xFF : 0xBF;
        if (c < lower || c > upper) {
          complete = false;
          break;
        }
        cp = cp << 6 | (c & 0x3F);
        j++;
      }
      if (!complete) {
        // One U+FFFD for the maximal subpart; the offending byte starts over.
        out[o++] = REPLACEMENT;
      } else if (cp >= 0x10000) {
        out[o++] = Character.highSurrogate(cp);
        out[o++] = Character.lowSurrogate(cp);
      } else {
        out[o++] = (char) cp;
      }
      i = j;
    }
    return new String(out, 0, o);
  }
}
