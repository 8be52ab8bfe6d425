package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-write.js. */
@Timeout(5)
class BufferWriteTest {
  @Test
  void writesUtf8AtOffset() {
    Buffer b = Buffer.alloc(6);
    assertEquals(3, b.write("abc"));
    assertEquals(2, b.write("\u00e9", 3));
    assertEquals("616263c3a900", b.toString("hex"));
  }

  @Test
  void neverWritesPartOfACharacter() {
    Buffer b = Buffer.alloc(4);
    assertEquals(1, b.write("a\u20acb", 1)); // the euro sign needs 3 bytes, only 2 left
    assertEquals("00610000", b.toString("hex"));
    Buffer c = Buffer.alloc(4);
    assertEquals(2, c.write("ab\u20ac"));
    assertEquals("61620000", c.toString("hex"));
    Buffer d = Buffer.alloc(5);
    assertEquals(5, d.write("a\ud83d\ude00"));
    assertEquals("61f09f9880", d.toString("hex"));
    assertEquals(1, Buffer.alloc(4).write("a\ud83d\ude00"));
  }

  @Test
  void loneSurrogateWritesReplacementWhenItFits() {
    Buffer b = Buffer.alloc(4);
    assertEquals(4, b.write("a\ud800"));
    assertEquals("61efbfbd", b.toString("hex"));
    Buffer c = Buffer.alloc(3);
    assertEquals(1, c.write("a\ud800"));
    assertEquals("610000", c.toString("hex"));
  }

  @Test
  void writeWithLengthAndEncoding() {
    Buffer b = Buffer.alloc(5);
    assertEquals(4, b.write("abc", "ucs2")); // whole code units only
    assertEquals("6100620000", b.toString("hex"));
    Buffer c = Buffer.alloc(6);
    assertEquals(2, c.write("abc", 1, 3, "ucs2"));
    assertEquals("006100000000", c.toString("hex"));
    Buffer d = Buffer.alloc(4);
    assertEquals(2, d.write("abcdef", 2, 4)); // length past the end is clamped
    assertEquals("00006162", d.toString("hex"));
    Buffer e = Buffer.alloc(2);
    assertEquals(2, e.write("6162", "hex"));
    assertEquals("ab", e.toString());
    assertEquals(1, Buffer.alloc(3).write("\u00e9", 2, "latin1"));
    assertEquals(1, Buffer.alloc(2).write("a", "")); // Node: "" is utf8 for write
  }

  @Test
  void writeHexBase64LatinAscii() {
    Buffer b = Buffer.alloc(4);
    assertEquals(0, b.write("zz", "hex"));
    assertEquals(1, b.write("abzz", "hex"));
    assertEquals(1, b.write("abc", "hex"));
    assertEquals("ab000000", b.toString("hex"));
    Buffer two = Buffer.alloc(2);
    assertEquals(2, two.write("aabbcc", "hex"));
    assertEquals("aabb", two.toString("hex"));
    assertEquals(2, two.write("YWJj", "base64")); // truncated decode
    assertEquals("ab", two.toString());
    assertEquals(2, two.write("\u00e9\u20ac", "ascii"));
    assertEquals("e9ac", two.toString("hex"));
    assertEquals(2, two.write("\u20ac\u00e9", "latin1"));
    assertEquals("ace9", two.toString("hex"));
    Buffer four = Buffer.alloc(4);
    assertEquals(4, four.write("YWJjZA", "base64url"));
    assertEquals("abcd", four.toString());
  }

  @Test
  void badOffsetsAndLengthsAreOutOfRange() {
    Buffer b = Buffer.alloc(4);
    assertEquals(0, b.write("abc", 4));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.write("abc", 5)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.write("abc", -1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.write("abc", 0, -1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.write("abc", 2, 5)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.write("", 5)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> b.write("abc", 5, "hex")));
  }

  @Test
  void badEncodingOrStringThrows() {
    Buffer b = Buffer.alloc(2);
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(WeirException.class, () -> b.write("a", "foo")));
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> b.write("a", 0, 1, "utf16")));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class, () -> b.write(null)));
  }
}
