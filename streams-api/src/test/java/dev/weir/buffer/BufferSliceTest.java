package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-slice.js, -copy.js and indexing cases. */
@Timeout(5)
class BufferSliceTest {
  final Buffer abcdef = Buffer.from("abcdef");

  @Test
  void getAndSetAreUnsignedBytes() {
    Buffer b = Buffer.from(new byte[] {(byte) 0xff, 1});
    assertEquals(255, b.get(0));
    b.set(0, 256);
    b.set(1, -1);
    assertEquals("00ff", b.toString("hex")); // Node: x[0] = 256 stores 0, x[1] = -1 stores 255
  }

  @Test
  void getAndSetOutsideAreOutOfRange() {
    Buffer b = Buffer.alloc(2);
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.get(2)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.get(-1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> b.set(2, 0)));
  }

  @Test
  void subarrayClampsLikeNode() {
    assertEquals("ef", abcdef.subarray(-2).toString());
    assertEquals("ab", abcdef.subarray(-10, 2).toString());
    assertEquals("", abcdef.subarray(4, 2).toString());
    assertEquals("bcde", abcdef.subarray(1, -1).toString());
    assertEquals("cdef", abcdef.subarray(2, 100).toString());
    assertEquals("", abcdef.subarray(6).toString());
    assertEquals("", abcdef.subarray(10).toString());
    assertEquals("bc", abcdef.slice(1, 3).toString());
    assertEquals("def", abcdef.slice(-3).toString());
  }

  @Test
  void subarraySharesMemory() {
    Buffer a = Buffer.from("abcd");
    Buffer s = a.subarray(1, 3);
    s.set(0, 'z');
    assertEquals("azcd", a.toString());
    assertSame(a.array(), s.array());
    assertEquals(a.byteOffset() + 1, s.byteOffset());
    Buffer t = a.slice(2);
    a.set(3, 'y');
    assertEquals("cy", t.toString());
    Buffer nested = t.subarray(1).subarray(0, 1);
    nested.set(0, 'x');
    assertEquals("azcx", a.toString()); // a view of a view writes through to the root
  }

  @Test
  void copyReturnsBytesCopied() {
    Buffer target = Buffer.alloc(10);
    assertEquals(4, abcdef.copy(target, 0, 2, 100)); // sourceEnd past the end is clamped
    assertEquals("63646566000000000000", target.toString("hex"));
    Buffer small = Buffer.alloc(3);
    assertEquals(2, abcdef.copy(small, 1));
    assertEquals("\u0000ab", small.toString());
    assertEquals(3, abcdef.copy(small));
    assertEquals("abc", small.toString());
    assertEquals(2, abcdef.copy(small, 0, 4));
    assertEquals("efc", small.toString());
  }

  @Test
  void copyNothingCases() {
    Buffer small = Buffer.alloc(3);
    assertEquals(0, abcdef.copy(small, 0, 6)); // sourceStart == length
    assertEquals(0, abcdef.copy(small, 5)); // targetStart past the target
    assertEquals(0, abcdef.copy(small, 0, 4, 2)); // sourceEnd before sourceStart
    assertEquals("000000", small.toString("hex"));
  }

  @Test
  void copyBadOffsetsAreOutOfRange() {
    Buffer small = Buffer.alloc(3);
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> abcdef.copy(small, -1)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> abcdef.copy(small, 0, -1)));
    assertCode(ERR_OUT_OF_RANGE, assertThrows(WeirException.class, () -> abcdef.copy(small, 0, 7)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> abcdef.copy(small, 0, 0, -1)));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class, () -> abcdef.copy(null)));
  }

  @Test
  void copyWithinOneBufferOverlaps() {
    Buffer b = Buffer.from("abcdef");
    assertEquals(4, b.copy(b, 2, 0, 4));
    assertEquals("ababcd", b.toString());
    Buffer c = Buffer.from("abcdef");
    assertEquals(4, c.subarray(2).copy(c, 0));
    assertEquals("cdefef", c.toString());
  }
}
