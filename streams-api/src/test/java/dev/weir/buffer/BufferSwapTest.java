package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_BUFFER_SIZE;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-swap.js. */
@Timeout(5)
class BufferSwapTest {
  static Buffer h(String hex) {
    return Buffer.from(hex, "hex");
  }

  @Test
  void swapsEachUnitInPlaceAndReturnsThis() {
    Buffer b = h("0102030405060708");
    assertSame(b, b.swap16());
    assertEquals("0201040306050807", b.toString("hex"));
    assertSame(b, b.swap16().swap32().swap64());
    assertEquals("0506070801020304", b.toString("hex"));
    assertEquals("0403020108070605", h("0102030405060708").swap32().toString("hex"));
    assertEquals("0807060504030201", h("0102030405060708").swap64().toString("hex"));
    assertEquals("100f0e0d0c0b0a09", h("0102030405060708090a0b0c0d0e0f10").subarray(8).swap64()
        .toString("hex"));
  }

  @Test
  void swappingTwiceRestores() {
    Buffer b = Buffer.alloc(8 * 40);
    for (int i = 0; i < b.length(); i++) {
      b.set(i, i * 7);
    }
    Buffer copy = Buffer.from(b);
    assertEquals(copy, b.swap16().swap16());
    assertEquals(copy, b.swap32().swap32());
    assertEquals(copy, b.swap64().swap64());
  }

  @Test
  void swap16TurnsUtf16LeIntoBigEndian() {
    Buffer b = Buffer.from("h\u00e9\u20ac", "utf16le");
    assertEquals("006800e920ac", b.swap16().toString("hex"));
  }

  @Test
  void swapsOnlyTheViewOfASharedArray() {
    Buffer all = h("00010203040506");
    all.subarray(1, 5).swap32();
    assertEquals("00040302010506", all.toString("hex"));
    all.subarray(1, 3).swap16();
    assertEquals("00030402010506", all.toString("hex"));
  }

  @Test
  void emptyBufferSwapsToItself() {
    Buffer b = Buffer.alloc(0);
    assertSame(b, b.swap16());
    assertSame(b, b.swap32());
    assertSame(b, b.swap64());
  }

  @Test
  void lengthNotAMultipleIsInvalidBufferSize() {
    Buffer odd = h("010203");
    assertCode(ERR_INVALID_BUFFER_SIZE, assertThrows(WeirException.class, odd::swap16));
    assertCode(ERR_INVALID_BUFFER_SIZE, assertThrows(WeirException.class, odd::swap32));
    assertCode(ERR_INVALID_BUFFER_SIZE, assertThrows(WeirException.class, odd::swap64));
    assertEquals("010203", odd.toString("hex")); // untouched
    Buffer six = Buffer.alloc(6);
    six.swap16();
    assertCode(ERR_INVALID_BUFFER_SIZE, assertThrows(WeirException.class, six::swap32));
    Buffer twelve = Buffer.alloc(12);
    twelve.swap32();
    assertCode(ERR_INVALID_BUFFER_SIZE, assertThrows(WeirException.class, twelve::swap64));
  }
}
