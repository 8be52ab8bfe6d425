package dev.weir.buffer;

import static dev.weir.errors.ErrorCode.ERR_UNKNOWN_ENCODING;
import static dev.weir.testing.Errors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.errors.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Port of nodejs/node test/parallel/test-buffer-tostring*.js, -badhex.js, -bytelength.js and the
 * encoding cases of test-buffer-alloc.js; expected values are what node v20 prints.
 */
@Timeout(5)
class BufferEncodingTest {
  static Buffer h(String hex) {
    return Buffer.from(hex, "hex");
  }

  static String hex(Buffer b) {
    return b.toString("hex");
  }

  @Test
  void utf8RoundTrip() {
    String s = "a\u00e9\u20ac\ud83d\ude00";
    assertEquals("61c3a9e282acf09f9880", hex(Buffer.from(s)));
    assertEquals(s, Buffer.from(s).toString());
    assertEquals(s, Buffer.from(s, "UTF-8").toString("utf-8"));
    assertEquals("\ufeffa", h("efbbbf61").toString()); // the BOM is kept, as in Node
  }

  @Test
  void loneSurrogatesEncodeAsReplacement() {
    assertEquals("61efbfbd", hex(Buffer.from("a\ud800")));
    assertEquals("efbfbd61", hex(Buffer.from("\udc00a")));
    assertEquals("efbfbdefbfbd", hex(Buffer.from("\ud800\ud800")));
    assertEquals("efbfbdefbfbd", hex(Buffer.from("\ude00\ud83d"))); // reversed pair
    assertEquals("f09f9880", hex(Buffer.from("\ud83d\ude00")));
  }

  @Test
  void invalidUtf8DecodesPerMaximalSubpart() {
    String r = "\ufffd";
    assertEquals(r + r + r, h("f08080").toString());
    assertEquals(r, h("e282").toString()); // truncated sequence: one replacement
    assertEquals(r + "A", h("e28241").toString());
    assertEquals(r + r + r, h("eda080").toString()); // encoded surrogate
    assertEquals(r + r, h("c080").toString()); // overlong
    assertEquals(r + r, h("c1bf").toString());
    assertEquals(r + r + r + r, h("f4908080").toString()); // above U+10FFFF
    assertEquals(r, h("f5").toString());
    assertEquals(r, h("ff").toString());
    assertEquals(r, h("80").toString());
    assertEquals(r + r, h("e080").toString());
    assertEquals(r, h("f09080").toString());
    assertEquals(r + "A", h("f09f9841").toString());
    assertEquals("A\ud83d\ude00", h("41f09f9880").toString());
    assertEquals("\ud800\udc00", h("f0908080").toString());
    assertEquals("\ufffd", h("efbfbd").toString());
  }

  @Test
  void utf16leAliasesAndOddLength() {
    for (String name : new String[] {"utf16le", "utf-16le", "ucs2", "ucs-2", "UCS2"}) {
      assertEquals("61003dd800de", hex(Buffer.from("a\ud83d\ude00", name)), name);
    }
    assertEquals("a", h("610062").toString("ucs2")); // the odd last byte is ignored
    assertEquals("\ud800a", h("00d86100").toString("utf16le")); // lone surrogates are kept
    assertEquals("\u6200\u6300", Buffer.from("abc", "ucs2").toString("ucs2", 1, 5));
  }

  @Test
  void latin1TakesLowByte() {
    assertEquals("41e9ac3d00", hex(Buffer.from("A\u00e9\u20ac\ud83d\ude00", "latin1")));
    assertEquals("41e9", hex(Buffer.from("A\u00e9", "binary")));
    assertEquals("A\u00c1\u00ff\u0080", h("41c1ff80").toString("latin1"));
  }

  @Test
  void asciiEncodesLowByteAndDecodesMasked() {
    assertEquals("41e9ac", hex(Buffer.from("A\u00e9\u20ac", "ascii")));
    assertEquals("AA\u007f\u0000", h("41c1ff80").toString("ascii"));
    assertEquals("plain", Buffer.from("plain").toString("ascii"));
  }

