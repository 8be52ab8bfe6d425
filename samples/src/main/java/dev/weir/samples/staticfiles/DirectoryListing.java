package dev.weir.samples.staticfiles;

import java.util.List;

/** The HTML page listing a directory: every name is percent-encoded in links and HTML-escaped. */
final class DirectoryListing {
  /** One entry: its name and whether it is a directory (shown with a trailing slash). */
  record Entry(String name, boolean directory) {}

  private DirectoryListing() {}

  /** The page for the directory at {@code urlPath} (decoded, ending with {@code /}). */
  static String html(String urlPath, List<Entry> entries) {
    String title = "Index of " + escape(urlPath);
    StringBuilder sb = new StringBuilder(256 + entries.size() * 64)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
        .append("</title></head>\n<body><h1>").append(title).append("</h1>\n<ul>\n");
    if (!urlPath.equals("/")) {
      sb.append("<li><a href=\"../\">../</a></li>\n");
    }
    for (Entry e : entries) {
      String slash = e.directory() ? "/" : "";
      sb.append("<li><a href=\"./").append(escape(UrlPath.encode(e.name()))).append(slash)
          .append("\">").append(escape(e.name())).append(slash).append("</a></li>\n");
    }
    return sb.append("</ul>\n</body></html>\n").toString();
  }

  /** Escapes text for HTML content and quoted attribute values. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
