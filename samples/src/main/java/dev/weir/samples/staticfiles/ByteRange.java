package dev.weir.samples.staticfiles;

/**
 * One byte range of a {@code Range: bytes=…} header, resolved against the file size (RFC 9110
 * §14). Only a single range is honoured: several ranges, another unit or a malformed header
 * mean "send the whole file", which the RFC allows.
 *
 * @param start the first byte, inclusive
 * @param end the last byte, inclusive
 */
record ByteRange(long start, long end) {
  /** A range that cannot be satisfied: answer 416 with {@code Content-Range: bytes *}{@code /size}. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range asked for, {@link #UNSATISFIABLE}, or null for the whole file. */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (spec.indexOf(',') >= 0 || dash < 0) {
      return null;
    }
    long first = number(spec.substring(0, dash).trim());
    long last = number(spec.substring(dash + 1).trim());
    if (first == -1 && last >= 0) { // bytes=-N: the last N bytes
      return last == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - last),
          size - 1);
    }
    if (first < 0 || last < -1 || (last >= 0 && last < first)) {
      return null; // malformed (or bytes=-): ignored
    }
    if (first >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(first, last == -1 ? size - 1 : Math.min(last, size - 1));
  }

  /** Digits only, as a long; -1 when empty; -2 when malformed or too large. */
  private static long number(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -2;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  long length() {
    return end - start + 1;
  }

  /** The {@code Content-Range} value of a 206 response. */
  String contentRange(long size) {
    return "bytes " + start + "-" + end + "/" + size;
  }
}
