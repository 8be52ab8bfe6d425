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
 * Port of nodejs/node test/parallel/test-buffer-readfloat.js, -readdouble.js, -writefloat.js and
 * -writedouble.js; expected values printed by node 20.
 */
@Timeout(5)
class BufferReadWriteFloatTest {
  static void assertThrowsCode(ErrorCode code, Executable e) {
    assertCode(code, assertThrows(WeirException.class, e));
  }

  @Test
  void readDouble() {
    Buffer b = Buffer.from("555555555555d53f", "hex");
    assertEquals(1.1945305291680097e+103, b.readDoubleBE(0));
    assertEquals(0.3333333333333333, b.readDoubleLE(0));
    assertEquals(6.9667243837591e-310, Buffer.from("0000803f0000c0ff", "hex").readDoubleBE(0));
  }

  @Test
  void readFloatIsWidenedToDouble() {
    Buffer b = Buffer.from("555555555555d53f", "hex");
    assertEquals(14660154687488.0, b.readFloatBE(0));
    assertEquals(1.6666666269302368, b.readFloatLE(4));
    Buffer c = Buffer.from("0000803f0000c0ff", "hex");
    assertEquals(1.0, c.readFloatLE(0));
    assertEquals(6.923395322689624e-41, c.readFloatBE(4)); // subnormal
    assertTrue(Double.isNaN(c.readFloatLE(4)));
    assertEquals(0.10000000149011612, Buffer.from("3dcccccd", "hex").readFloatBE(0));
    // A double, so arithmetic is Node's: float arithmetic would give 0.3 here.
    assertEquals(0.30000000447034836, Buffer.from("3dcccccd", "hex").readFloatBE(0) * 3);
  }

  @Test
  void infinitiesAndNegativeZero() {
    Buffer b = Buffer.from("7f800000ff80000080000000", "hex");
    assertEquals(Double.POSITIVE_INFINITY, b.readFloatBE(0));
    assertEquals(Double.NEGATIVE_INFINITY, b.readFloatBE(4));
    assertEquals(-0.0, b.readFloatBE(8));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.readFloatBE(8)));
  }

  @Test
  void writeDouble() {
    Buffer d = Buffer.alloc(16);
    assertEquals(8, d.writeDoubleBE(2.225073858507201e-308, 0));
    assertEquals(16, d.writeDoubleLE(2.225073858507201e-308, 8));
    assertEquals("000fffffffffffffffffffffffff0f00", d.toString("hex"));
    d.writeDoubleLE(-0.0, 0);
    d.writeDoubleBE(Double.POSITIVE_INFINITY, 8);
    assertEquals("00000000000000807ff0000000000000", d.toString("hex"));
    d.writeDoubleBE(Double.NaN, 0);
    assertEquals("7ff8000000000000", d.toString("hex", 0, 8));
  }

  @Test
  void writeDoubleKeepsTheBitsItRead() {
    // Node stores a NaN's payload as read; so does Weir.
    Buffer nan = Buffer.from("fff8000000000123", "hex");
    Buffer out = Buffer.alloc(8);
    out.writeDoubleBE(nan.readDoubleBE(0), 0);
    assertEquals("fff8000000000123", out.toString("hex"));
  }

  @Test
  void writeFloatRoundsAsFloat32Array() {
    Buffer f = Buffer.alloc(8);
    assertEquals(4, f.writeFloatBE(0.1, 0));
    assertEquals(8, f.writeFloatLE(-1e-50, 4)); // underflows to -0
    assertEquals("3dcccccd00000080", f.toString("hex"));
    f.writeFloatBE(3.4028235677973366e38, 0); // past the largest float: Infinity
    f.writeFloatLE(3.4028235677973367e38, 4);
    assertEquals("7f8000000000807f", f.toString("hex"));
    f.writeFloatBE(-1e300, 0);
    f.writeFloatLE(1.401298464324817e-45 / 2, 4); // half the smallest subnormal: ties to even, 0
    assertEquals("ff80000000000000", f.toString("hex"));
    f.writeFloatBE(1.401298464324817e-45 * 0.75, 0);
    f.writeFloatLE(1 + Math.pow(2, -24), 4);
    assertEquals("000000010000803f", f.toString("hex"));
    f.writeFloatBE(Double.NaN, 0);
    assertEquals("7fc00000", f.toString("hex", 0, 4));
  }

  @Test
  void writeReturnsOffsetPlusSizeAndRespectsTheView() {
    Buffer whole = Buffer.alloc(12);
    Buffer view = whole.subarray(2, 10);
    assertEquals(6, view.writeFloatLE(1, 2));
    assertEquals("000000000000803f00000000", whole.toString("hex"));
    assertEquals(1.0, view.readFloatLE(2));
    assertEquals(8, view.writeDoubleBE(1, 0));
    assertEquals(1.0, view.readDoubleBE(0));
    assertEquals("00003ff00000000000000000", whole.toString("hex"));
  }

  @Test
  void readOffsetOutside() {
    Buffer b = Buffer.alloc(8);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readFloatBE(5));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readFloatLE(-1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readDoubleBE(1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readDoubleLE(-1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readDoubleLE(Integer.MAX_VALUE));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).readFloatLE(0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(7).readDoubleBE(0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(0).readDoubleLE(-1));
  }

  @Test
  void writeOffsetOutside() {
    Buffer b = Buffer.alloc(8);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeFloatLE(1, 5));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeFloatBE(1, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeDoubleBE(1, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeDoubleLE(1, -8));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).writeFloatBE(1, 0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(7).writeDoubleLE(1, 0));
    assertEquals("0000000000000000", b.toString("hex")); // nothing written
  }
}
