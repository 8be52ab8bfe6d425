package dev.weir.samples.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress Transform: its throttling, both output modes and the report's fields. */
@Timeout(10)
class ProgressTest {
  private static final long MS = 1_000_000L;

  /** Sends {@code chunks} of 1 KiB through a Progress whose clock moves 50 ms per reading. */
  private static String run(int chunks, long total, boolean terminal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] now = {0};
    long[] passed = {0};
    EventLoop.run(() -> {
      Progress p = new Progress(total, new PrintStream(out, true, StandardCharsets.UTF_8),
          terminal, () -> now[0] += 50 * MS);
      p.on("data", (Buffer b) -> passed[0] += b.length());
      for (int i = 0; i < chunks; i++) {
        p.write(Buffer.alloc(1024));
      }
      p.end();
    });
    assertEquals(chunks * 1024L, passed[0], "every byte passes through unchanged");
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesAtMostOncePerSecond() {
    // 200 chunks over 10 s of clock: about 10 lines, plus the last one.
    String text = run(200, 200 * 1024, false);
    assertFalse(text.contains("\r"));
    String[] lines = text.split("\n");
    assertTrue(lines.length >= 9 && lines.length <= 11, text);
    assertTrue(lines[0].matches(" *\\d+%  \\d+\\.\\d KiB / 200\\.0 KiB  .*/s  ETA \\d+s"),
        lines[0]);
    assertTrue(lines[lines.length - 1].startsWith("100%  200.0 KiB / 200.0 KiB"), text);
  }

  @Test
  void terminalRedrawsInPlaceAtMostTenTimesPerSecond() {
    String text = run(200, 200 * 1024, true);
    long redraws = text.chars().filter(c -> c == '\r').count();
    // 10 s of clock: at most 100 redraws, plus the last one.
    assertTrue(redraws >= 50 && redraws <= 101, "redraws " + redraws);
    assertTrue(text.endsWith("\n"));
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, redrawn");
    String last = text.substring(text.lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("[########################] 100%"), last);
  }

  @Test
  void unknownLengthShowsBytesAndRateOnly() {
    String text = run(30, -1, false);
    String last = text.strip().substring(text.strip().lastIndexOf('\n') + 1);
    assertTrue(last.startsWith("30.0 KiB  "), last);
    assertFalse(last.contains("%"), last);
    assertFalse(last.contains("ETA"), last);
  }

  @Test
  void sizesAndDurations() {
    assertEquals("512 B", Progress.size(512));
    assertEquals("1.5 KiB", Progress.size(1536));
    assertEquals("10.0 MiB", Progress.size(10L << 20));
    assertEquals("2.0 GiB", Progress.size(2L << 30));
    assertEquals("42s", Progress.duration(42));
    assertEquals("3m05s", Progress.duration(185));
    assertEquals("2h07m", Progress.duration(2 * 3600 + 7 * 60 + 5));
  }
}
