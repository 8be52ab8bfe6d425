package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.testing.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node's {@code writeAfterFIN} (lib/net.js): with {@code allowHalfOpen} false, once the peer's
 * FIN ended the socket and our side was ended in turn, {@code write()} returns false, its
 * callback gets {@code EPIPE} ("This socket has been ended by the other party") and the socket is
 * destroyed with it. Each scenario is also run under node v20 (skipped without node) and must
 * print the same trace.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NoFdLeak.class)
class NetSocketWriteAfterFinTest {

  /** The node program; {@code WHERE} is replaced by the scenario. */
  private static final String SCRIPT = String.join("\n",
      "const net = require('net');",
      "const where = 'WHERE';",
      "const log = (s) => console.log(s);",
      "const server = net.createServer((s) => { s.on('error', () => {}); s.resume(); s.end('bye'); });",
      "server.listen(0, '127.0.0.1', () => {",
      "  const c = net.connect(server.address().port, '127.0.0.1');",
      "  const late = (tag) => {",
      "    log(tag + ' ended=' + c.writableEnded + ' destroyed=' + c.destroyed);",
      "    const r = c.write('late', (e) => log('cb ' + (e ? e.code + ' syscall=' + e.syscall"
          + " : 'ok')));",
      "    log('write ' + r + ' destroyed=' + c.destroyed);",
      "  };",
      "  c.on('data', (d) => log('data ' + d));",
      "  c.on('end', () => {",
      "    log('end');",
      "    if (where === 'end') late('in end');",
      "    if (where === 'tick') process.nextTick(() => process.nextTick(() => late('tick')));",
      "    if (where === 'immediate') setImmediate(() => late('immediate'));",
      "  });",
      "  c.on('finish', () => { log('finish'); if (where === 'finish') late('in finish'); });",
      "  c.on('error', (e) => log('error ' + e.code + ' ' + e.message));",
      "  c.on('close', (h) => { log('close ' + h); server.close(); });",
      "});",
      "");

  private static List<String> weir(String where) {
    List<String> log = new ArrayList<>();
    EventLoop.run(() -> {
      Server server = Net.createServer(s -> {
        s.on("error", (Throwable e) -> {});
        s.resume(); // reads the client's late bytes and its FIN, so the connection closes
        s.end("bye");
      });
      server.listen(0, "127.0.0.1", () -> {
        Socket c = Net.connect(server.address().port(), "127.0.0.1");
        Runnable[] late = new Runnable[1];
        String[] tag = new String[1];
        late[0] = () -> {
          log.add(tag[0] + " ended=" + c.writableEnded() + " destroyed=" + c.destroyed());
          boolean r = c.write("late", e -> log.add("cb " + (e != null ? WeirException.codeOf(e)
              + " syscall=" + (((WeirException) e).syscall() == null ? "undefined"
                  : ((WeirException) e).syscall()) : "ok")));
          log.add("write " + r + " destroyed=" + c.destroyed());
        };
        c.on("data", (Buffer d) -> log.add("data " + d));
        c.on("end", () -> {
          log.add("end");
          if (where.equals("end")) {
            tag[0] = "in end";
            late[0].run();
          }
          if (where.equals("tick")) {
            tag[0] = "tick";
            c.loop().nextTick(() -> c.loop().nextTick(late[0]::run));
          }
          if (where.equals("immediate")) {
            tag[0] = "immediate";
            c.loop().setImmediate(late[0]::run);
          }
        });
        c.on("finish", () -> {
          log.add("finish");
          if (where.equals("finish")) {
            tag[0] = "in finish";
            late[0].run();
          }
        });
        c.on("error", (Throwable e) -> log.add("error " + WeirException.codeOf(e) + " "
            + e.getMessage()));
        c.on("close", (Boolean h) -> {
          log.add("close " + h);
          server.close();
        });
      });
    });
    return log;
  }

  private static void check(String where, String... expected) {
    assertEquals(List.of(expected), weir(where), "weir");
    assertEquals(List.of(expected), Node.run(SCRIPT.replace("WHERE", where)), "node");
  }

  @Test
  void writeInFinishAfterThePeersEndIsEpipe() {
    check("finish", "data bye", "end", "finish", "in finish ended=true destroyed=false",
        "write false destroyed=true", "cb EPIPE syscall=undefined",
        "error EPIPE This socket has been ended by the other party", "close true");
  }

  @Test
  void writeTwoTicksAfterEndIsEpipe() {
    check("tick", "data bye", "end", "tick ended=true destroyed=false",
        "write false destroyed=true", "cb EPIPE syscall=undefined",
        "error EPIPE This socket has been ended by the other party", "close true");
  }

  @Test
  void writeInTheEndListenerStillWrites() {
    check("end", "data bye", "end", "in end ended=false destroyed=false",
        "write true destroyed=false", "cb ok", "finish", "close false");
  }
}
