package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-fill.js. */
@Timeout(5)
class BufferFillTest {
  static String filled(Buffer b) {
    return b.toString("hex");
  }

  @Test
  void fillReturnsThis() {
    Buffer b = Buffer.alloc(2);
    assertSame(b, b.fill(1));
    assertSame(b, b.fill("a"));
    assertSame(b, b.fill(Buffer.from("x")));
  }

  @Test
  void numberFillInRange() {
    assertEquals("000101", filled(Buffer.alloc(3).fill(1, 1)));
    assertEquals("000100", filled(Buffer.alloc(3).fill(1, 1, 2)));
    assertEquals("000000", filled(Buffer.alloc(3).fill(1, 4))); // offset past the end: no-op
    assertEquals("000000", filled(Buffer.alloc(3).fill(1, 2, 1))); // end before offset: no-op
    assertEquals("000000", filled(Buffer.alloc(3).fill(1, 10, 2)));
    assertEquals("ffff", filled(Buffer.alloc(2).fill(-1)));
  }

  @Test
  void badRangeIsOutOfRange() {
    Buffer b = Buffer.alloc(3);
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.fill(1, -1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.fill(1, 0, 4)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.fill(1, 0, -1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.fill("a", -1)));
  }

  @Test
  void stringFillRepeatsAndCuts() {
    assertEquals("0061626162", filled(Buffer.alloc(5).fill("ab", 1)));
    assertEquals("e282ace282", filled(Buffer.alloc(5).fill("\u20ac")));
    assertEquals("006100", filled(Buffer.alloc(3).fill("a", 1, 2)));
    assertEquals("6100610061", filled(Buffer.alloc(5).fill("a", "ucs2")));
    assertEquals("0061626162", filled(Buffer.alloc(5).fill("6162", 1, "hex")));
    assertEquals("0061626100", filled(Buffer.alloc(5).fill("6162", 1, 4, "hex")));
    assertEquals("000000", filled(Buffer.alloc(3, 1).fill(""))); // "" fills zeros
    assertEquals("6161", filled(Buffer.alloc(2).fill("a", ""))); // "" encoding is utf8
    assertEquals("000000", filled(Buffer.alloc(3).fill("a", 4)));
  }

  @Test
  void stringThatEncodesToNothingIsInvalid() {
    assertCode(ERR_INVALID_ARG_VALUE,
        assertThrows(WeirException.class, () -> Buffer.alloc(5).fill("zz", "hex")));
    assertCode(ERR_UNKNOWN_ENCODING,
        assertThrows(WeirException.class, () -> Buffer.alloc(5).fill("zz", "foo")));
  }

  @Test
  void bufferFill() {
    assertEquals("0102010201", filled(Buffer.alloc(5).fill(Buffer.from(new byte[] {1, 2}))));
    assertEquals("0001020100", filled(Buffer.alloc(5).fill(Buffer.from(new byte[] {1, 2}), 1, 4)));
    assertCode(ERR_INVALID_ARG_VALUE,
        assertThrows(WeirException.class, () -> Buffer.alloc(2).fill(Buffer.alloc(0))));
    Buffer self = Buffer.from("abcdef");
    self.fill(self.subarray(0, 2), 1); // the pattern overlaps the target
    assertEquals("aababa", self.toString());
  }

  @Test
  void largeFillUsesWholePattern() {
    Buffer b = Buffer.alloc(1000).fill("abc");
    for (int i = 0; i < 1000; i++) {
      assertEquals("abc".charAt(i % 3), b.get(i), "at " + i);
    }
  }
}
