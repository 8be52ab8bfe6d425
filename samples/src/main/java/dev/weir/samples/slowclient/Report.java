package dev.weir.samples.slowclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the demo's results as {@code slow-client.csv} and a hand-made SVG line chart. */
final class Report {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 540;
  private static final int LEFT = 90;
  private static final int RIGHT = 250;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;
  private static final double MIB = 1048576.0;

  private Report() {}

  static final String CSV_HEADER = "mode,elapsed_ms,buffered_bytes,socket_writable_bytes,"
      + "readable_bytes,heap_used_bytes,rss_bytes,delivered_bytes,connections";

  static void writeCsv(Path file, List<DemoRun.Result> results) throws IOException {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (DemoRun.Result r : results) {
      for (DemoRun.Sample s : r.samples()) {
        sb.append(s.mode()).append(',').append(s.elapsedMs()).append(',').append(s.buffered())
            .append(',').append(s.writable()).append(',').append(s.readable()).append(',')
            .append(s.heapUsed()).append(',').append(s.rss()).append(',')
            .append(s.delivered()).append(',').append(s.connections()).append('\n');
      }
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /** Buffered bytes (solid) and heap used (dashed) over time, one colour per mode. */
  static void writeSvg(Path file, List<DemoRun.Result> results, int clients) throws IOException {
    double maxX = 1;
    double maxY = 1;
    for (DemoRun.Result r : results) {
      for (DemoRun.Sample s : r.samples()) {
        maxX = Math.max(maxX, s.elapsedMs() / 1000.0);
        maxY = Math.max(maxY, Math.max(s.buffered(), s.heapUsed()) / MIB);
      }
    }
    double stepX = niceStep(maxX);
    double stepY = niceStep(maxY);
    maxX = Math.ceil(maxX / stepX) * stepX;
    maxY = Math.ceil(maxY / stepY) * stepY;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
        + "font-size=\"13\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    text(svg, LEFT, 30, "start", "16", "bold", "The Slow Client Problem: memory held by a "
        + "server streaming to " + clients + " slow clients");

    // grid, ticks and labels
    for (double x = 0; x <= maxX + 1e-9; x += stepX) {
      double px = LEFT + x / maxX * plotW;
      line(svg, px, TOP, px, TOP + plotH, "#e6e6e6", null);
      text(svg, px, TOP + plotH + 20, "middle", null, null, number(x));
    }
    for (double y = 0; y <= maxY + 1e-9; y += stepY) {
      double py = TOP + plotH - y / maxY * plotH;
      line(svg, LEFT, py, LEFT + plotW, py, "#e6e6e6", null);
      text(svg, LEFT - 8, py + 4, "end", null, null, number(y));
    }
    line(svg, LEFT, TOP, LEFT, TOP + plotH, "black", null);
    line(svg, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "black", null);
    text(svg, LEFT + plotW / 2.0, HEIGHT - 25, "middle", null, null, "time (s)");
    svg.append(String.format(Locale.ROOT, "<text x=\"25\" y=\"%.1f\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 25 %.1f)\">memory (MiB)</text>%n",
        TOP + plotH / 2.0, TOP + plotH / 2.0));

    // the series and the legend
    int legendY = TOP + 10;
    for (DemoRun.Result r : results) {
      String colour = r.mode().equals("naive") ? "#d62728" : "#1f77b4";
      String what = r.mode().equals("naive") ? "naive write()" : "pipe()";
      for (int series = 0; series < 2; series++) {
        String dash = series == 0 ? null : "6 4";
        StringBuilder points = new StringBuilder();
        for (DemoRun.Sample s : r.samples()) {
          double v = (series == 0 ? s.buffered() : s.heapUsed()) / MIB;
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
              LEFT + s.elapsedMs() / 1000.0 / maxX * plotW, TOP + plotH - v / maxY * plotH));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" "
            + "stroke-width=\"2\"%s points=\"%s\"/>%n", colour,
            dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", points.toString().trim()));
        int lx = LEFT + plotW + 20;
        line(svg, lx, legendY, lx + 30, legendY, colour, dash);
        text(svg, lx + 38, legendY + 4, "start", null, null,
            what + (series == 0 ? ": buffered bytes" : ": heap used"));
        legendY += 22;
      }
      if (r.limitHit() && !r.samples().isEmpty()) {
        DemoRun.Sample last = r.samples().get(r.samples().size() - 1);
        double px = LEFT + last.elapsedMs() / 1000.0 / maxX * plotW;
        double py = TOP + plotH - last.buffered() / MIB / maxY * plotH;
        text(svg, Math.min(px, LEFT + plotW - 4), Math.max(py - 8, TOP + 12), "end", null,
            null, "stopped: limit reached");
      }
    }
    svg.append("</svg>\n");
    Files.writeString(file, svg, StandardCharsets.UTF_8);
  }

  static double niceStep(double max) {
    double raw = max / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    return nice * magnitude;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v)
        .replaceAll("0+$", "");
  }

  private static void line(StringBuilder svg, double x1, double y1, double x2, double y2,
      String colour, String dash) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
        + "y2=\"%.1f\" stroke=\"%s\"%s/>%n", x1, y1, x2, y2, colour,
        dash == null ? "" : " stroke-width=\"2\" stroke-dasharray=\"" + dash + "\""));
  }

  private static void text(StringBuilder svg, double x, double y, String anchor, String size,
      String weight, String content) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>"
        + "%s</text>%n", x, y, anchor, size == null ? "" : " font-size=\"" + size + "\"",
        weight == null ? "" : " font-weight=\"" + weight + "\"", escape(content)));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
