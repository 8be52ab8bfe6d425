package dev.weir.samples.staticfiles;

import java.util.Locale;
import java.util.Map;

/** The file server's built-in table from file extension to {@code Content-Type}. */
final class MimeTypes {
  static final String DEFAULT = "application/octet-stream";

  private static final String UTF8 = "; charset=utf-8";
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html" + UTF8), Map.entry("htm", "text/html" + UTF8),
      Map.entry("css", "text/css" + UTF8), Map.entry("js", "text/javascript" + UTF8),
      Map.entry("mjs", "text/javascript" + UTF8), Map.entry("json", "application/json"),
      Map.entry("map", "application/json"), Map.entry("txt", "text/plain" + UTF8),
      Map.entry("md", "text/markdown" + UTF8), Map.entry("csv", "text/csv" + UTF8),
      Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
      Map.entry("tar", "application/x-tar"), Map.entry("jar", "application/java-archive"),
      Map.entry("wasm", "application/wasm"), Map.entry("mp4", "video/mp4"),
      Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
      Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
      Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
      Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
      Map.entry("java", "text/plain" + UTF8), Map.entry("sh", "text/plain" + UTF8));

  private MimeTypes() {}

  /** The type for {@code fileName} by its extension, or {@link #DEFAULT}. */
  static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return DEFAULT;
    }
    return TYPES.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
  }
}
