package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.WeirException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of the creation cases of nodejs/node test/parallel/test-buffer-alloc.js and -concat.js. */
@Timeout(5)
class BufferAllocTest {
  static String hex(Buffer b) {
    return b.toString("hex");
  }

  @Test
  void allocIsZeroFilled() {
    assertEquals("000000", hex(Buffer.alloc(3)));
    assertEquals(0, Buffer.alloc(0).length());
    assertEquals("0000", hex(Buffer.allocUnsafe(2)));
    assertEquals("0000", hex(Buffer.allocUnsafeSlow(2)));
    assertEquals(0, Buffer.allocUnsafeSlow(0).length());
  }

  @Test
  void negativeSizeIsOutOfRange() {
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.alloc(-1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.allocUnsafe(-1)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> Buffer.allocUnsafeSlow(-1)));
  }

  @Test
  void allocWithNumberFillTakesLowByte() {
    assertEquals("010101", hex(Buffer.alloc(3, 257)));
    assertEquals("ffffff", hex(Buffer.alloc(3, -1)));
  }

  @Test
  void allocWithStringFillRepeatsEncodedBytes() {
    assertEquals("6162616261", hex(Buffer.alloc(5, "ab")));
    assertEquals("6162616261", hex(Buffer.alloc(5, "YWI=", "base64")));
    assertEquals("ababab", hex(Buffer.alloc(3, "abc", "hex"))); // odd nibble ignored
    assertEquals("000000", hex(Buffer.alloc(3, ""))); // empty string fills zeros
    assertEquals("e282ace2", hex(Buffer.alloc(4, "\u20ac"))); // last repetition cut short
    assertEquals("efbfbd", hex(Buffer.alloc(3, "\ud800")));
  }

  @Test
  void allocWithUnusableFillThrows() {
    assertCode(ERR_INVALID_ARG_VALUE,
        assertThrows(WeirException.class, () -> Buffer.alloc(3, "zz", "hex")));
    assertCode(ERR_INVALID_ARG_VALUE,
        assertThrows(WeirException.class, () -> Buffer.alloc(3, Buffer.alloc(0))));
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> Buffer.alloc(2, "a", "foo")));
    assertEquals(0, Buffer.alloc(0, "zz", "hex").length()); // Node skips the fill for size 0
  }

  @Test
  void allocWithBufferFill() {
    assertEquals("0102010201", hex(Buffer.alloc(5, Buffer.from(new byte[] {1, 2}))));
  }

  @Test
  void fromStringDefaultsToUtf8() {
    assertEquals("68c3a9", hex(Buffer.from("h\u00e9")));
    assertEquals("6162", hex(Buffer.from("ab", (String) null)));
    assertEquals("6162", hex(Buffer.from("ab", ""))); // Node: an empty name is utf8 here
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> Buffer.from("a", "foo")));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.from((String) null)));
  }

  @Test
  void fromByteArrayCopies() {
    byte[] bytes = {1, 2, 3};
    Buffer b = Buffer.from(bytes);
    bytes[0] = 9;
    assertEquals(1, b.get(0));
    assertNotSame(bytes, b.array());
    Buffer c = Buffer.from(b);
    b.set(1, 7);
    assertEquals(2, c.get(1));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.from((byte[]) null)));
  }

  @Test
  void wrapSharesTheArray() {
    byte[] bytes = {1, 2, 3, 4, 5};
    Buffer b = Buffer.wrap(bytes, 1, 3);
    assertSame(bytes, b.array());
    assertEquals(1, b.byteOffset());
    assertEquals(3, b.length());
    bytes[1] = 42;
    assertEquals(42, b.get(0));
    b.set(2, 0xff);
    assertEquals((byte) 0xff, bytes[3]);
    assertEquals(5, Buffer.wrap(bytes).length());
  }

  @Test
  void wrapOutsideTheArrayIsOutOfRange() {
    byte[] bytes = new byte[4];
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.wrap(bytes, -1, 1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.wrap(bytes, 5, 0)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.wrap(bytes, 2, 3)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.wrap(bytes, 0, -1)));
    assertEquals(0, Buffer.wrap(bytes, 4, 0).length());
  }

  @Test
  void concatJoinsInOrder() {
    Buffer a = Buffer.from("ab");
    Buffer c = Buffer.from("c");
    assertEquals("abc", Buffer.concat(List.of(a, c)).toString());
    assertEquals("6162630000", hex(Buffer.concat(List.of(a, c), 5))); // zero-padded
    assertEquals("6162", hex(Buffer.concat(List.of(a, c), 2))); // truncated
    assertEquals(0, Buffer.concat(List.of()).length());
    assertEquals(0, Buffer.concat(List.of(), 3).length()); // Node: empty list, empty buffer
    Buffer joined = Buffer.concat(List.of(a));
    a.set(0, 0x7a);
    assertEquals("ab", joined.toString()); // a copy, even of one buffer
  }

  @Test
  void concatRejectsBadArguments() {
    List<Buffer> list = List.of(Buffer.from("a"));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> Buffer.concat(list, -1)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.concat(Arrays.asList(Buffer.alloc(1), null))));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class, () -> Buffer.concat(null)));
  }

  @Test
  void byteLengthPerEncoding() {
    assertEquals(4, Buffer.byteLength("\ud800x")); // lone surrogate: 3 bytes
    assertEquals(4, Buffer.byteLength("\ud83d\ude00", "utf8"));
    assertEquals(6, Buffer.byteLength("h\u00e9\u20ac"));
    assertEquals(4, Buffer.byteLength("ab", "ucs2"));
    assertEquals(2, Buffer.byteLength("\u00e9\u20ac", "latin1"));
    assertEquals(1, Buffer.byteLength("abc", "hex"));
    assertEquals(2, Buffer.byteLength("aGk=", "base64"));
    assertEquals(1, Buffer.byteLength("aA==", "base64"));
    assertEquals(1, Buffer.byteLength("YQ", "base64url"));
    assertEquals(0, Buffer.byteLength("a", "base64"));
    assertEquals(3, Buffer.byteLength("ab cd", "base64")); // Node's estimate counts the space
  }

  @Test
  void byteLengthFallsBackToUtf8LikeNode() {
    assertEquals(2, Buffer.byteLength("ab", "foo"));
    assertEquals(2, Buffer.byteLength("ab", ""));
    assertEquals(2, Buffer.byteLength("ab", null));
  }

  @Test
  void byteLengthOfABufferIsItsLength() {
    Buffer b = Buffer.from("h\u00e9llo");
    assertEquals(6, Buffer.byteLength(b));
    assertEquals(4, Buffer.byteLength(b.subarray(2)));
    assertEquals(6, Buffer.byteLength(b, "hex")); // Node ignores the encoding for a buffer
    assertEquals(6, Buffer.byteLength(b, "bogus"));
    assertEquals(0, Buffer.byteLength(Buffer.alloc(0), null));
  }

  @Test
  void byteLengthOfNullIsInvalid() {
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.byteLength((String) null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.byteLength((String) null, "hex")));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.byteLength((Buffer) null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.byteLength((Buffer) null, "utf8")));
  }

  @Test
  void isBufferAndIsEncoding() {
    assertTrue(Buffer.isBuffer(Buffer.alloc(0)));
    assertFalse(Buffer.isBuffer(new byte[0]));
    assertFalse(Buffer.isBuffer(null));
    for (String name : List.of("utf8", "UTF8", "Utf-8", "ucs2", "UCS-2", "UTF-16LE", "utf16le",
        "latin1", "BINARY", "ascii", "ASCII", "base64", "BASE64URL", "hex", "HEX")) {
      assertTrue(Buffer.isEncoding(name), name);
    }
    for (String name : Arrays.asList("", null, "utf-16", "utf16", "ucs-2le", "foo")) {
      assertFalse(Buffer.isEncoding(name), String.valueOf(name));
    }
  }
}
