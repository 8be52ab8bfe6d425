package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_BUFFER_OUT_OF_BOUNDS;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The lower-case {@code readUint*}/{@code writeUint*} aliases, as nodejs/node
 * test/parallel/test-buffer-readuint.js and -writeuint.js run both spellings.
 */
@Timeout(5)
class BufferUintAliasTest {
  final Buffer c = Buffer.from("fffefdfc8180ff01", "hex");

  static void assertThrowsCode(ErrorCode code, Executable e) {
    assertCode(code, assertThrows(WeirException.class, e));
  }

  @Test
  void readsEqualTheUIntSpelling() {
    for (int o = 0; o < c.length(); o++) {
      assertEquals(c.readUInt8(o), c.readUint8(o));
      if (o <= 6) {
        assertEquals(c.readUInt16BE(o), c.readUint16BE(o));
        assertEquals(c.readUInt16LE(o), c.readUint16LE(o));
      }
      if (o <= 4) {
        assertEquals(c.readUInt32BE(o), c.readUint32BE(o));
        assertEquals(c.readUInt32LE(o), c.readUint32LE(o));
      }
      for (int n = 1; n <= 6 && o + n <= c.length(); n++) {
        assertEquals(c.readUIntBE(o, n), c.readUintBE(o, n));
        assertEquals(c.readUIntLE(o, n), c.readUintLE(o, n));
      }
    }
    assertEquals(c.readBigUInt64BE(0), c.readBigUint64BE(0));
    assertEquals(c.readBigUInt64LE(0), c.readBigUint64LE(0));
  }

  @Test
  void readsMatchNode() {
    assertEquals(255, c.readUint8(0));
    assertEquals(65534, c.readUint16BE(0));
    assertEquals(65279, c.readUint16LE(0));
    assertEquals(4294901244L, c.readUint32BE(0));
    assertEquals(33521793L, c.readUint32LE(4));
    assertEquals(0xfffefdfc8180L, c.readUintBE(0, 6));
    assertEquals(0x8081fcfdfeffL, c.readUintLE(0, 6));
    assertEquals("18446460384702430977", Long.toUnsignedString(c.readBigUint64BE(0)));
    assertEquals("143975008882786047", Long.toUnsignedString(c.readBigUint64LE(0)));
  }

  @Test
  void writesEqualTheUIntSpelling() {
    Buffer a = Buffer.alloc(32);
    Buffer b = Buffer.alloc(32);
    assertEquals(a.writeUInt8(0xab, 0), b.writeUint8(0xab, 0));
    assertEquals(a.writeUInt16BE(0xfeed, 1), b.writeUint16BE(0xfeed, 1));
    assertEquals(a.writeUInt16LE(0xfeed, 3), b.writeUint16LE(0xfeed, 3));
    assertEquals(a.writeUInt32BE(0xdeadbeefL, 5), b.writeUint32BE(0xdeadbeefL, 5));
    assertEquals(a.writeUInt32LE(0xdeadbeefL, 9), b.writeUint32LE(0xdeadbeefL, 9));
    assertEquals(a.writeUIntBE(0xa1b2c3L, 13, 3), b.writeUintBE(0xa1b2c3L, 13, 3));
    assertEquals(a.writeUIntLE(0xa1b2c3d4e5f6L, 16, 6), b.writeUintLE(0xa1b2c3d4e5f6L, 16, 6));
    assertEquals(a.writeBigUInt64BE(-2L, 22), b.writeBigUint64BE(-2L, 22));
    assertEquals(a, b);
    assertEquals(30, b.writeBigUint64LE(0x0102030405060708L, 22));
    assertEquals("0807060504030201", b.subarray(22, 30).toString("hex"));
  }

  @Test
  void badArgumentsGetTheSameCodes() {
    Buffer b = Buffer.alloc(4);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUint8(4));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUint16BE(-1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUint32LE(1));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> b.readBigUint64BE(0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUintBE(0, 7));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUintLE(0, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUint8(256, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUint16LE(-1, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUint32BE(1L << 32, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUint32LE(1, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUintBE(1, 0, 7));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUintLE(256, 0, 1));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> b.writeBigUint64LE(1, 0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(1).writeUint16BE(1, 0));
    assertEquals(Buffer.alloc(4), b); // nothing written by a failed call
  }
}
