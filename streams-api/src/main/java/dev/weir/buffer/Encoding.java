package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The character encodings of Node's Buffer, named once: {@link #nodeName()} is the normalized
 * name Node reports ({@code "utf8"}, {@code "utf16le"}, {@code "latin1"}…). Each constant knows
 * how to encode a string, decode bytes, write into a byte range, and estimate a byte length the
 * way {@code Buffer.byteLength} does.
 */
enum Encoding {
  UTF8("utf8"),
  UTF16LE("utf16le"),
  LATIN1("latin1"),
  ASCII("ascii"),
  BASE64("base64"),
  BASE64URL("base64url"),
  HEX("hex");

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_VALUE = new byte[256];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      HEX_VALUE[HEX_DIGITS[i]] = (byte) i;
      HEX_VALUE[Character.toUpperCase(HEX_DIGITS[i])] = (byte) i;
    }
  }

  private final String nodeName;

  Encoding(String nodeName) {
    this.nodeName = nodeName;
  }

  /** The normalized name, as Node's {@code StringDecoder#encoding} reports it. */
  String nodeName() {
    return nodeName;
  }

  /**
   * The encoding named {@code name}, case-insensitively, or null when Node does not know it
   * (the empty string included); Node's {@code normalizeEncoding} as {@code Buffer.isEncoding}
   * uses it.
   */
  static Encoding lookup(String name) {
    if (name == null) {
      return null;
    }
    switch (name) { // the spellings people write, without allocating
      case "utf8":
      case "utf-8":
        return UTF8;
      case "hex":
        return HEX;
      case "base64":
        return BASE64;
      case "latin1":
        return LATIN1;
      default:
        break;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "utf8":
      case "utf-8":
        return UTF8;
      case "utf16le":
      case "utf-16le":
      case "ucs2":
      case "ucs-2":
        return UTF16LE;
      case "latin1":
      case "binary":
        return LATIN1;
      case "ascii":
        return ASCII;
      case "base64":
        return BASE64;
      case "base64url":
        return BASE64URL;
      case "hex":
        return HEX;
      default:
        return null;
    }
  }

  /**
   * The encoding for an argument where Node treats a missing or empty name as UTF-8
   * ({@code Buffer.from}, {@code write}, {@code fill}, {@code StringDecoder}).
   *
   * @throws dev.weir.errors.WeirException {@code ERR_UNKNOWN_ENCODING} for any other unknown name
   */
  static Encoding orUtf8(String name) {
    if (name == null || name.isEmpty()) {
      return UTF8;
    }
    return require(name);
  }

  /**
   * The encoding for an argument where only a missing name means UTF-8 ({@code toString},
   * {@code indexOf}).
   *
   * @throws dev.weir.errors.WeirException {@code ERR_UNKNOWN_ENCODING} for an unknown name
   */
  static Encoding require(String name) {
    if (name == null) {
      return UTF8;
    }
    Encoding e = lookup(name);
    if (e == null) {
      throw ERR_UNKNOWN_ENCODING.error(name);
    }
    return e;
  }

  /** The bytes of {@code s} in this encoding. */
  byte[] encode(String s) {
    switch (this) {
      case UTF8:
        return Utf8.encode(s);
      case BASE64:
      case BASE64URL: {
        byte[] out = new byte[Base64Codec.maxDecodedLength(s)];
        int n = Base64Codec.decode(s, out, 0, out.length);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
      }
      case HEX: {
        byte[] out = new byte[s.length() >>> 1];
        int n = write(s, out, 0, out.length);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
      }
      default: {
        byte[] out = new byte[byteLength(s)];
        write(s, out, 0, out.length);
        return out;
      }
    }
  }

  /**
   * Node's {@code Buffer.byteLength(s, enc)}: exact for UTF-8, UTF-16LE, latin1 and ASCII; for
   * base64 and hex an estimate from the string's length, as in Node.
   */
  int byteLength(String s) {
    switch (this) {
      case UTF8:
        return Utf8.length(s);
      case UTF16LE:
        return s.length() * 2;
      case BASE64:
      case BASE64URL:
        return Base64Codec.estimateLength(s);
      case HEX:
        return s.length() >>> 1;
      default:
        return s.length();
    }
  }

  /**
   * Writes {@code s} into {@code dst[off..off+max)} as Node's {@code buf.write} does: whole
   * characters (UTF-8, UTF-16 code units) only, hex up to the first invalid pair.
   *
   * @return the number of bytes written
   */
  int write(String s, byte[] dst, int off, int max) {
    switch (this) {
      case UTF8:
        return Utf8.write(s, dst, off, max);
      case UTF16LE: {
        int n = Math.min(s.length(), max >>> 1);
        for (int i = 0, p = off; i < n; i++) {
          char c = s.charAt(i);
          dst[p++] = (byte) c;
          dst[p++] = (byte) (c >>> 8);
        }
        return n * 2;
      }
      case LATIN1:
      case ASCII: {
        // Node writes the low byte of each UTF-16 code unit for both.
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
          dst[off + i] = (byte) s.charAt(i);
        }
        return n;
      }
      case BASE64:
      case BASE64URL:
        return Base64Codec.decode(s, dst, off, max);
      case HEX: {
        int n = Math.min(s.length() >>> 1, max);
        for (int i = 0; i < n; i++) {
          // Node: only the low byte of each char is looked at; stop at the first invalid pair.
          int hi = HEX_VALUE[s.charAt(2 * i) & 0xFF];
          int lo = HEX_VALUE[s.charAt(2 * i + 1) & 0xFF];
          if (hi < 0 || lo < 0) {
            return i;
          }
          dst[off + i] = (byte) (hi << 4 | lo);
        }
        return n;
      }
      default:
        throw new AssertionError(this);
    }
  }

  /** Decodes {@code len} bytes at {@code off} of {@code a}. */
  String decode(byte[] a, int off, int len) {
    switch (this) {
      case UTF8:
        return Utf8.decode(a, off, len);
      case LATIN1:
        return new String(a, off, len, StandardCharsets.ISO_8859_1);
      case ASCII: {
        for (int i = off, end = off + len; i < end; i++) {
          if (a[i] < 0) {
            return decodeAsciiMasked(a, off, len);
          }
        }
        return new String(a, off, len, StandardCharsets.ISO_8859_1);
      }
      case UTF16LE: {
        // Not the JDK's UTF_16LE decoder: it would replace lone surrogates, which Node keeps.
        char[] out = new char[len >>> 1];
        for (int i = 0, p = off; i < out.length; i++, p += 2) {
          out[i] = (char) ((a[p] & 0xFF) | (a[p + 1] & 0xFF) << 8);
        }
        return new String(out);
      }
      case BASE64:
        return Base64Codec.encode(a, off, len, false);
      case BASE64URL:
        return Base64Codec.encode(a, off, len, true);
      case HEX: {
        byte[] out = new byte[len * 2];
        for (int i = 0; i < len; i++) {
          int b = a[off + i] & 0xFF;
          out[2 * i] = HEX_DIGITS[b >>> 4];
          out[2 * i + 1] = HEX_DIGITS[b & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
      }
      default:
        throw new AssertionError(this);
    }
  }

  private static String decodeAsciiMasked(byte[] a, int off, int len) {
    byte[] masked = new byte[len];
    for (int i = 0; i < len; i++) {
      masked[i] = (byte) (a[off + i] & 0x7F); // Node: ascii decoding drops the high bit
    }
    return new String(masked, StandardCharsets.ISO_8859_1);
  }
}
