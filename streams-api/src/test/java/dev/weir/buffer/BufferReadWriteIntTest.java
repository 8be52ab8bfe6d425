package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_BUFFER_OUT_OF_BOUNDS;
import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Port of nodejs/node test/parallel/test-buffer-readint.js, -writeint.js, -bigint64.js. */
@Timeout(5)
class BufferReadWriteIntTest {
  final Buffer c = Buffer.from("fffefdfc8180ff01", "hex");

  static void assertThrowsCode(dev.weir.errors.ErrorCode code, Executable e) {
    assertCode(code, assertThrows(WeirException.class, e));
  }

  @Test
  void readsMatchNode() {
    assertEquals(255, c.readUInt8(0));
    assertEquals(-1, c.readInt8(0));
    assertEquals(65534, c.readUInt16BE(0));
    assertEquals(65279, c.readUInt16LE(0));
    assertEquals(-2, c.readInt16BE(0));
    assertEquals(-771, c.readInt16LE(2));
    assertEquals(4294901244L, c.readUInt32BE(0));
    assertEquals(33521793L, c.readUInt32LE(4));
    assertEquals(-66052, c.readInt32BE(0));
    assertEquals(33521793, c.readInt32LE(4));
    assertEquals(0x80, c.readUInt8(5));
    assertEquals(-128, c.readInt8(5));
  }

  @Test
  void readBigInt64AsLong() {
    assertEquals(0xfffefdfc8180ff01L, c.readBigInt64BE(0));
    assertEquals(-283689007120639L, c.readBigInt64BE(0));
    assertEquals(0x01ff8081fcfdfeffL, c.readBigInt64LE(0));
    assertEquals("18446460384702430977", Long.toUnsignedString(c.readBigUInt64BE(0)));
    assertEquals("143975008882786047", Long.toUnsignedString(c.readBigUInt64LE(0)));
  }

  @Test
  void writesReturnOffsetPlusSize() {
    Buffer b = Buffer.alloc(8);
    assertEquals(1, b.writeUInt8(0xab, 0));
    assertEquals(2, b.writeInt8(-2, 1));
    assertEquals(4, b.writeUInt16BE(0x1234, 2));
    assertEquals(8, b.writeUInt16LE(0x1234, 6));
    assertEquals("abfe123400003412", b.toString("hex"));
    assertEquals(3, b.writeInt16BE(-2, 1));
    assertEquals(5, b.writeInt16LE(-2, 3));
    assertEquals("abfffefeff003412", b.toString("hex"));
  }

  @Test
  void write32() {
    Buffer b = Buffer.alloc(8);
    assertEquals(4, b.writeUInt32BE(0xdeadbeefL, 0));
    assertEquals(8, b.writeUInt32LE(0xdeadbeefL, 4));
    assertEquals("deadbeefefbeadde", b.toString("hex"));
    b.writeInt32BE(-2, 0);
    b.writeInt32LE(Integer.MIN_VALUE, 4);
    assertEquals("fffffffe00000080", b.toString("hex"));
    assertEquals(Integer.MIN_VALUE, b.readInt32LE(4));
  }

  @Test
  void write64() {
    Buffer d = Buffer.alloc(8);
    assertEquals(8, d.writeBigInt64BE(-2L, 0));
    assertEquals("fffffffffffffffe", d.toString("hex"));
    assertEquals(8, d.writeBigInt64LE(0x0102030405060708L, 0));
    assertEquals("0807060504030201", d.toString("hex"));
    assertEquals(8, d.writeBigUInt64BE(-1L, 0)); // 2^64 - 1
    assertEquals("ffffffffffffffff", d.toString("hex"));
    d.writeBigUInt64LE(1L, 0);
    assertEquals(1L, d.readBigUInt64LE(0));
  }

  @Test
  void readOffsetOutsideIsOutOfRange() {
    Buffer b = Buffer.alloc(4);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUInt8(4));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUInt8(-1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUInt16BE(3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readInt16LE(3));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readUInt32BE(1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.readInt32LE(1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(8).readBigInt64BE(1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(8).readBigUInt64LE(-1));
  }

  @Test
  void readOnTooShortBufferIsOutOfBounds() {
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(0).readUInt8(0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).readUInt32BE(0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).readUInt32BE(1));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).readUInt32BE(-1));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(7).readBigInt64BE(0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(1).readInt16BE(0));
  }

  @Test
  void writeValueOutsideIsOutOfRange() {
    Buffer b = Buffer.alloc(4);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt8(256, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt8(-1, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt8(128, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt8(-129, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt16LE(65536, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt16BE(-1, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt16LE(-32769, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt16BE(32768, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt32LE(1L << 32, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt32BE(-1, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt32LE(1L << 31, 0));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt32BE(-(1L << 31) - 1, 0));
    assertEquals("00000000", b.toString("hex")); // nothing written
  }

  @Test
  void writeValueIsCheckedBeforeOffset() {
    Buffer b = Buffer.alloc(4);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt8(256, 10));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(0).writeUInt8(256, 0));
  }

  @Test
  void writeOffsetOutside() {
    Buffer b = Buffer.alloc(4);
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt8(1, 4));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeUInt32LE(1, 1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> b.writeInt16BE(1, -1));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> Buffer.alloc(8).writeBigInt64LE(1, 1));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(0).writeUInt8(1, 0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(3).writeUInt32LE(1, 0));
    assertThrowsCode(ERR_BUFFER_OUT_OF_BOUNDS, () -> Buffer.alloc(7).writeBigInt64LE(1, 0));
  }

  @Test
  void readsAndWritesRespectTheViewOffset() {
    Buffer whole = Buffer.from("0001020304050607", "hex");
    Buffer view = whole.subarray(2, 6);
    assertEquals(0x02030405L, view.readUInt32BE(0));
    view.writeUInt16LE(0xbbaa, 2);
    assertEquals("00010203aabb0607", whole.toString("hex"));
    assertThrowsCode(ERR_OUT_OF_RANGE, () -> view.readUInt16BE(3));
  }
}
