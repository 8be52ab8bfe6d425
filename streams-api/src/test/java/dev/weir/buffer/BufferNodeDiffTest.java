package dev.weir.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.errors.WeirException;
import dev.weir.testing.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test: the same encoding, search and number cases run under {@code node} and under
 * Weir, their outputs compared line by line (strings as hex, so lone surrogates survive the trip
 * through stdout; doubles as their bits). Skipped where node is not installed.
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

  /** {@code indexOf}/{@code lastIndexOf} haystacks: string, encoding. */
  static final String[][] HAYSTACKS = {
      {"abcdef  abcdef", "utf8"}, {"abab", "ucs2"}, {"0061006100", "hex"}, {"", "utf8"},
      {"aaa", "utf8"}, {"h\u00e9\u00e9", "utf8"},
  };

  /** Needles: string, encoding; each also searched for as a buffer of those bytes. */
  static final String[][] NEEDLES = {
      {"a", "utf8"}, {"cd", "utf8"}, {"", "utf8"}, {"aa", "utf8"}, {"abcdef  abcdefg", "utf8"},
      {"ab", "ucs2"}, {"b", "ucs2"}, {"", "ucs2"}, {"\u6100", "ucs2"}, {"6364", "hex"},
      {"\u00e9", "latin1"}, {"\u00e9", "utf8"}, {"YQ==", "base64"},
  };

  /** Byte values searched for (Node compares {@code value & 0xFF}). */
  static final int[] BYTE_NEEDLES = {0x61, 0x20, 0x162, -159, 0xa9};

  static List<Integer> offsets(int length) {
    List<Integer> offsets = new ArrayList<>(List.of(Integer.MIN_VALUE));
    for (int o = -length - 2; o <= length + 2; o++) {
      offsets.add(o);
    }
    offsets.add(Integer.MAX_VALUE);
    return offsets;
  }

  @Test
  void searchMatchesNode() {
    StringBuilder script = new StringBuilder(
        "const offsets = (n) => { const a = [-2147483648];\n"
            + "  for (let o = -n - 2; o <= n + 2; o++) a.push(o);\n"
            + "  a.push(2147483647); return a; };\n"
            + "const run = (name, h, v, enc) => { for (const op of ['indexOf', 'lastIndexOf']) {\n"
            + "  const r = offsets(h.length).map((o) => enc ? h[op](v, o, enc) : h[op](v, o));\n"
            + "  r.push(enc ? h[op](v, enc) : h[op](v));\n"
            + "  console.log(op, name, r.join(' ')); } };\n");
    List<String> weir = new ArrayList<>();
    for (String[] h : HAYSTACKS) {
      Buffer hay = Buffer.from(h[0], h[1]);
      script.append("{ const h = Buffer.from(").append(js(h[0])).append(", '").append(h[1])
          .append("');\n");
      for (String[] n : NEEDLES) {
        String name = u16(h[0]) + "/" + u16(n[0]) + "/" + n[1];
        script.append("  run('").append(name).append("', h, ").append(js(n[0])).append(", '")
            .append(n[1]).append("');\n");
        script.append("  run('").append(name).append("/buf', h, Buffer.from(").append(js(n[0]))
            .append(", '").append(n[1]).append("'));\n");
        Buffer needle = Buffer.from(n[0], n[1]);
        for (boolean asBuffer : new boolean[] {false, true}) {
          for (boolean forward : new boolean[] {true, false}) {
            List<String> r = new ArrayList<>();
            for (int o : offsets(hay.length())) {
              r.add(String.valueOf(asBuffer
                  ? (forward ? hay.indexOf(needle, o) : hay.lastIndexOf(needle, o))
                  : (forward ? hay.indexOf(n[0], o, n[1]) : hay.lastIndexOf(n[0], o, n[1]))));
            }
            r.add(String.valueOf(asBuffer
                ? (forward ? hay.indexOf(needle) : hay.lastIndexOf(needle))
                : (forward ? hay.indexOf(n[0], n[1]) : hay.lastIndexOf(n[0], n[1]))));
            weir.add((forward ? "indexOf " : "lastIndexOf ") + name + (asBuffer ? "/buf " : " ")
                + String.join(" ", r));
          }
        }
      }
      for (int v : BYTE_NEEDLES) {
        script.append("  run('").append(u16(h[0])).append("/").append(v).append("', h, ")
            .append(v).append(");\n");
        for (boolean forward : new boolean[] {true, false}) {
          List<String> r = new ArrayList<>();
          for (int o : offsets(hay.length())) {
            r.add(String.valueOf(forward ? hay.indexOf(v, o) : hay.lastIndexOf(v, o)));
          }
          r.add(String.valueOf(forward ? hay.indexOf(v) : hay.lastIndexOf(v)));
          weir.add((forward ? "indexOf " : "lastIndexOf ") + u16(h[0]) + "/" + v + " "
              + String.join(" ", r));
        }
      }
      script.append("}\n");
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }

  /** Bytes (hex) read at every offset and width as integers, floats and doubles. */
  static final String[] NUMBER_BYTES = {
      "0102030405060708", "ff80818283848586", "7ff0000000000001fff8000000000123",
      "3dcccccd7f800000ff80000080000000", "0000803f0000c0ff", "",
  };

  /** Writes: method, value, offset, byteLength (ignored by the fixed-width ones), buffer size. */
  static final Object[][] WRITES = {
      {"writeUIntBE", 0x123456L, 0, 3, 6}, {"writeUIntLE", 0x123456L, 3, 3, 6},
      {"writeUIntBE", 0xffffffffffffL, 0, 6, 6}, {"writeUIntLE", 0xffffffffffL, 1, 5, 6},
      {"writeIntBE", -2L, 0, 6, 6}, {"writeIntLE", -0x800000000000L, 0, 6, 6},
      {"writeIntBE", -0x8000000000L, 1, 5, 6}, {"writeIntLE", -129L, 0, 2, 6},
      {"writeIntBE", 0x7fffffL, 3, 3, 6}, {"writeIntLE", -1L, 5, 1, 6},
      {"writeUIntBE", 1L << 48, 0, 6, 6}, {"writeUIntLE", -1L, 0, 6, 6},
      {"writeUIntBE", 1L << 40, 0, 5, 6}, {"writeUIntLE", 1L << 32, 0, 4, 6},
      {"writeUIntBE", 1L << 24, 0, 3, 6}, {"writeUIntLE", 256L, 0, 1, 6},
      {"writeIntBE", 1L << 47, 0, 6, 6}, {"writeIntLE", -(1L << 47) - 1, 0, 6, 6},
      {"writeIntBE", 1L << 39, 0, 5, 6}, {"writeIntLE", -(1L << 31) - 1, 0, 4, 6},
      {"writeIntBE", 0x800000L, 0, 3, 6}, {"writeIntLE", -129L, 0, 1, 6},
      {"writeUIntBE", 1L, 0, 7, 6}, {"writeUIntLE", -1L, 9, 0, 6}, {"writeIntBE", 1L, 0, -1, 0},
      {"writeIntLE", 1L, 1, 6, 6}, {"writeUIntBE", 1L, -1, 2, 6}, {"writeIntLE", 1L, 0, 6, 5},
      {"writeUIntLE", 1L, 0, 1, 0},
      {"writeUInt32BE", 1L << 40, 0, 0, 4}, {"writeUInt32LE", 1L << 32, 0, 0, 4},
      {"writeInt32BE", -(1L << 33), 0, 0, 4}, {"writeUInt32LE", -1L, 0, 0, 4},
      {"writeUInt8", 300L, 0, 0, 1}, {"writeInt16LE", -32769L, 0, 0, 2},
      {"writeIntLE", -(1L << 52) - 1, 0, 6, 6}, {"writeUInt32BE", (1L << 32) + 1, 0, 0, 4},
      {"writeInt32LE", -(1L << 32), 0, 0, 4}, {"writeInt32LE", -(1L << 32) - 1, 0, 0, 4},
  };

  /** Float and double writes: method, value, offset, buffer size. */
  static final Object[][] FLOAT_WRITES = {
      {"writeFloatBE", 0.1, 0, 4}, {"writeFloatLE", -0.0, 0, 4}, {"writeFloatBE", 1e40, 0, 4},
      {"writeFloatLE", -1e300, 0, 4}, {"writeFloatBE", Double.NaN, 0, 4},
      {"writeFloatLE", Double.NEGATIVE_INFINITY, 0, 4},
      {"writeFloatBE", 3.4028235677973366e38, 0, 4}, {"writeFloatLE", 3.4028234663852886e38, 0, 4},
      {"writeFloatBE", 1.401298464324817e-45 * 0.75, 0, 4},
      {"writeFloatLE", Double.MIN_VALUE, 0, 4},
      {"writeFloatBE", 1 + Math.pow(2, -24), 0, 4}, {"writeFloatLE", 16777217.0, 2, 6},
      {"writeDoubleBE", 0.1, 0, 8}, {"writeDoubleLE", -0.0, 0, 8},
      {"writeDoubleBE", Double.MIN_VALUE, 0, 8}, {"writeDoubleLE", Double.MAX_VALUE, 1, 9},
      {"writeDoubleBE", Double.NaN, 0, 8}, {"writeDoubleLE", Double.POSITIVE_INFINITY, 0, 8},
      {"writeFloatBE", 1.0, 1, 4}, {"writeFloatLE", 1.0, -1, 4}, {"writeFloatLE", 1.0, 0, 3},
      {"writeDoubleBE", 1.0, 1, 8}, {"writeDoubleLE", 1.0, 0, 7}, {"writeDoubleBE", 1.0, -8, 8},
  };

  static String bits(double d) {
    return String.format("%016x", Double.doubleToRawLongBits(d));
  }

  static String caught(WeirException e) {
    return e.code() + " " + e.getMessage();
  }

  static int write(Buffer b, String method, long v, int off, int n) {
    switch (method) {
      case "writeUIntBE": return b.writeUIntBE(v, off, n);
      case "writeUIntLE": return b.writeUIntLE(v, off, n);
      case "writeIntBE": return b.writeIntBE(v, off, n);
      case "writeIntLE": return b.writeIntLE(v, off, n);
      case "writeUInt32BE": return b.writeUInt32BE(v, off);
      case "writeUInt32LE": return b.writeUInt32LE(v, off);
      case "writeInt32BE": return b.writeInt32BE(v, off);
      case "writeInt32LE": return b.writeInt32LE(v, off);
      case "writeUInt8": return b.writeUInt8((int) v, off);
      case "writeInt16LE": return b.writeInt16LE((int) v, off);
      default: throw new AssertionError(method);
    }
  }

  static int write(Buffer b, String method, double v, int off) {
    switch (method) {
      case "writeFloatBE": return b.writeFloatBE(v, off);
      case "writeFloatLE": return b.writeFloatLE(v, off);
      case "writeDoubleBE": return b.writeDoubleBE(v, off);
      case "writeDoubleLE": return b.writeDoubleLE(v, off);
      default: throw new AssertionError(method);
    }
  }

  /** Node's value for one read, or the code and message it throws. */
  interface Read {
    String at(Buffer b, int offset);
  }

  static String readAll(Buffer b, int width, Read read) {
    List<String> r = new ArrayList<>();
    for (int o = -1; o <= b.length() - width + 1; o++) {
      try {
        r.add(read.at(b, o));
      } catch (WeirException e) {
        r.add(e.code());
      }
    }
    return String.join(" ", r);
  }

  @Test
  void numbersMatchNode() {
    StringBuilder script = new StringBuilder(
        "const bits = (d) => { const b = Buffer.alloc(8); b.writeDoubleBE(d); "
            + "return b.toString('hex'); };\n"
            + "const readAll = (b, w, f) => { const r = [];\n"
            + "  for (let o = -1; o <= b.length - w + 1; o++) {\n"
            + "    try { r.push(f(o)); } catch (e) { r.push(e.code); } }\n"
            + "  return r.join(' '); };\n"
            + "const out = (name, f) => { try { const r = f(); console.log(name, r); }\n"
            + "  catch (e) { console.log(name, e.code + ' ' + e.message); } };\n");
    List<String> weir = new ArrayList<>();
    for (String hex : NUMBER_BYTES) {
      Buffer b = Buffer.from(hex, "hex");
      script.append("{ const b = Buffer.from('").append(hex).append("', 'hex');\n");
      for (int n = 0; n <= 7; n++) {
        final int w = n;
        for (String m : new String[] {"readUIntBE", "readUIntLE", "readIntBE", "readIntLE"}) {
          script.append("  out('").append(m).append(' ').append(hex).append(' ').append(n)
              .append("', () => readAll(b, ").append(Math.max(n, 1)).append(", (o) => b.")
              .append(m).append("(o, ").append(n).append(")));\n");
          String name = m + " " + hex + " " + n;
          try {
            weir.add(name + " " + readAll(b, Math.max(n, 1), (buf, o) -> String.valueOf(
                m.equals("readUIntBE") ? buf.readUIntBE(o, w)
                    : m.equals("readUIntLE") ? buf.readUIntLE(o, w)
                    : m.equals("readIntBE") ? buf.readIntBE(o, w) : buf.readIntLE(o, w))));
          } catch (WeirException e) {
            weir.add(name + " " + caught(e));
          }
        }
      }
      script.append("  out('float ").append(hex).append("', () => [")
          .append("readAll(b, 4, (o) => bits(b.readFloatBE(o))), ")
          .append("readAll(b, 4, (o) => bits(b.readFloatLE(o))), ")
          .append("readAll(b, 8, (o) => bits(b.readDoubleBE(o))), ")
          .append("readAll(b, 8, (o) => bits(b.readDoubleLE(o)))].join(' / '));\n");
      weir.add("float " + hex + " " + String.join(" / ",
          readAll(b, 4, (buf, o) -> bits(buf.readFloatBE(o))),
          readAll(b, 4, (buf, o) -> bits(buf.readFloatLE(o))),
          readAll(b, 8, (buf, o) -> bits(buf.readDoubleBE(o))),
          readAll(b, 8, (buf, o) -> bits(buf.readDoubleLE(o)))));
      script.append("  out('json ").append(hex).append("', () => JSON.stringify(b));\n");
      weir.add("json " + hex + " " + BufferToJsonTest.stringify(b.toJSON()));
      script.append("}\n");
    }
    for (Object[] c : WRITES) {
      String name = c[0] + " " + c[1] + " " + c[2] + " " + c[3] + " " + c[4];
      script.append("{ const b = Buffer.alloc(").append(c[4]).append("); out('").append(name)
          .append("', () => b.").append(c[0]).append('(').append(c[1]).append(", ").append(c[2])
          .append(", ").append(c[3]).append(") + ' ' + b.toString('hex')); }\n");
      Buffer b = Buffer.alloc((Integer) c[4]);
      try {
        int r = write(b, (String) c[0], (Long) c[1], (Integer) c[2], (Integer) c[3]);
        weir.add(name + " " + r + " " + b.toString("hex"));
      } catch (WeirException e) {
        weir.add(name + " " + caught(e));
      }
    }
    for (Object[] c : FLOAT_WRITES) {
      String name = c[0] + " " + c[1] + " " + c[2] + " " + c[3];
      script.append("{ const b = Buffer.alloc(").append(c[3]).append("); out('").append(name)
          .append("', () => b.").append(c[0]).append('(').append(c[1]).append(", ").append(c[2])
          .append(") + ' ' + b.toString('hex')); }\n");
      Buffer b = Buffer.alloc((Integer) c[3]);
      try {
        int r = write(b, (String) c[0], (Double) c[1], (Integer) c[2]);
        weir.add(name + " " + r + " " + b.toString("hex"));
      } catch (WeirException e) {
        weir.add(name + " " + caught(e));
      }
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }

  /** Bytes (hex) swapped, whole and from offset 1 (an odd start in the shared array). */
  static String[] swapInputs() {
    List<String> inputs = new ArrayList<>();
    StringBuilder hex = new StringBuilder();
    for (int n = 0; n <= 17; n++) {
      inputs.add(hex.toString());
      hex.append(String.format("%02x", n * 37 + 1 & 0xff));
    }
    // 136 bytes: Node swaps 128 bytes and more in C++, shorter ones in JavaScript.
    inputs.add(Buffer.alloc(136, "0123456789abcdef\u00e9\u20ac").toString("hex"));
    return inputs.toArray(new String[0]);
  }

  static String swap(Buffer b, int bits) {
    try {
      Buffer r = bits == 16 ? b.swap16() : bits == 32 ? b.swap32() : b.swap64();
      return (r == b) + " " + b.toString("hex");
    } catch (WeirException e) {
      return caught(e);
    }
  }

  @Test
  void swapMatchesNode() {
    StringBuilder script = new StringBuilder(
        "const out = (name, f) => { try { console.log(name, f()); }\n"
            + "  catch (e) { console.log(name, e.code + ' ' + e.message); } };\n"
            + "const swap = (b, bits) => { const r = b['swap' + bits]();\n"
            + "  return (r === b) + ' ' + b.toString('hex'); };\n");
    List<String> weir = new ArrayList<>();
    for (String hex : swapInputs()) {
      for (int bits : new int[] {16, 32, 64}) {
        for (int start : new int[] {0, 1}) {
          String name = "swap" + bits + " " + start + " " + hex;
          script.append("out('").append(name).append("', () => swap(Buffer.from('").append(hex)
              .append("', 'hex').subarray(").append(start).append("), ").append(bits)
              .append("));\n");
          weir.add(name + " " + swap(Buffer.from(hex, "hex").subarray(start), bits));
        }
      }
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }

  @Test
  void uintAliasesMatchNode() {
    StringBuilder script = new StringBuilder(
        "const readAll = (b, w, f) => { const r = [];\n"
            + "  for (let o = -1; o <= b.length - w + 1; o++) {\n"
            + "    try { r.push(String(f(o))); } catch (e) { r.push(e.code); } }\n"
            + "  return r.join(' '); };\n"
            + "const b = Buffer.from('fffefdfc8180ff01', 'hex');\n"
            + "console.log([readAll(b, 1, (o) => b.readUint8(o)),\n"
            + "  readAll(b, 2, (o) => b.readUint16BE(o)),\n"
            + "  readAll(b, 2, (o) => b.readUint16LE(o)),\n"
            + "  readAll(b, 4, (o) => b.readUint32BE(o)),\n"
            + "  readAll(b, 4, (o) => b.readUint32LE(o)),\n"
            + "  readAll(b, 3, (o) => b.readUintBE(o, 3)),\n"
            + "  readAll(b, 5, (o) => b.readUintLE(o, 5)),\n"
            + "  readAll(b, 8, (o) => b.readBigUint64BE(o)),\n"
            + "  readAll(b, 8, (o) => b.readBigUint64LE(o))].join(' / '));\n"
            + "const w = Buffer.alloc(30);\n"
            + "console.log(w.writeUint8(0xab, 0), w.writeUint16BE(0xfeed, 1),\n"
            + "  w.writeUint16LE(0xfeed, 3), w.writeUint32BE(0xdeadbeef, 5),\n"
            + "  w.writeUint32LE(0xdeadbeef, 9), w.writeUintBE(0xa1b2c3, 13, 3),\n"
            + "  w.writeUintLE(0xa1b2c3d4e5f6, 16, 6), w.writeBigUint64BE(2n ** 64n - 2n, 22),\n"
            + "  w.toString('hex'), w.writeBigUint64LE(0x0102030405060708n, 22),\n"
            + "  w.toString('hex'));\n");
    Buffer b = Buffer.from("fffefdfc8180ff01", "hex");
    String reads = String.join(" / ",
        readAll(b, 1, (x, o) -> String.valueOf(x.readUint8(o))),
        readAll(b, 2, (x, o) -> String.valueOf(x.readUint16BE(o))),
        readAll(b, 2, (x, o) -> String.valueOf(x.readUint16LE(o))),
        readAll(b, 4, (x, o) -> String.valueOf(x.readUint32BE(o))),
        readAll(b, 4, (x, o) -> String.valueOf(x.readUint32LE(o))),
        readAll(b, 3, (x, o) -> String.valueOf(x.readUintBE(o, 3))),
        readAll(b, 5, (x, o) -> String.valueOf(x.readUintLE(o, 5))),
        readAll(b, 8, (x, o) -> Long.toUnsignedString(x.readBigUint64BE(o))),
        readAll(b, 8, (x, o) -> Long.toUnsignedString(x.readBigUint64LE(o))));
    Buffer w = Buffer.alloc(30);
    String writes = String.join(" ", String.valueOf(w.writeUint8(0xab, 0)),
        String.valueOf(w.writeUint16BE(0xfeed, 1)), String.valueOf(w.writeUint16LE(0xfeed, 3)),
        String.valueOf(w.writeUint32BE(0xdeadbeefL, 5)),
        String.valueOf(w.writeUint32LE(0xdeadbeefL, 9)),
        String.valueOf(w.writeUintBE(0xa1b2c3L, 13, 3)),
        String.valueOf(w.writeUintLE(0xa1b2c3d4e5f6L, 16, 6)),
        String.valueOf(w.writeBigUint64BE(-2L, 22)), w.toString("hex"),
        String.valueOf(w.writeBigUint64LE(0x0102030405060708L, 22)), w.toString("hex"));
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", List.of(reads, writes)));
  }

  /**
   * Ranged compare pairs: source hex, its view's start and end, target hex and its view's
   * start and end, so views with a non-zero {@code byteOffset} are compared too.
   */
  static final Object[][] COMPARE_PAIRS = {
      {"01020304050607080900", 0, 10, "05060708090001020304", 0, 10},
      {"7878616263787878", 2, 5, "61626364", 0, 4},
      {"", 0, 0, "6162", 0, 2},
      {"ff01", 0, 2, "00018000", 1, 3},
      {"616161", 0, 3, "616161", 0, 3},
  };

  /** The offsets tried for a range of a buffer of {@code n} bytes: around 0 and around n. */
  static int[] compareOffsets(int n) {
    return new int[] {-1, 0, 1, n - 1, n, n + 1};
  }

  interface Compare {
    int call();
  }

  static String result(Compare c) {
    try {
      return String.valueOf(c.call());
    } catch (WeirException e) {
      return caught(e);
    }
  }

  @Test
  void rangedCompareMatchesNode() {
    StringBuilder script = new StringBuilder(
        "const r = (f) => { try { return String(f()); }\n"
            + "  catch (e) { return e.code + ' ' + e.message; } };\n"
            + "const offsets = (n) => [-1, 0, 1, n - 1, n, n + 1];\n"
            + "const run = (name, s, t) => {\n"
            + "  for (const ts of offsets(t.length)) {\n"
            + "    console.log(name, ts, r(() => s.compare(t, ts)));\n"
            + "    for (const te of offsets(t.length)) {\n"
            + "      const out = [r(() => s.compare(t, ts, te))];\n"
            + "      for (const ss of offsets(s.length)) {\n"
            + "        out.push(r(() => s.compare(t, ts, te, ss)));\n"
            + "        for (const se of offsets(s.length)) {\n"
            + "          out.push(r(() => s.compare(t, ts, te, ss, se))); } }\n"
            + "      console.log(name, ts, te, out.join(' | ')); } } };\n");
    List<String> weir = new ArrayList<>();
    for (Object[] c : COMPARE_PAIRS) {
      String name = c[0] + "/" + c[1] + "-" + c[2] + "/" + c[3] + "/" + c[4] + "-" + c[5];
      script.append("run('").append(name).append("', Buffer.from('").append(c[0])
          .append("', 'hex').subarray(").append(c[1]).append(", ").append(c[2])
          .append("), Buffer.from('").append(c[3]).append("', 'hex').subarray(").append(c[4])
          .append(", ").append(c[5]).append("));\n");
      Buffer s = Buffer.from((String) c[0], "hex").subarray((Integer) c[1], (Integer) c[2]);
      Buffer t = Buffer.from((String) c[3], "hex").subarray((Integer) c[4], (Integer) c[5]);
      for (int ts : compareOffsets(t.length())) {
        weir.add(name + " " + ts + " " + result(() -> s.compare(t, ts)));
        for (int te : compareOffsets(t.length())) {
          List<String> out = new ArrayList<>(List.of(result(() -> s.compare(t, ts, te))));
          for (int ss : compareOffsets(s.length())) {
            out.add(result(() -> s.compare(t, ts, te, ss)));
            for (int se : compareOffsets(s.length())) {
              out.add(result(() -> s.compare(t, ts, te, ss, se)));
            }
          }
          weir.add(name + " " + ts + " " + te + " " + String.join(" | ", out));
        }
      }
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }

  interface Make {
    Object call();
  }

  static String made(Make m) {
    try {
      Object r = m.call();
      return r instanceof Buffer ? ((Buffer) r).toString("hex") : String.valueOf(r);
    } catch (WeirException e) {
      return caught(e);
    }
  }

  @Test
  void copyBytesFromByteLengthAndInspectMatchNode() {
    StringBuilder script = new StringBuilder(
        "const r = (f) => { try { const v = f();\n"
            + "  return Buffer.isBuffer(v) ? v.toString('hex') : String(v); }\n"
            + "  catch (e) { return e.code + ' ' + e.message; } };\n"
            + "const u = new Uint8Array([1, 2, 3, 4, 5]);\n");
    List<String> weir = new ArrayList<>();
    byte[] u = {1, 2, 3, 4, 5};
    int[] args = {Integer.MIN_VALUE, -1, 0, 1, 4, 5, 6, Integer.MAX_VALUE};
    script.append("console.log(r(() => Buffer.copyBytesFrom(u)), r(() => Buffer.copyBytesFrom(")
        .append("new Uint8Array(0))), r(() => Buffer.copyBytesFrom(null)));\n");
    weir.add(String.join(" ", made(() -> Buffer.copyBytesFrom(u)),
        made(() -> Buffer.copyBytesFrom(new byte[0])),
        made(() -> Buffer.copyBytesFrom((byte[]) null))));
    for (int off : args) {
      script.append("console.log('copyBytesFrom', ").append(off)
          .append(", r(() => Buffer.copyBytesFrom(u, ").append(off).append(")));\n");
      weir.add("copyBytesFrom " + off + " " + made(() -> Buffer.copyBytesFrom(u, off)));
      for (int len : args) {
        script.append("console.log('copyBytesFrom', ").append(off).append(", ").append(len)
            .append(", r(() => Buffer.copyBytesFrom(u, ").append(off).append(", ").append(len)
            .append(")));\n");
        weir.add("copyBytesFrom " + off + " " + len + " "
            + made(() -> Buffer.copyBytesFrom(u, off, len)));
      }
    }
    script.append("const b = Buffer.from('0001020304', 'hex').subarray(1);\n"
        + "console.log(Buffer.byteLength(b), Buffer.byteLength(b, 'hex'),\n"
        + "  Buffer.byteLength(b, 'bogus'), r(() => Buffer.byteLength(null)),\n"
        + "  r(() => Buffer.allocUnsafeSlow(3)));\n");
    Buffer b = Buffer.from("0001020304", "hex").subarray(1);
    weir.add(String.join(" ", String.valueOf(Buffer.byteLength(b)),
        String.valueOf(Buffer.byteLength(b, "hex")), String.valueOf(Buffer.byteLength(b, "bogus")),
        made(() -> Buffer.byteLength((String) null)), made(() -> Buffer.allocUnsafeSlow(3))));
    for (int n : new int[] {0, 1, 2, 49, 50, 51, 52, 300}) {
      script.append("{ const b = Buffer.alloc(").append(n + 1).append(");\n")
          .append("  for (let i = 0; i < b.length; i++) b[i] = i * 29 + 7;\n")
          .append("  console.log(b.subarray(1).inspect()); }\n");
      Buffer x = Buffer.alloc(n + 1);
      for (int i = 0; i < x.length(); i++) {
        x.set(i, i * 29 + 7);
      }
      weir.add(x.subarray(1).inspect());
    }
    List<String> node = Node.run(script.toString());
    assertEquals(String.join("\n", node), String.join("\n", weir));
  }
}
