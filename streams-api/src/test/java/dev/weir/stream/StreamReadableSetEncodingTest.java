package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weir.buffer.Buffer;
import dev.weir.loop.TestLoop;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code setEncoding()} and the {@code encoding} option; ports the behaviours of nodejs/node
 * test/parallel test-stream2-set-encoding.js, test-stream-readable-setEncoding-null.js and
 * test-stream-readable-setEncoding-existing-buffers.js.
 */
@Timeout(10)
class StreamReadableSetEncodingTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();

  @AfterEach
  void tearDown() {
    try {
      loop.runUntilIdle();
      mustCall.verify();
    } finally {
      loop.close();
    }
  }

  private static Buffer bytes(int... b) {
    byte[] a = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      a[i] = (byte) b[i];
    }
    return Buffer.from(a);
  }

  /** Pushes {@code chunks} then EOF and returns the decoded 'data' chunks. */
  private List<String> decode(String encoding, Buffer... chunks) {
    Readable<String> r = readable().setEncoding(encoding);
    List<String> out = new ArrayList<>();
    r.on("data", (String c) -> out.add(c));
    r.on("end", mustCall.once());
    for (Buffer c : chunks) {
      r.push(c);
    }
    r.push(null);
    loop.runUntilIdle();
    return out;
  }

  @Test
  void utf8NeverSplitsACharacterAcrossChunks() {
    assertEquals(List.of("€", "A"), decode("utf8", bytes(0xe2), bytes(0x82), bytes(0xac),
        bytes(0x41)));
  }

  @Test
  void utf16leJoinsCodeUnitsSplitAcrossChunks() {
    assertEquals(List.of("A", "B"), decode("utf16le", bytes(0x41), bytes(0x00, 0x42),
        bytes(0x00)));
  }

  @Test
  void base64EmitsWholeQuantaAndPadsTheRestAtEnd() {
    assertEquals(List.of("YWJj", "ZA=="), decode("base64", bytes(0x61), bytes(0x62),
        bytes(0x63), bytes(0x64)));
    assertEquals(List.of("YWJj", "ZGU="), decode("base64", bytes(0x61, 0x62, 0x63, 0x64,
        0x65)));
  }

  @Test
  void hexEncodesEveryByteAsTwoCharacters() {
    assertEquals(List.of("01ff", "10"), decode("hex", bytes(0x01, 0xff), bytes(0x10)));
  }

  @Test
  void readableEncodingIsNullUntilSetAndNormalised() {
    // Node: test-stream-readable-setEncoding-null.js: setEncoding(null) means utf8.
    Readable<Buffer> r = readable();
    assertNull(r.readableEncoding());
    r.setEncoding(null);
    assertEquals("utf8", r.readableEncoding());
    r.setEncoding("UTF-8");
    assertEquals("utf8", r.readableEncoding());
    r.setEncoding("ucs2");
    assertEquals("utf16le", r.readableEncoding());
    r.setEncoding("binary");
    assertEquals("latin1", r.readableEncoding());
  }

  @Test
  void setEncodingReturnsTheSameStream() {
    Readable<Buffer> r = readable();
    assertSame(r, r.setEncoding("utf8"));
  }

  @Test
  void setEncodingDecodesBuffersAlreadyQueuedWithoutSplittingCharacters() {
    // Node: test-stream-readable-setEncoding-existing-buffers.js.
    Readable<Buffer> r = readable();
    r.push(bytes(0xe2, 0x82));
    r.push(bytes(0xac, 0x61));
    assertEquals(4, r.readableLength());
    Readable<String> s = r.setEncoding("utf8");
    // The length is now counted in characters.
    assertEquals(2, s.readableLength());
    assertEquals("€a", s.read());
  }

  @Test
  void theEncodingOptionMakesReadCountCharacters() {
    // Node: test-stream2-set-encoding.js: read(n) counts characters of the encoding.
    Readable<Object> r = new Readable<>(new ReadableOptions<Object>().encoding("hex")
        .read((s, n) -> {}));
    assertEquals("hex", r.readableEncoding());
    r.push(Buffer.from("hello"));
    assertEquals(10, r.readableLength());
    assertEquals("6865", r.read(4));
    assertNull(r.read(100));
    assertEquals(6, r.readableLength());
    r.push(null);
    assertEquals("6c6c6f", r.read(100));
  }

  @Test
  void pushingAStringInTheStreamEncodingKeepsItAsIs() {
    Readable<String> r = readable().setEncoding("utf8");
    r.push("héllo");
    assertEquals(5, r.readableLength());
    r.push("€", "utf8");
    assertEquals("héllo€", r.read());
  }

  @Test
  void aCharacterSplitAtEndIsFlushedAsReplacement() {
    List<String> out = decode("utf8", bytes(0x61, 0xe2, 0x82));
    assertEquals(List.of("a", "\ufffd"), out);
  }

  @Test
  void setEncodingWhileFlowingAppliesToLaterChunksOnly() {
    Readable<Buffer> r = readable();
    List<String> out = new ArrayList<>();
    r.on("data", (Object c) -> out.add((c instanceof String ? "string " : "buffer ") + c));
    r.on("end", mustCall.once(() -> out.add("end")));
    r.push(bytes(0xe2, 0x82));
    loop.runUntilIdle();
    r.push(bytes(0xac));
    r.setEncoding("utf8");
    r.push(bytes(0xe2));
    r.push(bytes(0x82, 0xac));
    r.push(null);
    loop.runUntilIdle();
    // Chunks emitted before setEncoding stay Buffers (and their halves stay broken).
    assertEquals(List.of("buffer \ufffd", "buffer \ufffd", "string €", "end"), out);
  }
}
