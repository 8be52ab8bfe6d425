package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-indexof.js and -includes.js. */
@Timeout(5)
class BufferIndexOfTest {
  final Buffer abcb = Buffer.from("abcb");

  @Test
  void byteValues() {
    Buffer b = Buffer.from(new byte[] {1, 2, 3});
    assertEquals(1, b.indexOf(258)); // Node compares the low byte
    assertEquals(1, b.indexOf(-254));
    assertEquals(2, Buffer.from(new byte[] {1, 2, (byte) 255}).indexOf(-1));
    assertEquals(-1, b.indexOf(4));
    assertEquals(-1, abcb.indexOf('b', 10));
    assertEquals(3, abcb.indexOf('b', -1));
    assertEquals(-1, Buffer.alloc(0).indexOf(0));
  }

  @Test
  void strings() {
    assertEquals(1, abcb.indexOf("bc"));
    assertEquals(3, abcb.indexOf("b", -2));
    assertEquals(1, abcb.indexOf("b", -10));
    assertEquals(-1, abcb.indexOf("b", 10));
    assertEquals(-1, Buffer.from("ab").indexOf("abc"));
    assertEquals(2, abcb.indexOf("6362", 0, "hex"));
    assertEquals(2, abcb.indexOf("Yw==", "base64"));
    assertEquals(1, Buffer.from("h\u00e9\u00e9").indexOf("\u00e9\u00e9"));
    assertEquals(2, Buffer.from("h\u00e9\u00e9", "latin1").indexOf("\u00e9", 2, "latin1"));
  }

  @Test
  void emptyNeedleIsFoundAtClampedOffset() {
    Buffer abc = Buffer.from("abc");
    assertEquals(0, abc.indexOf(""));
    assertEquals(3, abc.indexOf("", 5));
    assertEquals(2, abc.indexOf("", 2));
    assertEquals(2, abc.indexOf("", -1));
    assertEquals(0, abc.indexOf("", -10));
    assertEquals(3, abc.indexOf(Buffer.alloc(0), 5));
    assertEquals(1, abc.indexOf(Buffer.alloc(0), 1));
    assertEquals(0, Buffer.alloc(0).indexOf(""));
    assertEquals(0, Buffer.alloc(0).indexOf("", 1));
  }

  @Test
  void utf16leMatchesOnlyWholeCodeUnits() {
    Buffer b = Buffer.from("abcb", "ucs2");
    assertEquals(4, b.indexOf("cb", 0, "ucs2"));
    assertEquals(2, b.indexOf("b", 3, "ucs2")); // Node starts at the unit holding the offset
    assertEquals(3, b.indexOf("", 3, "ucs2"));
    assertEquals(6, b.indexOf("b", -3, "ucs2"));
    assertEquals(-1, Buffer.from("0061006200", "hex").indexOf("ab", "ucs2"));
    assertEquals(2, Buffer.from("000061006200", "hex").indexOf("ab", "ucs2"));
  }

  @Test
  void utf16leChecksTheByteOffsetBeforeRoundingToAUnit() {
    // Node: a needle that does not fit after the byte offset is not found, even though the
    // unit holding the offset would match (found by BufferNodeDiffTest).
    Buffer b = Buffer.from("abab", "ucs2");
    assertEquals(-1, b.indexOf("ab", -3, "ucs2"));
    assertEquals(-1, b.indexOf("b", -1, "ucs2"));
    assertEquals(6, b.indexOf("b", -2, "ucs2"));
  }

  @Test
  void utf16leIgnoresAnOddLastByte() {
    // Node rounds the haystack down to whole units, offsets from the end included.
    Buffer aaa = Buffer.from("aaa");
    assertEquals(1, aaa.indexOf("", -1, "ucs2"));
    assertEquals(2, aaa.indexOf("", 3, "ucs2"));
    assertEquals(2, aaa.lastIndexOf("", 3, "ucs2"));
    Buffer odd = Buffer.from("6100620063", "hex");
    assertEquals(3, odd.lastIndexOf("", -1, "ucs2"));
    assertEquals(2, odd.lastIndexOf("b", -1, "ucs2"));
    assertEquals(-1, odd.indexOf("c", "ucs2"));
    assertEquals(4, odd.indexOf("c")); // other encodings see the whole buffer
  }

  @Test
  void buffers() {
    assertEquals(1, abcb.indexOf(Buffer.from("bc")));
    assertEquals(3, abcb.indexOf(Buffer.from("b"), 2));
    assertEquals(2, abcb.indexOf(abcb.subarray(2, 3)));
  }

  @Test
  void includesIsIndexOfNotMinusOne() {
    assertTrue(abcb.includes("bc"));
    assertFalse(abcb.includes("bd"));
    assertTrue(abcb.includes('c'));
    assertFalse(abcb.includes('c', 3));
    assertTrue(abcb.includes("b", 3));
    assertTrue(abcb.includes("63", 0, "hex"));
    assertTrue(abcb.includes(Buffer.from("cb")));
    assertFalse(abcb.includes(Buffer.from("cb"), 3));
    assertTrue(abcb.includes('a', 0));
  }

  @Test
  void badArguments() {
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> abcb.indexOf("b", 0, "foo")));
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> abcb.indexOf("b", 0, "")));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> abcb.indexOf((String) null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> abcb.indexOf((Buffer) null)));
  }
}
