package dev.weir.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.testing.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test: the same encoding cases run under {@code node} and under Weir, their
 * outputs compared line by line (as hex, so lone surrogates survive the trip through stdout).
 * Skipped where node is not installed.
 */
@Timeout(30)
class BufferNodeDiffTest {
  /** {@code Buffer.from(string, encoding)} cases. */
  static final String[][] FROM = {
      {"a\ud800", "utf8"},
      {"\udc00\ud83d\ude00\ud800", "utf8"},
      {"\ude00\ud83d", "utf-8"},
      {"h\u00e9 \u20ac \ud83d\ude00", "utf8"},
      {"abc", "hex"},
      {"zzab", "hex"},
      {"abzz12", "hex"},
      {"\u0161\u0162", "hex"},
      {"ABCDEF", "HEX"},
      {"YWI", "base64"},
      {"Y W\nJ j\tZA", "base64"},
      {"-_-_", "base64"},
      {"+/+/", "base64url"},
      {"YW=Jj", "base64"},
      {"!!YQ", "base64"},
      {"Y", "base64"},
      {"\u0159WJj", "base64"},
      {"A\u00e9\u20ac\ud83d\ude00", "latin1"},
      {"A\u00e9\u20ac", "ascii"},
      {"a\ud83d\ude00\udc00", "ucs2"},
  };

  /** {@code Buffer.from(hex, 'hex').toString(encoding)} cases. */
  static final String[][] TO_STRING = {
      {"f08080e28241eda080c080f4908080f5ff80e0a0", "utf8"},
      {"e0", "utf8"},
      {"f09f98", "utf8"},
      {"41f09f9880efbbbf", "utf8"},
      {"c1bfe080f09080", "utf8"},
      {"41c1ff80", "ascii"},
      {"41c1ff80", "latin1"},
      {"610062", "utf16le"},
      {"00d86100", "ucs2"},
      {"fbff", "base64"},
      {"fbffbf01", "base64url"},
      {"00ff7f", "hex"},
  };

  /** {@code Buffer.byteLength(string, encoding)} cases. */
  static final String[][] BYTE_LENGTH = {
      {"ab cd", "base64"}, {"aGk=", "base64"}, {"\ud800x", "utf8"}, {"abc", "hex"},
      {"ab", "foo"}, {"\u20ac", "latin1"}, {"ab", "ucs2"},
  };

  /** StringDecoder cases: encoding, then chunks in hex. */
  static final String[][] DECODER = {
      {"utf8", "e2", "82", "ac"},
      {"utf8", "f0", "9f", "41"},
      {"utf8", "eda0", "80"},
      {"utf8", "c2", "e2"},
      {"utf8", "f4", "90"},
      {"utf16le", "3d", "d8", "00de"},
      {"utf16le", "3dd861"},
      {"base64", "61", "62", "6364656667"},
      {"base64url", "fbff"},
  };

  static String js(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.append('\'').toString();
  }

  static String u16(String s) {
    return Buffer.from(s, "utf16le").toString("hex");
  }

  @Test
  void encodingsMatchNode() {
    StringBuilder script = new StringBuilder(
        "const {StringDecoder} = require('string_decoder');\n"
            + "const u16 = (s) => Buffer.from(s, 'utf16le').toString('hex');\n");
    List<String> weir = new ArrayList<>();
    for (String[] c : FROM) {
      script.append("console.log('from', Buffer.from(").append(js(c[0])).append(", '")
          .append(c[1]).append("').toString('hex'));\n");
      weir.add("from " + Buffer.from(c[0], c[1]).toString("hex"));
    }
    for (String[] c : TO_STRING) {
      script.append("console.log('toString', u16(Buffer.from('").append(c[0])
          .append("', 'hex').toString('").append(c[1]).append("')));\n");
      weir.add("toString " + u16(Buffer.from(c[0], "hex").toString(c[1])));
    }
    for (String[] c : BYTE_LENGTH) {
      script.append("console.log('byteLength', Buffer.byteLength(").append(js(c[0]))
          .append(", '").append(c[1]).append("'));\n");
      weir.add("byteLength " + Buffer.byteLength(c[0], c[1]));
    }
    for (String[] c : DECODER) {
      script.append("{ const d = new StringDecoder('").append(c[0]).append("'); const out = [];\n");
      StringDecoder d = new StringDecoder(c[0]);
      List<String> parts = new ArrayList<>();
      for (int i = 1; i < c.length; i++) {
        script.append("  out.push(u16(d.write(Buffer.from('").append(c[i]).append("', 'hex'))));\n");
        parts.add(u16(d.write(Buffer.from(c[i], "hex"))));
      }
      script.append("  out.push(u16(d.end())); console.log('decoder', out.join(',')); }\n");
      parts.add(u16(d.end()));
      weir.add("decoder " + String.join(",", parts));
    }
    String[] writes = {"a\u20acb", "ab\ud83d\ude00", "a\ud800", "\u00e9\u00e9"};
    for (String w : writes) {
      script.append("{ const b = Buffer.alloc(4); const n = b.write(").append(js(w))
          .append(", 1); console.log('write', n, b.toString('hex')); }\n");
      Buffer b = Buffer.alloc(4);
      int n = b.write(w, 1);
      weir.add("write " + n + " " + b.toString("hex"));
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }
}
