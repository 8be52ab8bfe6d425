package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_BUFFER_OUT_OF_BOUNDS;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Port of the variable-width parts ({@code readUIntBE(offset, byteLength)} and siblings) of
 * nodejs/node test/parallel/test-buffer-readuint.js, -readint.js, -writeuint.js and
 * -writeint.js; expected values printed by node 20.
 */
@Timeout(5)
class BufferReadWriteVarIntTest {
  static WeirException assertThrowsCode(ErrorCode code, Executable e) {
    WeirException err = assertThrows(WeirException.class, e);
    assertCode(code, err);
    return err;
  }

  @Test
  void readsEveryWidth() {
    Buffer u = Buffer.from("0102030405060708", "hex");
    long[][] expected = {
        {2, 2, 2, 2},
        {515, 770, 515, 770},
        {131844, 262914, 131844, 262914},
        {33752069, 84148994, 33752069, 84148994},
        {8640529670L, 25853952770L, 8640529670L, 25853952770L},
        {2211975595527L, 7722435347202L, 2211975595527L, 7722435347202L},
    };
    for (int n = 1; n <= 6; n++) {
      long[] e = expected[n - 1];
      assertEquals(e[0], u.readUIntBE(1, n), "readUIntBE " + n);
      assertEquals(e[1], u.readUIntLE(1, n), "readUIntLE " + n);
      assertEquals(e[2], u.readIntBE(1, n), "readIntBE " + n);
      assertEquals(e[3], u.readIntLE(1, n), "readIntLE " + n);
    }
  }

  @Test
  void readsNegativeValuesSignExtended() {
    Buffer v = Buffer.from("ff80818283848586", "hex");
    long[][] expected = {
        {255, 255, -1, -1},
        {65408, 33023, -128, -32513},
        {16744577, 8487167, -32639, -8290049},
        {4286611842L, 2189525247L, -8355454, -2105442049},
        {1097372631683L, 564830241023L, -2138996093, -534681386753L},
        {280927393710980L, 145700365107455L, -547582999676L, -135774611603201L},
    };
    for (int n = 1; n <= 6; n++) {
      long[] e = expected[n - 1];
      assertEquals(e[0], v.readUIntBE(0, n), "readUIntBE " + n);
      assertEquals(e[1], v.readUIntLE(0, n), "readUIntLE " + n);
      assertEquals(e[2], v.readIntBE(0, n), "readIntBE " + n);
      assertEquals(e[3], v.readIntLE(0, n), "readIntLE " + n);
    }
  }

  @Test
  void writesReturnOffsetPlusByteLength() {
    Buffer w = Buffer.alloc(6);
    assertEquals(3, w.writeUIntBE(0x123456, 0, 3));
    assertEquals(6, w.writeUIntLE(0x123456, 3, 3));
    assertEquals("123456563412", w.toString("hex"));
    assertEquals(6, w.writeIntBE(-2, 0, 6));
    assertEquals("fffffffffffe", w.toString("hex"));
    assertEquals(6, w.writeIntLE(-0x800000000000L, 0, 6));
    assertEquals("000000000080", w.toString("hex"));
    assertEquals(6, w.writeUIntLE(0xffffffffffffL, 0, 6));
    assertEquals(6, w.writeIntBE(-0x8000000000L, 1, 5));
    assertEquals("ff8000000000", w.toString("hex"));
    assertEquals(2, w.writeIntLE(-129, 0, 2));
    assertEquals(6, w.writeIntBE(0x7fffff, 3, 3));
    assertEquals("7fff007fffff", w.toString("hex"));
  }

  @Test
  void writeThenReadRoundTripsAtEveryWidth() {
    Buffer b = Buffer.alloc(8).subarray(1, 7);
    for (int n = 1; n <= 6; n++) {
      long max = (1L << 8 * n) - 1;
      long min = -(1L << 8 * n - 1);
      b.writeUIntBE(max, 0, n);
      assertEquals(max, b.readUIntBE(0, n));
      b.writeUIntLE(max - 1, 6 - n, n);
      assertEquals(max - 1, b.readUIntLE(6 - n, n));
      b.writeIntBE(min, 0, n);
      assertEquals(min, b.readIntBE(0, n));
      b.writeIntLE(-min - 1, 0, n);
      assertEquals(-min - 1, b.readIntLE(0, n));
    }
  }

  @Test
  void fixedWidthsAgreeWithTheNamedMethods() {
    Buffer b = Buffer.from("f1f2f3f4", "hex");
    assertEquals(b.readUInt32BE(0), b.readUIntBE(0, 4));
    assertEquals(b.readInt32LE(0), b.readIntLE(0, 4));
    assertEquals(b.readInt16BE(1), b.readIntBE(1, 2));
    assertEquals(b.readInt8(3), b.readIntLE(3, 1));
  }

  @Test
  void byteLengthOutsideOneToSixIsOutOfRange() {
    Buffer b = Buffer.alloc(8);
    for (int bad : new int[] {0, 7, 8, -1, Integer.MIN_VALUE}) {
      WeirException e = assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUIntBE(0, bad));
      assertTrue(e.getMessage().contains("\"byteLength\""), e.getMessage());
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUIntLE(0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readIntBE(0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readIntLE(0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntBE(0, 0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntLE(0, 0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntBE(0, 0, bad));
      assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntLE(0, 0, bad));
    }
  }

  @Test
  void byteLengthIsCheckedFirst() {
    // Node: not ERR_BUFFER_OUT_OF_BOUNDS, and not the value, when byteLength is bad.
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(0).readUIntBE(0, 7));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(0).writeIntLE(0, 0, 0));
    WeirException e =
        assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(8).writeUIntLE(-1, 9, 7));
    assertTrue(e.getMessage().contains("\"byteLength\""), e.getMessage());
  }

  @Test
  void valueOutsideIsOutOfRangeBeforeTheOffset() {
    Buffer b = Buffer.alloc(6);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntBE(-1, 0, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntLE(1L << 48, 0, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntBE(256, 0, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntLE(1L << 24, 0, 3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntBE(1L << 47, 0, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntLE(-(1L << 47) - 1, 0, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntBE(1L << 39, 0, 5));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntLE(0x800000, 0, 3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntLE(-129, 0, 1));
    WeirException e =
        assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(0).writeUIntBE(-1, 0, 6));
    assertTrue(e.getMessage().contains("\"value\""), e.getMessage());
    assertEquals("000000000000", b.toString("hex")); // nothing written
  }

  @Test
  void offsetOutside() {
    Buffer b = Buffer.alloc(8);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUIntBE(3, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readIntLE(-1, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUIntLE(6, 3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readIntBE(8, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUIntLE(1, 3, 6));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeIntBE(1, -1, 2));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(2).readUIntLE(0, 3));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(5).readIntBE(0, 6));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).writeUIntLE(1, 0, 6));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(0).writeIntBE(1, 0, 1));
  }
}
