package dev.weir.samples.staticfiles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path of a request target, percent-decoded exactly once and split into segments that are
 * safe to join under the root: none is empty, {@code .} or {@code ..}, and none contains
 * {@code /}, {@code \} or NUL. What cannot be made safe is refused instead of repaired.
 *
 * @param segments the decoded path segments, in order
 * @param directory whether the path ends with {@code /} (asks for a directory)
 * @param query the raw query after {@code ?}, or null
 */
record UrlPath(List<String> segments, boolean directory, String query) {

  /** A request target that is refused: {@code status} is 400 (malformed) or 403 (traversal). */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  /** Parses {@code req.url}: origin-form ({@code /a/b?q}) or absolute-form (a proxy request). */
  static UrlPath parse(String target) throws Refused {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    if (!target.startsWith("/")) {
      throw new Refused(400, "not an absolute path");
    }
    int hash = target.indexOf('#');
    if (hash >= 0) {
      target = target.substring(0, hash);
    }
    String query = null;
    int q = target.indexOf('?');
    if (q >= 0) {
      query = target.substring(q + 1);
      target = target.substring(0, q);
    }
    String path = decode(target);
    if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
      throw new Refused(403, "NUL or backslash in the path");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        // Never resolved, even when it would stay inside the root (as Node's send module).
        throw new Refused(403, "'..' in the path");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return new UrlPath(List.copyOf(segments), path.endsWith("/") || path.endsWith("/."),
        query);
  }

  /** Whether a segment is a dotfile or dot-directory ({@code .git}, {@code .env}). */
  boolean hidden() {
    return segments.stream().anyMatch(s -> s.startsWith("."));
  }

  /** The path relative to the root, {@code ""} for the root itself. */
  String relative() {
    return String.join("/", segments);
  }

  /** The canonical URL of this path as a directory, for redirects: never {@code //host}. */
  String directoryUrl() {
    StringBuilder sb = new StringBuilder("/");
    for (String s : segments) {
      sb.append(encode(s)).append('/');
    }
    return query == null ? sb.toString() : sb.append('?').append(query).toString();
  }

  /** Decodes {@code %XX} escapes once, as UTF-8; a bad escape or bad UTF-8 is refused. */
  static String decode(String s) throws Refused {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new Refused(400, "bad percent-escape");
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.flip()).toString();
    } catch (CharacterCodingException e) {
      throw new Refused(400, "path is not UTF-8");
    }
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
  static String encode(String segment) {
    StringBuilder sb = new StringBuilder(segment.length());
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
