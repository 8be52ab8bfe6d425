package dev.weir.http;

import dev.weir.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds bytes to a request {@link HttpParser} in given pieces and records what it reports as
 * strings, merging body slices per message (their boundaries depend on the split), so traces of
 * different splits of the same bytes can be compared. A parse error ends the trace with
 * {@code "error <code> <status>"}; bytes left inside an unfinished message end it with
 * {@code "incomplete"}.
 */
final class ParserTrace implements HttpParser.Handler {
  private final List<String> events = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();
  HttpParser parser;

  @Override
  public void onRequestLine(String method, String url, int major, int minor) {
    events.add("line " + method + " " + url + " " + major + "." + minor);
  }

  @Override
  public void onStatusLine(int major, int minor, int status, String reason) {
    events.add("status " + status);
  }

  @Override
  public void onHeader(String name, String value) {
    events.add("header " + name + ": " + value);
  }

  @Override
  public boolean onHeadersComplete() {
    events.add("headers keepAlive=" + parser.shouldKeepAlive() + " chunked=" + parser.isChunked());
    return false;
  }

  @Override
  public void onBody(Buffer data) {
    body.append(data.toString("latin1"));
  }

  @Override
  public void onMessageComplete() {
    if (body.length() > 0) {
      events.add("body " + body);
      body.setLength(0);
    }
    events.add("complete");
  }

  /** Parses {@code input} cut at the ascending offsets {@code cuts}. */
  static List<String> parse(byte[] input, int maxHeaderSize, int... cuts) {
    ParserTrace trace = new ParserTrace();
    HttpParser parser = new HttpParser(HttpParser.Mode.REQUEST, maxHeaderSize, trace);
    trace.parser = parser;
    int from = 0;
    try {
      for (int i = 0; i <= cuts.length; i++) {
        int to = i < cuts.length ? cuts[i] : input.length;
        if (to <= from) {
          continue;
        }
        byte[] piece = java.util.Arrays.copyOfRange(input, from, to);
        Buffer chunk = Buffer.wrap(piece);
        int offset = 0;
        while (offset < chunk.length()) {
          offset += parser.execute(chunk, offset);
          if (parser.isDone()) {
            parser.resume();
          }
        }
        from = to;
      }
    } catch (HttpParseException e) {
      trace.events.add("error " + e.code() + " " + e.status());
      return trace.events;
    } catch (Exception e) {
      throw new AssertionError("the parser threw something else", e);
    }
    if (trace.body.length() > 0) {
      trace.events.add("body " + trace.body);
    }
    if (parser.inMessage()) {
      trace.events.add("incomplete");
    }
    return trace.events;
  }

  /** Parses a latin1 string in one piece. */
  static List<String> parse(String input, int... cuts) {
    return parse(input.getBytes(StandardCharsets.ISO_8859_1), 16 * 1024, cuts);
  }

  /** The last event: {@code "complete"}, {@code "incomplete"} or {@code "error ..."}. */
  static String outcome(List<String> trace) {
    return trace.isEmpty() ? "" : trace.get(trace.size() - 1);
  }
}
