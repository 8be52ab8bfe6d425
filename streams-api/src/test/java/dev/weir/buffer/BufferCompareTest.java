package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Port of nodejs/node test/parallel/test-buffer-compare.js, -compare-offset.js and -equals.js.
 */
@Timeout(5)
class BufferCompareTest {
  static Buffer h(String hex) {
    return Buffer.from(hex, "hex");
  }

  @Test
  void compareIsUnsignedThenByLength() {
    assertEquals(-1, Buffer.compare(h("01"), h("0100")));
    assertEquals(1, Buffer.compare(h("02"), h("0100")));
    assertEquals(0, Buffer.compare(h("0100"), h("0100")));
    assertEquals(1, h("ff").compare(h("01"))); // 0xff is not -1
    assertEquals(-1, Buffer.from("abc").compare(Buffer.from("abd")));
    assertEquals(0, Buffer.alloc(0).compareTo(Buffer.alloc(0)));
  }

  @Test
  void compareSortsLikeNode() {
    List<Buffer> list = new ArrayList<>(List.of(h("ff"), h("0100"), h("01"), h("80")));
    list.sort(null);
    assertEquals(List.of(h("01"), h("0100"), h("80"), h("ff")), list);
  }

  @Test
  void equalsComparesContents() {
    Buffer a = Buffer.from("xabcx").subarray(1, 4);
    Buffer b = Buffer.from("abc");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(b, Buffer.from("abd"));
    assertNotEquals(b, "abc");
    assertNotEquals(b, null);
    Set<Buffer> set = new HashSet<>(List.of(a));
    assertTrue(set.contains(b));
  }

  @Test
  void equalsIsCompareZero() {
    Buffer[] all = {h(""), h("00"), h("0000"), h("ff"), Buffer.from("xabx").subarray(1, 3),
        Buffer.from("ab"), Buffer.alloc(0)};
    for (Buffer x : all) {
      assertTrue(x.equals(x));
      for (Buffer y : all) {
        assertEquals(x.compare(y) == 0, x.equals(y), () -> x.inspect() + " " + y.inspect());
      }
    }
  }

  @Test
  void nullArgumentsAreInvalid() {
    Buffer b = Buffer.alloc(1);
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class, () -> b.compare(null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.compare(null, b)));
  }

  static void assertThrowsCode(ErrorCode code, Executable e) {
    assertCode(code, assertThrows(WeirException.class, e));
  }

  final Buffer a = h("01020304050607080900");
  final Buffer b = h("05060708090001020304");

  @Test
  void rangedCompareLimitsBothSides() {
    assertEquals(-1, a.compare(b, 0)); // the same as a.compare(b)
    assertEquals(1, a.compare(b, 6, 10)); // a against b[6..10)
    assertEquals(1, a.compare(b, 0, 5, 4)); // a[4..] against b[0..5)
    assertEquals(1, a.compare(b, 5, 10, 1));
    assertEquals(-1, a.compare(b, 2, 4, 2));
    assertEquals(-1, a.compare(b, 0, 7, 4));
    assertEquals(-1, a.compare(b, 0, 7, 4, 6));
    assertEquals(0, a.compare(b, 0, 5, 4, 9));
    assertEquals(0, a.compare(b, 6, 10, 0, 4));
    assertEquals(1, h("ff").compare(h("01"), 0, 1, 0, 1)); // unsigned
  }

  @Test
  void rangedCompareOnViewsUsesTheirOffsets() {
    Buffer x = Buffer.from("xxabcxx").subarray(2, 5);
    Buffer y = Buffer.from("abcd");
    assertEquals(0, x.compare(y, 0, 3));
    assertEquals(-1, x.compare(y, 1, 4, 1));
    assertEquals(0, x.compare(y.subarray(1), 0, 2, 1, 3));
  }

  @Test
  void emptyRangesSortEmptySourceFirst() {
    assertEquals(1, a.compare(b, 0, 0, 0)); // empty target
    assertEquals(-1, a.compare(b, 6, 10, 0, 0)); // empty source
    assertEquals(0, a.compare(b, 0, 0, 10)); // both empty
    assertEquals(0, a.compare(b, 10, 10, 10, 10));
    assertEquals(1, a.compare(b, 6, 2)); // start past end: empty, not an error
    assertEquals(-1, a.compare(b, 0, 10, 7, 3));
  }

  @Test
  void startsPastTheEndAreEmptyNotErrors() {
    assertEquals(1, a.compare(b, 100));
    assertEquals(-1, a.compare(b, 0, 10, 100));
    assertEquals(1, a.compare(b, Integer.MAX_VALUE));
    assertEquals(0, a.compare(b, Integer.MAX_VALUE, 10, Integer.MAX_VALUE));
  }

  @Test
  void rangedCompareOutOfRangeArguments() {
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, 11));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, 10, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, 10, 0, 11));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, 10, 0, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> a.compare(b, 0, 10, 0, Integer.MIN_VALUE));
    // targetEnd is checked against the target's length, sourceEnd against this buffer's
    assertEquals(1, Buffer.alloc(3).compare(Buffer.alloc(2), 0, 2, 0, 3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(3).compare(Buffer.alloc(2), 0, 3));
    assertThrowsCode(ERR_OUT_OF_RANGE,
        () -> Buffer.alloc(2).compare(Buffer.alloc(3), 0, 3, 0, 3));
  }

  @Test
  void nullTargetIsInvalidInEveryFormBeforeTheOffsets() {
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> a.compare(null, -1, -1, -1, -1));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> a.compare(null, 0));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> a.compare(null, 0, 0));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> a.compare(null, 0, 0, 0));
    assertThrowsCode(ERR_INVALID_ARG_TYPE, () -> a.compare(null, 0, 0, 0, 0));
  }
}
