package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.WeirException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-compare.js and -equals.js. */
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
  void nullArgumentsAreInvalid() {
    Buffer b = Buffer.alloc(1);
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class, () -> b.compare(null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.compare(null, b)));
  }
}
