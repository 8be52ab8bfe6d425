package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client side of a small echo exchange, run under node v20 and in Weir: the same events in
 * the same order, with {@code readyState}, the bytes counted and {@code hadError}. Consecutive
 * equal entries are logged once, so how the kernel splits the echo into chunks does not matter.
 * Skipped where node is not installed.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetEchoDifferentialTest {
  private static final String SCRIPT = String.join("\n",
      "const net = require('net');",
      "const out = [];",
      "const log = (s) => { if (s !== out[out.length - 1]) out.push(s); };",
      "const server = net.createServer((s) => s.pipe(s));",
      "server.listen(0, '127.0.0.1', () => {",
      "  const c = net.connect(server.address().port, '127.0.0.1');",
      "  let got = '';",
      "  const ev = (name) => () => log(name + ' ' + c.readyState);",
      "  log('start pending=' + c.pending + ' connecting=' + c.connecting + ' ' + c.readyState);",
      "  c.on('connect', () => { ev('connect')(); c.write('hello'); });",
      "  c.on('ready', ev('ready'));",
      "  c.on('data', (d) => { got += d; log('data ' + c.readyState); });",
      "  c.once('data', () => c.end(' world'));",
      "  c.on('end', () => log('end ' + c.readyState + ' got=' + got));",
      "  c.on('finish', ev('finish'));",
      "  c.on('close', (h) => { log('close ' + h + ' ' + c.readyState + ' read=' + c.bytesRead",
      "    + ' written=' + c.bytesWritten + ' pending=' + c.pending + ' destroyed='",
      "    + c.destroyed); server.close(); });",
      "});",
      "process.on('exit', () => console.log(out.join('\\n')));",
      "");

  private static List<String> weir() {
    List<String> out = new ArrayList<>();
    java.util.function.Consumer<String> log = s -> {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
        out.add(s);
      }
    };
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> s.pipe(s));
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        StringBuilder got = new StringBuilder();
        log.accept("start pending=" + c.pending() + " connecting=" + c.connecting() + " "
            + c.readyState());
        c.on("connect", () -> {
          log.accept("connect " + c.readyState());
          c.write("hello");
        });
        c.on("ready", () -> log.accept("ready " + c.readyState()));
        c.on("data", (Buffer d) -> {
          got.append(d);
          log.accept("data " + c.readyState());
        });
        c.once("data", (Buffer d) -> c.end(" world"));
        c.on("end", () -> log.accept("end " + c.readyState() + " got=" + got));
        c.on("finish", () -> log.accept("finish " + c.readyState()));
        c.on("close", (Boolean h) -> {
          log.accept("close " + h + " " + c.readyState() + " read=" + c.bytesRead()
              + " written=" + c.bytesWritten() + " pending=" + c.pending() + " destroyed="
              + c.destroyed());
          server.close();
        });
      });
    });
    return out;
  }

  @Test
  void clientTraceOfAnEchoMatchesNode() {
    List<String> weir = weir();
    assertEquals(List.of("start pending=true connecting=true opening", "connect open",
        "ready open", "data open", "finish readOnly", "data readOnly",
        "end closed got=hello world",
        "close false closed read=11 written=11 pending=true destroyed=true"), weir, "weir");
    assertEquals(dev.weir.testing.Node.run(SCRIPT), weir, "node vs weir");
  }
}
