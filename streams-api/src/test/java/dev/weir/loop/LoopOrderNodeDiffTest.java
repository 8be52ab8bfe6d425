package dev.weir.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.events.EventEmitter;
import dev.weir.events.Listener0;
import dev.weir.testing.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Differential tests: the same ordering scenario as a Node script (run under node v20, tracing
 * with {@code log(...)}) and as a Weir program on a real {@link EventLoop}, traces compared.
 * Skipped where node is absent. Scenarios avoid what Node itself leaves to the clock (setTimeout
 * 0 against setImmediate in the main module).
 */
@org.junit.jupiter.api.Timeout(10)
class LoopOrderNodeDiffTest {

  /** Runs {@code js} in node and {@code weir} in {@link EventLoop#run}; the traces must match. */
  private static void assertSameTrace(String js, Consumer<List<String>> weir) {
    List<String> expected = Node.run("const log = (s) => console.log(s);\n"
        + "const EventEmitter = require('events');\n" + js);
    List<String> actual = new ArrayList<>();
    EventLoop.run(() -> weir.accept(actual));
    assertEquals(expected, actual);
  }

  /** Keeps the thread busy (not asleep) for at least {@code ms}, as a long computation would. */
  private static void busyWaitMillis(long ms) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < ms * 1_000_000L) {
      Thread.onSpinWait();
    }
  }

  private static EventLoop loop() {
    return EventLoop.current();
  }

  @Test
  void syncThenTicksThenMicrotasks() {
    assertSameTrace("""
        queueMicrotask(() => log('micro1'));
        process.nextTick(() => log('tick1'));
        log('sync');
        queueMicrotask(() => log('micro2'));
        process.nextTick(() => log('tick2'));
        """, log -> {
          loop().queueMicrotask(() -> log.add("micro1"));
          loop().nextTick(() -> log.add("tick1"));
          log.add("sync");
          loop().queueMicrotask(() -> log.add("micro2"));
          loop().nextTick(() -> log.add("tick2"));
        });
  }

  @Test
  void nestedTicksAndMicrotasks() {
    assertSameTrace("""
        process.nextTick(() => {
          log('t1');
          process.nextTick(() => log('t1.t'));
          queueMicrotask(() => { log('t1.m'); process.nextTick(() => log('t1.m.t')); });
        });
        queueMicrotask(() => {
          log('m1');
          queueMicrotask(() => log('m1.m'));
          process.nextTick(() => { log('m1.t'); queueMicrotask(() => log('m1.t.m')); });
        });
        process.nextTick(() => log('t2'));
        """, log -> {
          EventLoop l = loop();
          l.nextTick(() -> {
            log.add("t1");
            l.nextTick(() -> log.add("t1.t"));
            l.queueMicrotask(() -> {
              log.add("t1.m");
              l.nextTick(() -> log.add("t1.m.t"));
            });
          });
          l.queueMicrotask(() -> {
            log.add("m1");
            l.queueMicrotask(() -> log.add("m1.m"));
            l.nextTick(() -> {
              log.add("m1.t");
              l.queueMicrotask(() -> log.add("m1.t.m"));
            });
          });
          l.nextTick(() -> log.add("t2"));
        });
  }

  @Test
  void insideATimerImmediateBeatsTimeoutZero() {
    assertSameTrace("""
        setTimeout(() => {
          setTimeout(() => log('timeout0'), 0);
          setImmediate(() => log('immediate'));
          process.nextTick(() => log('tick'));
          log('timer');
        }, 1);
        """, log -> loop().setTimeout(() -> {
          loop().setTimeout(() -> log.add("timeout0"), 0);
          loop().setImmediate(() -> log.add("immediate"));
          loop().nextTick(() -> log.add("tick"));
          log.add("timer");
        }, 1));
  }

  @Test
  void immediatesQueuedDuringTheImmediatePhaseWaitATurn() {
    assertSameTrace("""
        setImmediate(() => {
          log('i1');
          setImmediate(() => log('i1.i'));
          process.nextTick(() => log('i1.t'));
          Promise.resolve().then(() => log('i1.m'));
        });
        setImmediate(() => log('i2'));
        const cleared = setImmediate(() => log('never'));
        setImmediate(() => { log('i3'); });
        clearImmediate(cleared);
        """, log -> {
          EventLoop l = loop();
          l.setImmediate(() -> {
            log.add("i1");
            l.setImmediate(() -> log.add("i1.i"));
            l.nextTick(() -> log.add("i1.t"));
            l.queueMicrotask(() -> log.add("i1.m"));
          });
          l.setImmediate(() -> log.add("i2"));
          Immediate cleared = l.setImmediate(() -> log.add("never"));
          l.setImmediate(() -> log.add("i3"));
          l.clearImmediate(cleared);
        });
  }

  @Test
  void timersOfOneDelayRunInCreationOrderWithQueuesDrainedBetween() {
    assertSameTrace("""
        for (let i = 0; i < 3; i++) {
          setTimeout(() => {
            log('t' + i);
            process.nextTick(() => log('t' + i + '.tick'));
            queueMicrotask(() => log('t' + i + '.micro'));
            setImmediate(() => log('t' + i + '.imm'));
          }, 2);
        }
        // Node reads a fresh clock per setTimeout: make all three overdue at the first turn.
        const start = Date.now();
        while (Date.now() - start < 10) {}
        """, log -> {
          for (int i = 0; i < 3; i++) {
            int n = i;
            loop().setTimeout(() -> {
              log.add("t" + n);
              loop().nextTick(() -> log.add("t" + n + ".tick"));
              loop().queueMicrotask(() -> log.add("t" + n + ".micro"));
              loop().setImmediate(() -> log.add("t" + n + ".imm"));
            }, 2);
          }
          busyWaitMillis(10);
        });
  }

  @Test
  void intervalClearedInItsOwnCallback() {
    assertSameTrace("""
        let n = 0;
        const iv = setInterval(() => {
          log('iv' + (++n));
          process.nextTick(() => log('tick' + n));
          if (n === 3) { clearInterval(iv); setTimeout(() => log('after'), 1); }
        }, 1);
        """, log -> {
          int[] n = {0};
          Timeout[] iv = new Timeout[1];
          iv[0] = loop().setInterval(() -> {
            int k = ++n[0];
            log.add("iv" + k);
            loop().nextTick(() -> log.add("tick" + k));
            if (k == 3) {
              loop().clearInterval(iv[0]);
              loop().setTimeout(() -> log.add("after"), 1);
            }
          }, 1);
        });
  }

  @Test
  void unrefdTimerFiresOnlyWhileSomethingElseKeepsTheLoop() {
    assertSameTrace("""
        setTimeout(() => log('unref-long'), 500).unref();
        setTimeout(() => log('unref-short'), 1).unref();
        setTimeout(() => {
          log('ref');
          setImmediate(() => log('unref-imm')).unref();
          setTimeout(() => log('ref2'), 5);
        }, 20);
        """, log -> {
          loop().setTimeout(() -> log.add("unref-long"), 500).unref();
          loop().setTimeout(() -> log.add("unref-short"), 1).unref();
          loop().setTimeout(() -> {
            log.add("ref");
            loop().setImmediate(() -> log.add("unref-imm")).unref();
            loop().setTimeout(() -> log.add("ref2"), 5);
          }, 20);
        });
  }

  @Test
  void refreshOfAFiredTimerRunsItAgain() {
    assertSameTrace("""
        let n = 0;
        const t = setTimeout(() => {
          log('fired' + (++n));
          if (n === 1) setImmediate(() => { log('refresh'); t.refresh(); });
        }, 2);
        """, log -> {
          int[] n = {0};
          Timeout[] t = new Timeout[1];
          t[0] = loop().setTimeout(() -> {
            log.add("fired" + (++n[0]));
            if (n[0] == 1) {
              loop().setImmediate(() -> {
                log.add("refresh");
                t[0].refresh();
              });
            }
          }, 2);
        });
  }

  @Test
  void busyMainDoesNotMakeLaterTimersFireEarly() {
    assertSameTrace("""
        const start = Date.now();
        setTimeout(() => log('a10'), 10);
        while (Date.now() - start < 30) {}
        setTimeout(() => log('b5'), 5);
        """, log -> {
          loop().setTimeout(() -> log.add("a10"), 10);
          busyWaitMillis(30);
          loop().setTimeout(() -> log.add("b5"), 5);
        });
  }

  @Test
  void aDueListRunsAllItsTimersBeforeTheNextList() {
    // Node keeps one list per duration: once the 10 ms list is first due it runs both of its
    // timers (due at 10 and 15) before the 8 ms timer started later (due at 13), although a
    // single queue ordered by due time would put that one in between.
    assertSameTrace("""
        const start = Date.now();
        setTimeout(() => log('a10 first'), 10);
        while (Date.now() - start < 5) {}
        setTimeout(() => log('a10 second'), 10);
        setTimeout(() => log('b8'), 8);
        while (Date.now() - start < 40) {}
        """, log -> {
          long start = System.nanoTime();
          loop().setTimeout(() -> log.add("a10 first"), 10);
          busyWaitMillis(5);
          loop().setTimeout(() -> log.add("a10 second"), 10);
          loop().setTimeout(() -> log.add("b8"), 8);
          busyWaitMillis(40 - (System.nanoTime() - start) / 1_000_000L);
        });
  }

  @Test
  void uncaughtExceptionInImmediatesLetsTheRestRun() {
    assertSameTrace("""
        process.on('uncaughtException', (e, origin) => log('caught ' + e.message + ' ' + origin));
        setImmediate(() => { log('i1'); throw new Error('y'); });
        setImmediate(() => log('i2'));
        """, log -> {
          loop().on("uncaughtException", (Throwable e, String origin) -> log.add("caught "
              + e.getMessage() + " " + origin));
          loop().setImmediate(() -> {
            log.add("i1");
            throw new IllegalStateException("y");
          });
          loop().setImmediate(() -> log.add("i2"));
        });
  }

  @Test
  void emitterOrderWithOncePrependAndNewListener() {
    assertSameTrace("""
        const e = new EventEmitter();
        e.on('newListener', (name) => { if (name !== 'newListener') log('new ' + name); });
        e.on('x', (a) => log('on ' + a));
        e.prependListener('x', (a) => log('prepend ' + a));
        e.once('x', (a) => { log('once ' + a); e.emit('x', 'nested'); });
        e.prependOnceListener('x', (a) => log('prependOnce ' + a));
        log('emit ' + e.emit('x', 1));
        log('emit ' + e.emit('x', 2));
        log('emit ' + e.emit('y'));
        """, log -> {
          EventEmitter e = new EventEmitter();
          e.on("newListener", (String name) -> {
            if (!name.equals("newListener")) {
              log.add("new " + name);
            }
          });
          e.on("x", (Object a) -> log.add("on " + a));
          e.prependListener("x", (Object a) -> log.add("prepend " + a));
          e.once("x", (Object a) -> {
            log.add("once " + a);
            e.emit("x", "nested");
          });
          e.prependOnceListener("x", (Object a) -> log.add("prependOnce " + a));
          log.add("emit " + e.emit("x", 1));
          log.add("emit " + e.emit("x", 2));
          log.add("emit " + e.emit("y"));
        });
  }

  @Test
  void emitterModifiedDuringEmit() {
    assertSameTrace("""
        const e = new EventEmitter();
        const b = () => log('b');
        e.on('x', () => { log('a'); e.removeListener('x', b); e.on('x', () => log('late')); });
        e.on('x', b);
        e.emit('x');
        log('--');
        e.emit('x');
        """, log -> {
          EventEmitter e = new EventEmitter();
          Listener0 b = () -> log.add("b");
          e.on("x", () -> {
            log.add("a");
            e.removeListener("x", b);
            e.on("x", () -> log.add("late"));
          });
          e.on("x", b);
          e.emit("x");
          log.add("--");
          e.emit("x");
        });
  }

  @Test
  void removeAllListenersEmitsRemoveListenerInNodesOrder() {
    assertSameTrace("""
        const e = new EventEmitter();
        const names = new Map();
        const mk = (n) => { const f = () => {}; names.set(f, n); return f; };
        e.on('b', mk('b1')); e.on('a', mk('a1')); e.on('b', mk('b2')); e.on('c', mk('c1'));
        e.on('removeListener', (ev, fn) => log('rl ' + ev + ' ' + (names.get(fn) || 'self')));
        e.removeListener('c', e.listeners('c')[0]);
        e.on('c', mk('c2'));
        log(e.eventNames().join(','));
        e.removeAllListeners();
        log(e.eventNames().length);
        """, log -> {
          EventEmitter e = new EventEmitter();
          java.util.Map<Object, String> names = new java.util.IdentityHashMap<>();
          java.util.function.Function<String, Listener0> mk = n -> {
            // Capturing n makes each a distinct object (a non-capturing lambda is a singleton).
            Listener0 f = () -> n.length();
            names.put(f, n);
            return f;
          };
          e.on("b", mk.apply("b1"));
          e.on("a", mk.apply("a1"));
          e.on("b", mk.apply("b2"));
          e.on("c", mk.apply("c1"));
          e.on("removeListener", (String ev, Object fn) -> log.add("rl " + ev + " "
              + names.getOrDefault(fn, "self")));
          e.removeListener("c", e.listeners("c").get(0));
          e.on("c", mk.apply("c2"));
          log.add(String.join(",", e.eventNames()));
          e.removeAllListeners();
          log.add(String.valueOf(e.eventNames().size()));
        });
  }
}
