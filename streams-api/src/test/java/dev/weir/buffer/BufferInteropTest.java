package dev.weir.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Weir's zero-copy accessors: asByteBuffer, array, byteOffset, toByteArray. */
@Timeout(5)
class BufferInteropTest {
  @Test
  void asByteBufferIsAViewOfTheRange() {
    Buffer whole = Buffer.from("0123456789");
    Buffer view = whole.subarray(2, 6);
    ByteBuffer bb = view.asByteBuffer();
    assertEquals(0, bb.position());
    assertEquals(4, bb.limit());
    assertEquals(4, bb.capacity());
    assertEquals(ByteOrder.BIG_ENDIAN, bb.order());
    assertEquals('2', bb.get(0));
    bb.put(0, (byte) 'x'); // writes through, no copy
    assertEquals("01x3456789", whole.toString());
    whole.set(3, 'y');
    assertEquals('y', bb.get(1));
    assertSame(whole.array(), bb.array());
    assertEquals(2, bb.arrayOffset());
  }

  @Test
  void arrayAndByteOffsetExposeBackingMemory() {
    Buffer whole = Buffer.from("abcdef");
    Buffer view = whole.subarray(3);
    assertSame(whole.array(), view.array());
    assertEquals(3, view.byteOffset() - whole.byteOffset());
    view.array()[view.byteOffset()] = 'z';
    assertEquals("abczef", whole.toString());
  }

  @Test
  void toByteArrayCopies() {
    Buffer view = Buffer.from("abcdef").subarray(1, 3);
    byte[] copy = view.toByteArray();
    assertArrayEquals(new byte[] {'b', 'c'}, copy);
    copy[0] = 'q';
    assertEquals("bc", view.toString());
  }
}
