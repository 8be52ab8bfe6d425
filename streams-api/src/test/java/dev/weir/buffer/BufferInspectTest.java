package dev.weir.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of the default-limit cases of nodejs/node test/parallel/test-buffer-inspect.js. */
@Timeout(5)
class BufferInspectTest {
  @Test
  void printsLowerCaseHexPairs() {
    assertEquals("<Buffer 68 c3 a9 00 ff>", Buffer.from("68C3A900FF", "hex").inspect());
    assertEquals("<Buffer 66 68 71 77>", Buffer.from("fhqw").inspect());
  }

  @Test
  void printsOnlyTheView() {
    assertEquals("<Buffer 0a ff>", Buffer.from("780aff78", "hex").subarray(1, 3).inspect());
  }

  @Test
  void emptyBuffer() {
    assertEquals("<Buffer >", Buffer.alloc(0).inspect());
  }

  @Test
  void stopsAfterFiftyBytes() {
    String fifty = "<Buffer" + " 01".repeat(50);
    assertEquals(fifty + ">", Buffer.alloc(50, 1).inspect());
    assertEquals(fifty + " ... 1 more byte>", Buffer.alloc(51, 1).inspect());
    assertEquals(fifty + " ... 950 more bytes>", Buffer.alloc(1000, 1).inspect());
  }

  @Test
  void toStringStillDecodes() {
    assertEquals("hi", Buffer.from("hi").toString());
    assertEquals("<Buffer 68 69>", Buffer.from("hi").inspect());
  }
}
