package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Port of the {@code lastIndexOf} part of nodejs/node test/parallel/test-buffer-indexof.js;
 * expected values printed by node 20.
 */
@Timeout(5)
class BufferLastIndexOfTest {
  final Buffer b = Buffer.from("abcdef  abcdef");

  static void assertThrowsCode(ErrorCode code, Executable e) {
    assertCode(code, assertThrows(WeirException.class, e));
  }

  @Test
  void stringsSearchBackwardFromTheOffset() {
    assertEquals(8, b.lastIndexOf("a"));
    assertEquals(0, b.lastIndexOf("a", 7));
    assertEquals(8, b.lastIndexOf("a", 8));
    assertEquals(0, b.lastIndexOf("a", 0));
    assertEquals(10, b.lastIndexOf("cd"));
    assertEquals(2, b.lastIndexOf("cd", 9));
    assertEquals(10, b.lastIndexOf("cd", 10));
    assertEquals(5, b.lastIndexOf("f  a"));
    assertEquals(-1, b.lastIndexOf("fa"));
    assertEquals(-1, b.lastIndexOf("abcdef  abcdefg")); // longer than the buffer
    assertEquals(0, b.lastIndexOf("abcdef  abcdef", 0));
  }

  @Test
  void negativeOffsetsCountFromTheEndAndBeforeTheStartFindNothing() {
    assertEquals(0, b.lastIndexOf("a", -7));
    assertEquals(8, b.lastIndexOf("a", -1));
    assertEquals(0, b.lastIndexOf("a", -14));
    assertEquals(-1, b.lastIndexOf("a", -15)); // indexOf would search the whole buffer
    assertEquals(-1, b.lastIndexOf("a", Integer.MIN_VALUE));
  }

  @Test
  void offsetsPastTheEndSearchTheWholeBuffer() {
    assertEquals(10, b.lastIndexOf("cd", 100)); // indexOf would find nothing
    assertEquals(10, b.lastIndexOf("cd", Integer.MAX_VALUE));
    assertEquals(13, b.lastIndexOf((int) 'f', Integer.MAX_VALUE));
  }

  @Test
  void emptyNeedleIsFoundAtTheClampedOffset() {
    assertEquals(14, b.lastIndexOf(""));
    assertEquals(14, b.lastIndexOf("", 100));
    assertEquals(3, b.lastIndexOf("", 3));
    assertEquals(11, b.lastIndexOf("", -3));
    assertEquals(0, b.lastIndexOf("", -30)); // unlike a non-empty needle
    assertEquals(14, b.lastIndexOf(Buffer.alloc(0)));
    assertEquals(11, b.lastIndexOf(Buffer.alloc(0), -3));
    assertEquals(0, b.lastIndexOf(Buffer.alloc(0), -30));
    assertEquals(0, Buffer.alloc(0).lastIndexOf(""));
    assertEquals(0, Buffer.alloc(0).lastIndexOf("", 3));
  }

  @Test
  void emptyBufferFindsNothing() {
    assertEquals(-1, Buffer.alloc(0).lastIndexOf("a"));
    assertEquals(-1, Buffer.alloc(0).lastIndexOf(0));
    assertEquals(-1, Buffer.alloc(0).lastIndexOf(Buffer.from("a"), -1));
  }

  @Test
  void byteValues() {
    assertEquals(8, b.lastIndexOf(0x61));
    assertEquals(0, b.lastIndexOf(0x61, 7));
    assertEquals(-1, b.lastIndexOf(0x20, -100));
    assertEquals(7, b.lastIndexOf(0x20, 100));
    assertEquals(13, b.lastIndexOf(0x166)); // Node compares the low byte
    assertEquals(8, b.lastIndexOf(-159));
    assertEquals(0, Buffer.from("abc").lastIndexOf('a', -3));
    assertEquals(-1, Buffer.from("abc").lastIndexOf('a', -4));
  }

  @Test
  void buffers() {
    assertEquals(10, b.lastIndexOf(Buffer.from("cd")));
    assertEquals(-1, b.lastIndexOf(Buffer.from("ef"), 3));
    assertEquals(8, b.lastIndexOf(b.subarray(0, 3), 8)); // a view of the haystack itself
    assertEquals(0, b.lastIndexOf(b.subarray(0, 3), 7));
    assertEquals(0, b.lastIndexOf(b));
  }

  @Test
  void encodings() {
    assertEquals(10, b.lastIndexOf("6364", "hex"));
    assertEquals(2, b.lastIndexOf("6364", 5, "hex"));
    assertEquals(10, b.lastIndexOf("Y2Q=", "base64"));
    assertEquals(10, b.lastIndexOf("cd", 100, "binary"));
    Buffer h = Buffer.from("h\u00e9\u00e9");
    assertEquals(3, h.lastIndexOf("\u00e9"));
    assertEquals(1, h.lastIndexOf("\u00e9", 2));
    assertEquals(-1, h.lastIndexOf("\u00e9", "latin1"));
  }

  @Test
  void utf16leMatchesOnlyWholeCodeUnits() {
    Buffer u = Buffer.from("abab", "ucs2");
    assertEquals(4, u.lastIndexOf("ab", "ucs2"));
    assertEquals(0, u.lastIndexOf("ab", 3, "ucs2"));
    assertEquals(4, u.lastIndexOf("ab", 5, "ucs2")); // from the unit holding the offset
    assertEquals(-1, u.lastIndexOf("b", 1, "ucs2"));
    assertEquals(2, u.lastIndexOf("b", -3, "ucs2"));
    assertEquals(5, u.lastIndexOf("", -3, "ucs2"));
    Buffer odd = Buffer.from("0061006100", "hex"); // the units are 0x6100, 0x6100
    assertEquals(2, odd.lastIndexOf("\u6100", "utf16le"));
    assertEquals(-1, odd.lastIndexOf("a", "utf16le"));
    assertEquals(0, Buffer.from("610061", "hex").lastIndexOf("a", "ucs2"));
    assertEquals(-1, Buffer.from("61", "hex").lastIndexOf("a", "ucs2"));
  }

  @Test
  void badArguments() {
    assertThrowsCode(ERR_UNKNOWN_ENCODING, () -> b.lastIndexOf("cd", 0, "utf9"));
    assertThrowsCode(ERR_UNKNOWN_ENCODING, () -> b.lastIndexOf("", 0, "utf9"));
    assertThrowsCode(ERR_UNKNOWN_ENCODING, () -> b.lastIndexOf("cd", ""));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> b.lastIndexOf((String) null));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> b.lastIndexOf((Buffer) null, 0));
  }
}
