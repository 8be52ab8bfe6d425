package dev.weir.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.http.RawHttp.Client;
import dev.weir.loop.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded property test: thousands of generated requests, valid ones and mutated ones (bytes
 * flipped, inserted or deleted, header lines duplicated, CR/LF damaged), fed to the parser under
 * random splits and, for a few hundred, to a real server. Properties: a valid request parses to
 * exactly what was generated however it is split; any input gives the same outcome under every
 * split; on a socket, a rejected request gets a 4xx or a close; the loop never sees an uncaught
 * exception and every connection is gone at the end. After the spirit of Node's
 * test-http-parser-*.js and llhttp's fuzzers.
 */
@Timeout(60)
class HttpFuzzPropertyTest {
  private static final long SEED = 0x5EED_2024L;
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
      "HEAD", "PROPFIND", "M-SEARCH"};
  private static final String TCHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
  private static final String PATH_CHARS =
      "abcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*+,;=:@/?";

  /** A generated request, its bytes (latin1) and the parser trace it must produce. */
  record Generated(String raw, String method, String url, String body, List<String> trace,
      boolean head) {}

  static Generated generate(Random rnd, boolean allowHttp10) {
    String method = METHODS[rnd.nextInt(METHODS.length)];
    StringBuilder url = new StringBuilder("/");
    for (int i = rnd.nextInt(30); i > 0; i--) {
      url.append(PATH_CHARS.charAt(rnd.nextInt(PATH_CHARS.length())));
    }
    boolean http10 = allowHttp10 && rnd.nextInt(10) == 0;
    List<String> trace = new ArrayList<>();
    trace.add("line " + method + " " + url + " " + (http10 ? "1.0" : "1.1"));
    StringBuilder raw = new StringBuilder(rnd.nextInt(8) == 0 ? "\r\n" : "");
    raw.append(method).append(' ').append(url).append(http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {rnd.nextBoolean() ? "Host" : "host", "example.test"});
    for (int i = rnd.nextInt(7); i > 0; i--) {
      StringBuilder name = new StringBuilder("X-");
      for (int j = 1 + rnd.nextInt(12); j > 0; j--) {
        name.append(TCHARS.charAt(rnd.nextInt(TCHARS.length())));
      }
      StringBuilder value = new StringBuilder();
      for (int j = rnd.nextInt(40); j > 0; j--) {
        int r = rnd.nextInt(20);
        char c = r == 0 ? ' ' : r == 1 ? '\t' : r == 2 ? (char) (0x80 + rnd.nextInt(0x80))
            : (char) (0x21 + rnd.nextInt(0x5e));
        value.append(c);
      }
      headers.add(new String[] {name.toString(), value.toString().strip()});
      if (rnd.nextInt(6) == 0) {
        headers.add(headers.get(headers.size() - 1));
      }
    }
    int framing = rnd.nextInt(3); // 0 none, 1 Content-Length, 2 chunked
    StringBuilder body = new StringBuilder();
    for (int i = framing == 0 ? 0 : rnd.nextInt(300); i > 0; i--) {
      body.append((char) rnd.nextInt(256));
    }
    if (framing == 1) {
      headers.add(new String[] {"Content-Length", String.valueOf(body.length())});
    } else if (framing == 2) {
      headers.add(new String[] {"Transfer-Encoding", "chunked"});
    }
    for (String[] h : headers) {
      String sep = rnd.nextInt(4) == 0 ? ": \t " : rnd.nextInt(3) == 0 ? ":" : ": ";
      raw.append(h[0]).append(sep).append(h[1]).append(rnd.nextInt(5) == 0 ? " \r\n" : "\r\n");
      trace.add("header " + h[0] + ": " + h[1]);
    }
    raw.append("\r\n");
    trace.add("headers keepAlive=" + !http10 + " chunked=" + (framing == 2));
    if (framing == 1) {
      raw.append(body);
    } else if (framing == 2) {
      int p = 0;
      while (p < body.length()) {
        int n = Math.min(body.length() - p, 1 + rnd.nextInt(80));
        raw.append(Integer.toHexString(n));
        if (rnd.nextInt(5) == 0) {
          raw.append(";ext").append(rnd.nextBoolean() ? "=v" : "=\"q;v\"");
        }
        raw.append("\r\n").append(body, p, p + n).append("\r\n");
        p += n;
      }
      raw.append("0\r\n");
      if (rnd.nextInt(4) == 0) {
        raw.append("X-Trailer: ").append(rnd.nextInt(1000)).append("\r\n");
      }
      raw.append("\r\n");
    }
    if (body.length() > 0) {
      trace.add("body " + body);
    }
    trace.add("complete");
    return new Generated(raw.toString(), method, url.toString(), body.toString(), trace,
        method.equals("HEAD"));
  }

  static String mutate(Random rnd, String raw) {
    StringBuilder s = new StringBuilder(raw);
    for (int m = 1 + rnd.nextInt(2); m > 0; m--) {
      int pos = rnd.nextInt(s.length());
      switch (rnd.nextInt(6)) {
        case 0 -> s.setCharAt(pos, (char) rnd.nextInt(256));
        case 1 -> s.insert(pos, (char) rnd.nextInt(256));
        case 2 -> s.deleteCharAt(pos);
        case 3 -> {
          int headEnd = s.indexOf("\r\n\r\n");
          int lineStart = s.indexOf("\r\n");
          if (lineStart >= 0 && headEnd > lineStart) {
            int from = lineStart + 2;
            int to = s.indexOf("\r\n", from) + 2;
            s.insert(to, s.substring(from, to));
          }
        }
        case 4 -> {
          int crlf = s.indexOf("\r\n", pos);
          if (crlf >= 0) {
            String[] damage = {"\n", "\r", "\r\r\n", "\n\r", "\r\n "};
            s.replace(crlf, crlf + 2, damage[rnd.nextInt(damage.length)]);
          }
        }
        default -> s.insert(pos, rnd.nextBoolean() ? '\r' : '\n');
      }
    }
    return s.toString();
  }

  private static int[] randomCuts(Random rnd, int length, int count) {
    if (length < 2) {
      return new int[0];
    }
    int[] cuts = new int[count];
    for (int i = 0; i < count; i++) {
      cuts[i] = 1 + rnd.nextInt(length - 1);
    }
    Arrays.sort(cuts);
    return cuts;
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void parserPropertiesOverThreeThousandRequests() {
    Random rnd = new Random(SEED);
    int valid = 0;
    int rejected = 0;
    int completeMutants = 0;
    for (int i = 0; i < 3_000; i++) {
      Generated g = generate(rnd, true);
      String input = i % 2 == 0 ? g.raw() : mutate(rnd, g.raw());
      byte[] bytes = latin1(input);
      List<String> whole = ParserTrace.parse(bytes, 16 * 1024);
      if (i % 2 == 0) {
        valid++;
        assertEquals(g.trace(), whole, () -> "valid request parsed wrongly: " + g.raw());
      } else {
        String outcome = ParserTrace.outcome(whole);
        assertTrue(outcome.equals("complete") || outcome.equals("incomplete")
            || outcome.matches("error HPE_[A-Z_]+ (400|431)"), outcome);
        if (outcome.startsWith("error")) {
          rejected++;
        } else if (outcome.equals("complete")) {
          completeMutants++;
        }
      }
      for (int k = 1; k <= 3; k++) {
        int[] cuts = randomCuts(rnd, bytes.length, k * 3);
        assertEquals(whole, ParserTrace.parse(bytes, 16 * 1024, cuts),
            () -> "split changed the outcome: " + Arrays.toString(cuts) + " " + input);
      }
      if (i % 50 == 0) {
        int[] every = new int[Math.max(0, bytes.length - 1)];
        for (int j = 0; j < every.length; j++) {
          every[j] = j + 1;
        }
        assertEquals(whole, ParserTrace.parse(bytes, 16 * 1024, every), input);
      }
    }
    assertEquals(1_500, valid);
    // The mutations are meant to break things: most are rejected, some still parse.
    assertTrue(rejected > 600, "rejected " + rejected);
    assertTrue(completeMutants > 10, "complete mutants " + completeMutants);
  }

  /** The answer a server gives to a parsed request: a digest of what it received. */
  private static String digest(String method, String url, String body) {
    return method + " " + url + " " + body.length() + " "
        + Arrays.hashCode(latin1(body));
  }

  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  @Test
  void serverPropertiesOverRealSockets() {
    Random rnd = new Random(SEED + 1);
    int total = 360;
    List<String> failures = new ArrayList<>();
    int[] outcomes = new int[3]; // answered as expected, rejected with 4xx, closed silently
    int[] connectionsAtClose = {-1};
    EventLoop.run(() -> {
      Server server = Http.createServer((req, res) -> {
        List<Buffer> parts = new ArrayList<>();
        req.on("data", (Buffer b) -> parts.add(Buffer.from(b)));
        req.on("error", (Throwable e) -> { });
        req.on("end", () -> res.end(digest(req.method(), req.url(),
            Buffer.concat(parts).toString("latin1"))));
      });
      int[] next = {0};
      int[] done = {0};
      Runnable[] startOne = new Runnable[1];
      startOne[0] = () -> {
        int index = next[0]++;
        if (index >= total) {
          return;
        }
        Generated g = generate(rnd, false);
        boolean mutated = index % 2 == 1;
        String input = mutated ? mutate(rnd, g.raw()) : g.raw();
        List<String> parsed = ParserTrace.parse(latin1(input), 16 * 1024);
        String outcome = ParserTrace.outcome(parsed);
        int[] cuts = randomCuts(rnd, input.length(), 1 + rnd.nextInt(6));
        Client client = new Client(server.address().port());
        if (g.head()) {
          client.expectHeadAt(0);
        }
        client.onResponse(r -> {
          if (!mutated && r.status() != 100) {
            client.socket.end();
          }
        });
        client.onClose(() -> {
          String got = client.received.toString();
          Matcher m = STATUS.matcher(got);
          List<Integer> statuses = new ArrayList<>();
          while (m.find()) {
            statuses.add(Integer.parseInt(m.group(1)));
          }
          if (!mutated) {
            String expected = digest(g.method(), g.url(), g.body());
            boolean ok = client.responses.size() == 1 && client.responses.get(0).status() == 200
                && (g.head() || client.responses.get(0).body().equals(expected));
            if (ok) {
              outcomes[0]++;
            } else {
              failures.add("valid #" + index + " got " + got + " for " + input);
            }
          } else if (outcome.startsWith("error")) {
            int last = statuses.isEmpty() ? 0 : statuses.get(statuses.size() - 1);
            if (last >= 400 && last < 500) {
              outcomes[1]++;
            } else if (statuses.size() == parsed.stream().filter("complete"::equals).count()) {
              outcomes[2]++; // answered what was complete, then closed
            } else {
              failures.add("rejected #" + index + " got " + got + " for " + input);
            }
          } else if (statuses.stream().anyMatch(s -> s >= 500)) {
            failures.add("mutant #" + index + " got a 5xx: " + got);
          }
          if (++done[0] == total) {
            server.close(err -> connectionsAtClose[0] = server.connectionCount());
          } else {
            startOne[0].run();
          }
        });
        int from = 0;
        for (int cut : cuts) {
          if (cut > from) {
            client.socket.write(input.substring(from, cut), "latin1");
            from = cut;
          }
        }
        if (mutated) {
          // Whatever the bytes were, the end of input makes the server finish or reject.
          client.socket.end(input.substring(from), "latin1");
        } else {
          client.socket.write(input.substring(from), "latin1");
        }
      };
      RawHttp.listen(server, port -> {
        for (int i = 0; i < 16; i++) {
          startOne[0].run();
        }
      });
    });
    assertEquals(List.of(), failures);
    assertEquals(total / 2, outcomes[0]);
    assertTrue(outcomes[1] > total / 6, "rejected with a 4xx: " + outcomes[1]);
    assertEquals(0, connectionsAtClose[0]);
  }
}
