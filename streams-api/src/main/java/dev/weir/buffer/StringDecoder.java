package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;

/**
 * Decodes a sequence of buffers into strings without splitting characters across chunks;
 * mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/string_decoder.html#class-stringdecoder">string_decoder.StringDecoder</a>.
 * Bytes that may begin an unfinished character are held back until the next {@link #write} or
 * {@link #end}: a UTF-8 sequence, an odd byte or a high surrogate in UTF-16LE, and the
 * 1 or 2 bytes short of a 3-byte quantum in base64/base64url. {@link #end()} flushes them, an
 * incomplete UTF-8 sequence as U+FFFD, and leaves the decoder ready for new input.
 *
 * <p>Which bytes are held follows Node's {@code src/string_decoder.cc}, so each {@code write}
 * returns what Node's would: UTF-8 is held by looking at the lead byte only (so {@code ED A0}
 * waits for a third byte even though it can never be valid), and the held bytes are decoded on
 * their own once complete or once a non-continuation byte arrives.
 *
 * <p>Not confined to a loop; not thread-safe.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@code write} takes a {@link Buffer} only (Node also passes strings through).</li>
 *   <li>Same as Node, not an improvement on it: in UTF-16LE a surrogate pair can still come out
 *       split when a chunk boundary falls inside the high surrogate's two bytes (the odd byte is
 *       held, then the completed unit is emitted alone).</li>
 * </ul>
 */
public final class StringDecoder {
  private final Encoding encoding;
  /** Bytes of an unfinished character (Node: kIncompleteCharactersStart..End). */
  private final byte[] pending = new byte[4];
  /** Node's kBufferedBytes: how many of {@link #pending} are in use. */
  private int bufferedBytes;
  /** Node's kMissingBytes: how many more bytes the held character needs. */
  private int missingBytes;

  /** A UTF-8 decoder; Node's {@code new StringDecoder()}. */
  public StringDecoder() {
    this(null);
  }

  /**
   * A decoder for {@code encoding}; {@code null} and {@code ""} mean UTF-8, an unknown name
   * throws {@code ERR_UNKNOWN_ENCODING}.
   */
  public StringDecoder(String encoding) {
    this.encoding = Encoding.orUtf8(encoding);
  }

  /** Node's {@code decoder.encoding}: the normalized name ({@code "utf8"}, {@code "utf16le"}…). */
  public String encoding() {
    return encoding.nodeName();
  }

  /**
   * Node's {@code decoder.write(buffer)}: the characters completed by {@code buf}, holding back
   * the bytes of a character that may continue in the next chunk.
   */
  public String write(Buffer buf) {
    if (buf == null) {
      throw ERR_INVALID_ARG_TYPE.error("buf", "an instance of Buffer", "null");
    }
    byte[] a = buf.array();
    int p = buf.byteOffset();
    int n = buf.length();
    String prepend = "";
    if (missingBytes > 0) {
      if (encoding == Encoding.UTF8) {
        // A byte that is not a continuation ends the held sequence early; it starts a new one.
        for (int i = 0; i < n && i < missingBytes; i++) {
          if ((a[p + i] & 0xC0) != 0x80) {
            hold(a, p, i);
            p += i;
            n -= i;
            missingBytes = 0;
            break;
          }
        }
      }
      int found = Math.min(n, missingBytes);
      hold(a, p, found);
      p += found;
      n -= found;
      missingBytes -= found;
      if (missingBytes > 0) {
        return "";
      }
      prepend = encoding.decode(pending, 0, bufferedBytes);
      bufferedBytes = 0;
    }
    if (n == 0) {
      return prepend;
    }
    int keep = trailingIncomplete(a, p, n);
    String body = encoding.decode(a, p, n - keep);
    hold(a, p + n - keep, keep);
    return prepend.isEmpty() ? body : prepend + body;
  }

  /** Node's {@code decoder.end()}: the held bytes, decoded or padded; then a fresh state. */
  public String end() {
    String rest = bufferedBytes == 0 ? "" : encoding.decode(pending, 0, bufferedBytes);
    bufferedBytes = 0;
    missingBytes = 0;
    return rest;
  }

  /** Node's {@code decoder.end(buffer)}: {@code write(buf) + end()}. */
  public String end(Buffer buf) {
    String head = write(buf);
    return head + end();
  }

  private void hold(byte[] a, int p, int n) {
    System.arraycopy(a, p, pending, bufferedBytes, n);
    bufferedBytes += n;
  }

  /**
   * How many bytes at the end of {@code a[p..p+n)} begin a character that is not finished; sets
   * {@link #missingBytes} to the bytes it still needs.
   */
  private int trailingIncomplete(byte[] a, int p, int n) {
    switch (encoding) {
      case UTF8:
        for (int i = n - 1, count = 1; ; i--, count++) {
          int b = a[p + i] & 0xFF;
          if ((b & 0xC0) == 0x80) {
            if (count >= 4 || i == 0) {
              return 0; // continuation bytes only: nothing to wait for
            }
            continue;
          }
          int need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
          if (need == 0 || count >= need) {
            return 0; // ASCII, an impossible lead byte, or a complete (or over-long) sequence
          }
          missingBytes = need - count;
          return count;
        }
      case UTF16LE:
        if ((n & 1) == 1) {
          missingBytes = 1;
          return 1;
        }
        if ((a[p + n - 1] & 0xFC) == 0xD8) { // the last unit is a high surrogate
          missingBytes = 2;
          return 2;
        }
        return 0;
      case BASE64:
      case BASE64URL: {
        int keep = n % 3;
        missingBytes = keep == 0 ? 0 : 3 - keep;
        return keep;
      }
      default:
        return 0;
    }
  }
}