  @Test
  void hexStopsAtFirstInvalidPair() {
    assertEquals("ab", hex(h("abc"))); // trailing odd nibble ignored
    assertEquals("", hex(h("zzab")));
    assertEquals("ab", hex(h("abzz")));
    assertEquals("abcd", hex(h("ABcd")));
    assertEquals("", hex(h("a")));
    assertEquals("", hex(h("0g")));
    assertEquals("ab", hex(h("\u0161\u0162"))); // Node reads the low byte of each char
    assertEquals("00ff10", h("00ff10").toString("hex"));
  }

  @Test
  void base64DecodesLeniently() {
    assertEquals("abc", Buffer.from("YWJj", "base64").toString());
    assertEquals("ab", Buffer.from("YWI", "base64").toString()); // missing padding
    assertEquals("ab", Buffer.from("YW I=", "base64").toString()); // whitespace skipped
    assertEquals("ab", Buffer.from("YW\nI", "base64").toString());
    assertEquals("abc", Buffer.from("!!YWJj!!", "base64").toString()); // invalid chars skipped
    assertEquals("abcd", Buffer.from("Y W J j ZA", "base64").toString());
    assertEquals("a", Buffer.from("YW=Jj", "base64").toString()); // '=' ends the input
    assertEquals("a", Buffer.from("YQ==YQ==", "base64").toString());
    assertEquals("", Buffer.from("=YWJj", "base64").toString());
    assertEquals("", Buffer.from("Y", "base64").toString()); // one sextet is no byte
    assertEquals("", Buffer.from("  ", "base64").toString());
    assertEquals("abc", Buffer.from("\u0159WJj", "base64").toString()); // low byte 0x59 'Y'
  }

  @Test
  void base64AcceptsBothAlphabets() {
    for (String enc : new String[] {"base64", "base64url"}) {
      assertEquals("fbffbf", hex(Buffer.from("-_-_", enc)), enc);
      assertEquals("fbffbf", hex(Buffer.from("+/+/", enc)), enc);
      assertEquals("fbffbf", hex(Buffer.from("+_-/", enc)), enc);
    }
  }

  @Test
  void base64EncodesWithAndWithoutPadding() {
    assertEquals("+/+/", h("fbffbf").toString("base64"));
    assertEquals("-_-_AQ", h("fbffbf01").toString("base64url"));
    assertEquals("AQ==", h("01").toString("base64"));
    assertEquals("AQI=", h("0102").toString("base64"));
    assertEquals("AQI", h("0102").toString("base64url"));
    assertEquals("", Buffer.alloc(0).toString("base64"));
  }

  @Test
  void encodingNamesAreCaseInsensitive() {
    assertEquals("6869", Buffer.from("hi").toString("HEX"));
    assertEquals("aGk=", Buffer.from("hi", "LATIN1").toString("Base64"));
    assertEquals("hi", Buffer.from("aGk", "BASE64URL").toString("ASCII"));
    assertEquals("hi", Buffer.from("hi").toString(null));
  }

  @Test
  void unknownEncodingThrows() {
    Buffer b = Buffer.from("ab");
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(WeirException.class, () -> b.toString("foo")));
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(WeirException.class, () -> b.toString("")));
    assertCode(ERR_UNKNOWN_ENCODING, assertThrows(WeirException.class, () -> b.toString("utf16")));
    // Like Node, an empty range returns "" before the encoding is looked at.
    assertEquals("", Buffer.alloc(0).toString("foo"));
    assertEquals("", b.toString("foo", 1, 1));
  }

  @Test
  void toStringRangeIsClamped() {
    Buffer b = Buffer.from("abcd");
    assertEquals("ab", b.toString("utf8", -1, 2));
    assertEquals("bcd", b.toString("utf8", 1, 10));
    assertEquals("", b.toString("utf8", 3, 1));
    assertEquals("", b.toString("utf8", 9, 10));
    assertEquals("6263", b.toString("hex", 1, 3));
  }

  @Test
  void largeAsciiAndMixedStringsRoundTrip() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append((char) ('a' + i % 26));
      if (i % 1000 == 999) {
        sb.append("\u00e9\ud83d\ude00");
      }
    }
    String s = sb.toString();
    Buffer b = Buffer.from(s);
    assertEquals(Buffer.byteLength(s), b.length());
    assertEquals(s, b.toString());
    assertEquals(s, Buffer.from(b.toString("base64"), "base64").toString());
    assertEquals(s, Buffer.from(b.toString("hex"), "hex").toString());
    assertEquals(s, Buffer.from(s, "ucs2").toString("utf16le"));
  }
}
