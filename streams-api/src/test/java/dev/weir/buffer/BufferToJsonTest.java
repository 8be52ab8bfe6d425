package dev.weir.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of nodejs/node test/parallel/test-buffer-tojson.js. */
@Timeout(5)
class BufferToJsonTest {
  /** What {@code JSON.stringify} makes of the map, enough for these tests. */
  static String stringify(Map<String, Object> json) {
    StringBuilder sb = new StringBuilder("{");
    json.forEach((k, v) -> {
      sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":");
      sb.append(v instanceof String ? "\"" + v + "\"" : v.toString().replace(" ", ""));
    });
    return sb.append('}').toString();
  }

  @Test
  void typeThenData() {
    assertEquals("{\"type\":\"Buffer\",\"data\":[]}", stringify(Buffer.alloc(0).toJSON()));
    assertEquals("{\"type\":\"Buffer\",\"data\":[1,2,3,4]}",
        stringify(Buffer.from(new byte[] {1, 2, 3, 4}).toJSON()));
  }

  @Test
  void dataIsUnsignedBytesOfTheViewOnly() {
    Buffer whole = Buffer.from("00ff7f8001", "hex");
    Map<String, Object> json = whole.subarray(1, 4).toJSON();
    assertEquals("Buffer", json.get("type"));
    assertEquals(List.of(255, 127, 128), json.get("data"));
    assertEquals(List.of("type", "data"), List.copyOf(json.keySet()));
  }

  @Test
  void aSnapshotThatCannotBeChanged() {
    Buffer b = Buffer.from("ab");
    Map<String, Object> json = b.toJSON();
    b.set(0, 'z');
    assertEquals(List.of(97, 98), json.get("data"));
    assertThrows(UnsupportedOperationException.class, () -> json.put("type", "x"));
    @SuppressWarnings("unchecked")
    List<Integer> data = (List<Integer>) json.get("data");
    assertThrows(UnsupportedOperationException.class, () -> data.set(0, 1));
  }
}
