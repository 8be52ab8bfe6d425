package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of the {@code Uint8Array} cases of nodejs/node test/parallel/test-buffer-from.js. */
@Timeout(5)
class BufferCopyBytesFromTest {
  final byte[] view = {1, 2, 3, 4, 5};

  static String hex(Buffer b) {
    return b.toString("hex");
  }

  @Test
  void copiesTheRange() {
    assertEquals("0102030405", hex(Buffer.copyBytesFrom(view)));
    assertEquals("02030405", hex(Buffer.copyBytesFrom(view, 1)));
    assertEquals("0203", hex(Buffer.copyBytesFrom(view, 1, 2)));
    assertEquals("", hex(Buffer.copyBytesFrom(view, 1, 0)));
    assertEquals("", hex(Buffer.copyBytesFrom(new byte[0])));
  }

  @Test
  void isACopyNotAView() {
    Buffer b = Buffer.copyBytesFrom(view, 1, 2);
    view[1] = 9;
    assertEquals("0203", hex(b));
    b.set(0, 7);
    assertEquals(9, view[1]);
  }

  @Test
  void lengthPastTheEndIsClamped() {
    assertEquals("02030405", hex(Buffer.copyBytesFrom(view, 1, 9)));
    assertEquals("05", hex(Buffer.copyBytesFrom(view, 4, Integer.MAX_VALUE)));
  }

  @Test
  void offsetAtOrPastTheEndGivesEmptyBeforeLengthIsChecked() {
    assertEquals(0, Buffer.copyBytesFrom(view, 5).length());
    assertEquals(0, Buffer.copyBytesFrom(view, 9).length());
    assertEquals(0, Buffer.copyBytesFrom(view, 9, -1).length());
    assertEquals(0, Buffer.copyBytesFrom(new byte[0], 0, -1).length());
  }

  @Test
  void badArguments() {
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(null)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(null, 0)));
    assertCode(ERR_INVALID_ARG_TYPE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(null, -1, -1)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(view, -1)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(view, Integer.MIN_VALUE)));
    assertCode(ERR_OUT_OF_RANGE,
        assertThrows(WeirException.class, () -> Buffer.copyBytesFrom(view, 0, -1)));
  }
}
