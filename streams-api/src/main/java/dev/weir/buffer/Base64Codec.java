package dev.weir.buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Base64 and base64url as Node decodes them: both alphabets are accepted by both encodings,
 * characters outside the alphabets (whitespace included) are skipped, the first {@code '='} ends
 * the input, missing padding is fine, and a lone trailing sextet is dropped. As in Node, only the
 * low byte of each char is looked at. Encoding pads for base64 and not for base64url.
 */
final class Base64Codec {
  private static final byte[] STANDARD =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);
  /** Sextet value of each byte, -1 for bytes in neither alphabet. */
  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) -1);
    for (int i = 0; i < 64; i++) {
      DECODE[STANDARD[i]] = (byte) i;
      DECODE[URL[i]] = (byte) i;
    }
  }

  private Base64Codec() {}

  /** Node's {@code base64ByteLength}: an estimate from the length and trailing padding only. */
  static int estimateLength(String s) {
    int n = s.length();
    if (n > 0 && s.charAt(n - 1) == '=') {
      n--;
    }
    if (n > 1 && s.charAt(n - 1) == '=') {
      n--;
    }
    return (int) (((long) n * 3) >>> 2);
  }

  /** An upper bound of the decoded size of {@code s}, whatever it holds. */
  static int maxDecodedLength(String s) {
    return (int) (((long) s.length() * 3) >>> 2);
  }

  /**
   * Decodes {@code s} into {@code dst} at {@code off}, writing at most {@code max} bytes.
   *
   * @return the number of bytes written
   */
  static int decode(String s, byte[] dst, int off, int max) {
    int pos = off;
    int limit = off + max;
    int acc = 0;
    int sextets = 0;
    for (int i = 0, n = s.length(); i < n && pos < limit; i++) {
      int c = s.charAt(i) & 0xFF;
      if (c == '=') {
        break;
      }
      int v = DECODE[c];
      if (v < 0) {
        continue;
      }
      acc = acc << 6 | v;
      sextets++;
      if (sextets == 4) {
        dst[pos++] = (byte) (acc >> 16);
        if (pos < limit) {
          dst[pos++] = (byte) (acc >> 8);
        }
        if (pos < limit) {
          dst[pos++] = (byte) acc;
        }
        acc = 0;
        sextets = 0;
      }
    }
    // A partial quantum: two sextets make one byte, three make two; one makes nothing.
    if (sextets == 2 && pos < limit) {
      dst[pos++] = (byte) (acc >> 4);
    } else if (sextets == 3) {
      if (pos < limit) {
        dst[pos++] = (byte) (acc >> 10);
      }
      if (pos < limit) {
        dst[pos++] = (byte) (acc >> 2);
      }
    }
    return pos - off;
  }

  /** Encodes {@code len} bytes at {@code off}; padded unless {@code url}. */
  static String encode(byte[] a, int off, int len, boolean url) {
    byte[] alphabet = url ? URL : STANDARD;
    int full = len / 3;
    int rest = len - full * 3;
    int outLen = full * 4 + (rest == 0 ? 0 : url ? rest + 1 : 4);
    byte[] out = new byte[outLen];
    int o = 0;
    int i = off;
    for (int q = 0; q < full; q++) {
      int v = (a[i] & 0xFF) << 16 | (a[i + 1] & 0xFF) << 8 | (a[i + 2] & 0xFF);
      i += 3;
      out[o++] = alphabet[v >>> 18];
      out[o++] = alphabet[(v >>> 12) & 0x3F];
      out[o++] = alphabet[(v >>> 6) & 0x3F];
      out[o++] = alphabet[v & 0x3F];
    }
    if (rest == 1) {
      int v = a[i] & 0xFF;
      out[o++] = alphabet[v >>> 2];
      out[o++] = alphabet[(v << 4) & 0x3F];
      if (!url) {
        out[o++] = '=';
        out[o++] = '=';
      }
    } else if (rest == 2) {
      int v = (a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF);
      out[o++] = alphabet[v >>> 10];
      out[o++] = alphabet[(v >>> 4) & 0x3F];
      out[o++] = alphabet[(v << 2) & 0x3F];
      if (!url) {
        out[o++] = '=';
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
