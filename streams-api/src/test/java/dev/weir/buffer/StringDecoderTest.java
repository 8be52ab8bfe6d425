package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE;
import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Port of nodejs/node test/parallel/test-string-decoder.js and -end.js: each case lists the
 * chunks (hex) and what node v20 returns for every {@code write} and for {@code end()}.
 */
@Timeout(5)
class StringDecoderTest {
  static final String R = "\ufffd";

  /** The results of writing each hex chunk, then {@code "end:" + end()}. */
  static List<String> decode(String encoding, String... chunks) {
    StringDecoder d = new StringDecoder(encoding);
    List<String> out = new ArrayList<>();
    for (String c : chunks) {
      out.add(d.write(Buffer.from(c, "hex")));
    }
    out.add("end:" + d.end());
    return out;
  }

  @Test
  void utf8CharacterSplitAcrossChunks() {
    assertEquals(List.of("", "", "\u20ac", "end:"), decode("utf8", "e2", "82", "ac"));
    assertEquals(List.of("A", "\u20acB", "end:"), decode("utf8", "41e2", "82ac42"));
    assertEquals(List.of("", "\ud83d\ude00", "end:" + R), decode("utf8", "f09f98", "80f09f"));
    assertEquals(List.of("", "\u00a2", "end:"), decode("utf8", "c2", "a2"));
  }

  @Test
  void utf8InterruptedSequence() {
    assertEquals(List.of("", R + "A", "end:"), decode("utf8", "e2", "41"));
    assertEquals(List.of("", R + "A", "end:"), decode("utf8", "f0", "41"));
    assertEquals(List.of("", "", R + "A", "end:"), decode("utf8", "f0", "9f", "41"));
    assertEquals(List.of("", R + "A", "end:"), decode("utf8", "f090", "41"));
    assertEquals(List.of("", R, "end:" + R), decode("utf8", "c2", "e2"));
    assertEquals(List.of(R, "", "end:" + R), decode("utf8", "ff", "e2"));
    assertEquals(List.of(R, "", "end:" + R), decode("utf8", "80", "c2"));
  }

  @Test
  void utf8HoldsByLeadByteLikeNode() {
    // ED A0 can never be valid, but Node waits for the third byte before replacing it.
    assertEquals(List.of("", R + R + R, "end:"), decode("utf8", "eda0", "80"));
    assertEquals(List.of("", R + R, "end:"), decode("utf8", "c0", "80"));
  }

  @Test
  void utf8IncompleteAtEndIsReplaced() {
    assertEquals(List.of("", "end:" + R), decode("utf8", "e282"));
    assertEquals(List.of("", "", "end:" + R), decode("utf8", "f09f", "98"));
    assertEquals(List.of("", "", "end:" + R + R), decode("utf8", "f4", "90"));
    assertEquals(List.of("", "", "end:" + R + R), decode("utf8", "e0", "80"));
  }

  @Test
  void endWithBufferIsWriteThenEnd() {
    StringDecoder d = new StringDecoder("utf8");
    assertEquals("", d.write(Buffer.from("e2", "hex")));
    assertEquals(R + R, d.end(Buffer.from("e2", "hex")));
    StringDecoder c = new StringDecoder();
    assertEquals("", c.write(Buffer.from("c2", "hex")));
    assertEquals("\u00a2", c.end(Buffer.from("a2", "hex")));
  }

  @Test
  void endResetsForReuse() {
    StringDecoder d = new StringDecoder("base64");
    assertEquals("", d.write(Buffer.from("a")));
    assertEquals("YQ==", d.end());
    assertEquals("", d.end());
    assertEquals("YWJj", d.write(Buffer.from("abc")));
  }

  @Test
  void utf16leHoldsOddBytesAndHighSurrogates() {
    assertEquals(List.of("", "a", "", "\ud83d\ude00", "end:"),
        decode("utf16le", "61", "00", "3dd8", "00de"));
    assertEquals(List.of("", "end:\ud83d"), decode("utf16le", "3dd8"));
    assertEquals(List.of("", "end:"), decode("utf16le", "61")); // a lone odd byte is dropped
    assertEquals(List.of("\ud83d", "end:"), decode("ucs2", "3dd861"));
    assertEquals(List.of("", "\ud83da", "end:"), decode("ucs2", "3dd8", "6100"));
    assertEquals(List.of("\ude00", "end:"), decode("ucs2", "00de"));
  }

  @Test
  void utf16leCanSplitAPairLikeNode() {
    assertEquals(List.of("", "\ud83d", "\ude00", "end:"), decode("utf16le", "3d", "d8", "00de"));
  }

  @Test
  void base64KeepsWholeQuanta() {
    assertEquals(List.of("", "", "YWJj", "", "end:ZA=="), decode("base64", "61", "62", "63", "64"));
    assertEquals(List.of("", "end:YWI="), decode("base64", "6162"));
    assertEquals(List.of("YWJj", "end:ZA=="), decode("base64", "61626364"));
    assertEquals(List.of("", "", "YWJjZGVm", "end:Zw=="),
        decode("base64", "61", "62", "6364656667"));
    assertEquals(List.of("", "end:-_8"), decode("base64url", "fbff"));
  }

  @Test
  void singleByteEncodingsPassThrough() {
    assertEquals(List.of("ab", "", "end:"), decode("hex", "ab", ""));
    assertEquals(List.of("\u00e9\u00ff", "end:"), decode("latin1", "e9ff"));
    assertEquals(List.of("i\u007f", "end:"), decode("ascii", "e9ff"));
  }

  @Test
  void encodingIsNormalized() {
    assertEquals("utf8", new StringDecoder().encoding());
    assertEquals("utf8", new StringDecoder(null).encoding());
    assertEquals("utf8", new StringDecoder("").encoding());
    assertEquals("utf8", new StringDecoder("UTF-8").encoding());
    assertEquals("utf16le", new StringDecoder("ucs2").encoding());
    assertEquals("utf16le", new StringDecoder("UCS-2").encoding());
    assertEquals("utf16le", new StringDecoder("utf-16le").encoding());
    assertEquals("latin1", new StringDecoder("binary").encoding());
    assertEquals("base64url", new StringDecoder("BASE64URL").encoding());
    assertEquals("hex", new StringDecoder("HEX").encoding());
    assertEquals("ascii", new StringDecoder("ascii").encoding());
  }

  @Test
  void badArguments() {
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(WeirException.class,
        () -> new StringDecoder("foo")));
    assertCode(ERR_INVALID_ARG_TYPE, assertThrows(WeirException.class,
        () -> new StringDecoder().write(null)));
  }

  @Test
  void everySplitOfMixedTextDecodesToTheWhole() {
    String text = "a\u00e9\u20ac\ud83d\ude00z";
    for (String enc : new String[] {"utf8", "utf16le", "base64", "hex"}) {
      Buffer all = Buffer.from(text, enc.equals("utf8") || enc.equals("utf16le") ? enc : "utf8");
      String whole = new StringDecoder(enc).end(all);
      for (int cut = 0; cut <= all.length(); cut++) {
        StringDecoder d = new StringDecoder(enc);
        String got = d.write(all.subarray(0, cut)) + d.write(all.subarray(cut)) + d.end();
        assertEquals(whole, got, enc + " cut at " + cut);
      }
      for (int step = 1; step <= 4; step++) {
        StringDecoder d = new StringDecoder(enc);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.length(); i += step) {
          sb.append(d.write(all.subarray(i, i + step)));
        }
        sb.append(d.end());
        assertEquals(whole, sb.toString(), enc + " in steps of " + step);
      }
    }
  }
}
