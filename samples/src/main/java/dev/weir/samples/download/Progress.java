package dev.weir.samples.download;

import dev.weir.buffer.Buffer;
import dev.weir.stream.Transform;
import dev.weir.stream.TransformCallback;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A pass-through {@link Transform} that counts the bytes going by and draws a progress report:
 * bytes so far, the percentage when the total is known, the rate and the time left. On a
 * terminal it redraws one line with {@code \r}, at most 10 times a second; elsewhere (a log, a
 * pipe) it prints a plain line at most once a second. A last report follows the last byte.
 */
final class Progress extends Transform<Buffer, Buffer> {
  private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
  private static final long PLAIN_INTERVAL_NANOS = 1_000_000_000L;
  private static final int BAR_WIDTH = 24;

  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long started;
  private long lastDraw;
  private long bytes;
  private int lastWidth;
  private boolean drawn;

  /**
   * @param total the expected length ({@code Content-Length}), or -1 if unknown
   * @param out where to draw, normally {@code System.err}
   * @param terminal whether {@code out} is a terminal (redraw in place)
   */
  Progress(long total, PrintStream out, boolean terminal) {
    this(total, out, terminal, System::nanoTime);
  }

  Progress(long total, PrintStream out, boolean terminal, LongSupplier nanoClock) {
    this.total = total;
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.lastDraw = started;
  }

  /** The bytes seen so far. */
  long bytes() {
    return bytes;
  }

  @Override
  protected void _transform(Buffer chunk, String encoding, TransformCallback<Buffer> callback)
      throws Exception {
    bytes += chunk.length();
    long now = nanoClock.getAsLong();
    if (now - lastDraw >= (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
      lastDraw = now;
      draw(now, false);
    }
    callback.done(null, chunk);
  }

  @Override
  protected void _flush(TransformCallback<Buffer> callback) throws Exception {
    draw(nanoClock.getAsLong(), true);
    callback.done();
  }

  /** Ends a line drawn in place, so that an error message starts on a line of its own. */
  void interrupted() {
    if (terminal && drawn) {
      out.println();
      drawn = false;
    }
  }

  private void draw(long now, boolean last) {
    String line = report(now, last);
    if (terminal) {
      String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
      lastWidth = line.length();
      out.print("\r" + line + pad + (last ? "\n" : ""));
      drawn = !last;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** One report: {@code [#####.....]  52%  5.2 MiB / 10.0 MiB  3.1 MiB/s  ETA 2s}. */
  String report(long now, boolean last) {
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? bytes / seconds : 0;
    StringBuilder sb = new StringBuilder(96);
    if (total > 0) {
      double fraction = Math.min(1.0, (double) bytes / total);
      if (terminal) {
        int filled = (int) (fraction * BAR_WIDTH);
        sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
            .append("] ");
      }
      sb.append(String.format(Locale.ROOT, "%3d%%  %s / %s", (int) (fraction * 100),
          size(bytes), size(total)));
    } else {
      sb.append(size(bytes));
    }
    sb.append("  ").append(rate > 0 ? size((long) rate) + "/s" : "--/s");
    if (last) {
      sb.append(String.format(Locale.ROOT, "  in %.1fs", seconds));
    } else if (total > 0 && rate > 0) {
      sb.append("  ETA ").append(duration((long) Math.ceil((total - bytes) / rate)));
    }
    return sb.toString();
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 10.0 MiB}, {@code 2.3 GiB}. */
  static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n / 1024.0;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
  static String duration(long s) {
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
