package dev.weir.stream;

import static dev.weir.loop.Globals.nextTick;
import static dev.weir.loop.Globals.setImmediate;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential tests: each scenario runs under Node 20 and under Weir and the event traces must
 * be equal. Skipped cleanly where {@code node} is not installed.
 */
@Timeout(60)
class StreamNodeDiffTest {

  static String code(Throwable t) {
    return t instanceof WeirException ? ((WeirException) t).code() : "undefined";
  }

  @Test
  void writableHighWaterMarkAndDrainWithAsyncCallbacks() {
    NodeDiff.check("""
        const w = new Writable({ highWaterMark: 10, write(c, e, cb) { setImmediate(cb); } });
        w.on('drain', () => log('drain', w.writableLength));
        log('w1', w.write('12345'), w.writableLength, w.writableNeedDrain);
        log('w2', w.write('12345', () => log('cb2')), w.writableLength, w.writableNeedDrain);
        log('w3', w.write('1'), w.writableLength);
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(10)
          .write((c, e, cb) -> setImmediate(cb::done)));
      w.on("drain", () -> log.add("drain " + w.writableLength()));
      log.add("w1 " + w.write("12345") + " " + w.writableLength() + " " + w.writableNeedDrain());
      log.add("w2 " + w.write("12345", err -> log.add("cb2")) + " " + w.writableLength() + " "
          + w.writableNeedDrain());
      log.add("w3 " + w.write("1") + " " + w.writableLength());
    });
  }

  @Test
  void syncWriteCallbacksAndDrainOrder() {
    NodeDiff.check("""
        const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log('write', c); cb(); } });
        w.on('drain', () => log('drain'));
        log('ret', w.write('abc', () => log('cb1')));
        log('ret', w.write('d', () => log('cb2')));
        process.nextTick(() => log('tick'));
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(3)
          .write((c, e, cb) -> {
            log.add("write " + c);
            cb.done();
          }));
      w.on("drain", () -> log.add("drain"));
      log.add("ret " + w.write("abc", err -> log.add("cb1")));
      log.add("ret " + w.write("d", err -> log.add("cb2")));
      nextTick(() -> log.add("tick"));
    });
  }

  @Test
  void endFinishCloseOrder() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { log('final'); cb(); } });
        for (const ev of ['prefinish', 'finish', 'close']) w.on(ev, () -> log(ev));
        w.write('x', () => log('write-cb'));
        w.end(() => log('end-cb'));
        log('ended', w.writableEnded, w.writableFinished);
        """.replace("->", "=>"), log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done())
          .finalHook(cb -> {
            log.add("final");
            cb.done();
          }));
      for (String ev : List.of("prefinish", "finish", "close")) {
        w.on(ev, () -> log.add(ev));
      }
      w.write("x", err -> log.add("write-cb"));
      w.end(err -> log.add("end-cb"));
      log.add("ended " + w.writableEnded() + " " + w.writableFinished());
    });
  }

  @Test
  void writeAfterEnd() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { cb(); } });
        w.on('error', (e) => log('error', e.code));
        w.on('close', () => log('close'));
        w.end();
        log('ret', w.write('x', (e) => log('cb', e.code)));
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done()));
      w.on("error", (Throwable e) -> log.add("error " + code(e)));
      w.on("close", () -> log.add("close"));
      w.end();
      log.add("ret " + w.write("x", e -> log.add("cb " + code(e))));
    });
  }

  @Test
  void writeErrorFailsPendingAndEmitsErrorThenClose() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { setImmediate(() => cb(new Error('boom'))); } });
        w.on('error', (e) => log('error', e.message));
        w.on('close', () => log('close', w.destroyed, w.errored && w.errored.message));
        w.write('a', (e) => log('cb-a', e && e.message));
        w.write('b', (e) => log('cb-b', e && e.code));
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> setImmediate(() -> cb.done(new RuntimeException("boom")))));
      w.on("error", (Throwable e) -> log.add("error " + e.getMessage()));
      w.on("close", () -> log.add("close " + w.destroyed() + " " + w.errored().getMessage()));
      w.write("a", e -> log.add("cb-a " + (e == null ? null : e.getMessage())));
      w.write("b", e -> log.add("cb-b " + (e == null ? null : code(e))));
    });
  }

  @Test
  void corkUncorkWritev() {
    NodeDiff.check("""
        const w = new Writable({
          write(c, e, cb) { log('write', c); cb(); },
          writev(chunks, cb) { log('writev', chunks.map((x) => x.chunk.toString()).join(',')); cb(); } });
        w.cork(); w.cork();
        w.write('a'); w.write('b');
        log('corked', w.writableCorked, w.writableLength);
        w.uncork();
        log('corked', w.writableCorked);
        w.write('c');
        process.nextTick(() => { w.uncork(); log('after', w.writableLength); });
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> {
            log.add("write " + c);
            cb.done();
          })
          .writev((chunks, cb) -> {
            log.add("writev " + String.join(",",
                chunks.stream().map(x -> x.chunk().toString()).toList()));
            cb.done();
          }));
      w.cork();
      w.cork();
      w.write("a");
      w.write("b");
      log.add("corked " + w.writableCorked() + " " + w.writableLength());
      w.uncork();
      log.add("corked " + w.writableCorked());
      w.write("c");
      nextTick(() -> {
        w.uncork();
        log.add("after " + w.writableLength());
      });
    });
  }

  @Test
  void destroyWithErrorAndPendingWrites() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { setImmediate(cb); } });
        w.on('error', (e) => log('error', e.message));
        w.on('close', () => log('close'));
        w.write('a', (e) => log('cb-a', e && e.code));
        w.write('b', (e) => log('cb-b', e && e.message));
        w.destroy(new Error('kill'));
        w.destroy(new Error('again'));
        log('destroyed', w.destroyed);
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> setImmediate(cb::done)));
      w.on("error", (Throwable e) -> log.add("error " + e.getMessage()));
      w.on("close", () -> log.add("close"));
      w.write("a", e -> log.add("cb-a " + (e == null ? null : code(e))));
      w.write("b", e -> log.add("cb-b " + (e == null ? null : e.getMessage())));
      w.destroy(new RuntimeException("kill"));
      w.destroy(new RuntimeException("again"));
      log.add("destroyed " + w.destroyed());
    });
  }

  @Test
  void readablePausedModeReadAndEnd() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        r.on('end', () => log('end'));
        r.on('close', () => log('close'));
        r.push('abc'); r.push('def');
        log('len', r.readableLength, r.readableFlowing);
        log('read2', r.read(2));
        log('read10', r.read(10));
        r.push(null);
        log('read10', r.read(10));
        log('read', r.read());
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      r.on("end", () -> log.add("end"));
      r.on("close", () -> log.add("close"));
      r.push("abc");
      r.push("def");
      log.add("len " + r.readableLength() + " " + r.readableFlowing());
      log.add("read2 " + r.read(2));
      log.add("read10 " + r.read(10));
      r.push(null);
      log.add("read10 " + r.read(10));
      log.add("read " + r.read());
    });
  }

  @Test
  void flowingModeWithReadEvents() {
    NodeDiff.check("""
        let i = 0;
        const r = new Readable({ highWaterMark: 4, read(n) { log('_read', n); i++ < 3 ? this.push('x' + i) : this.push(null); } });
        r.on('resume', () => log('resume'));
        r.on('data', (c) => log('data', c));
        r.on('end', () => log('end'));
        r.on('close', () => log('close'));
        log('flowing', r.readableFlowing);
        """, log -> {
      int[] i = {0};
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(4)
          .read((s, n) -> {
            log.add("_read " + n);
            if (i[0]++ < 3) {
              s.push("x" + i[0]);
            } else {
              s.push(null);
            }
          }));
      r.on("resume", () -> log.add("resume"));
      r.on("data", (Buffer c) -> log.add("data " + c));
      r.on("end", () -> log.add("end"));
      r.on("close", () -> log.add("close"));
      log.add("flowing " + r.readableFlowing());
    });
  }

  @Test
  void readableEventTakesPrecedence() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        r.on('data', (c) => log('data', c));
        r.on('readable', () => { let c; while ((c = r.read()) !== null) log('read', c); });
        r.on('end', () => log('end'));
        log('flowing', r.readableFlowing);
        r.push('a'); r.push('b');
        setImmediate(() => { r.push('c'); r.push(null); });
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      r.on("data", (Buffer c) -> log.add("data " + c));
      r.on("readable", () -> {
        Buffer c;
        while ((c = r.read()) != null) {
          log.add("read " + c);
        }
      });
      r.on("end", () -> log.add("end"));
      log.add("flowing " + r.readableFlowing());
      r.push("a");
      r.push("b");
      setImmediate(() -> {
        r.push("c");
        r.push(null);
      });
    });
  }

  @Test
  void pauseResumeEvents() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        r.on('pause', () => log('pause'));
        r.on('resume', () => log('resume'));
        log(r.isPaused(), r.readableFlowing);
        r.pause(); log(r.isPaused(), r.readableFlowing);
        r.resume(); log(r.isPaused(), r.readableFlowing);
        r.pause(); r.pause();
        r.on('data', (c) => log('data', c));
        r.push('z');
        log(r.isPaused(), r.readableFlowing, r.readableLength);
        setImmediate(() => { r.resume(); });
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      r.on("pause", () -> log.add("pause"));
      r.on("resume", () -> log.add("resume"));
      log.add(r.isPaused() + " " + r.readableFlowing());
      r.pause();
      log.add(r.isPaused() + " " + r.readableFlowing());
      r.resume();
      log.add(r.isPaused() + " " + r.readableFlowing());
      r.pause();
      r.pause();
      r.on("data", (Buffer c) -> log.add("data " + c));
      r.push("z");
      log.add(r.isPaused() + " " + r.readableFlowing() + " " + r.readableLength());
      setImmediate(r::resume);
    });
  }

  @Test
  void unshiftAndPushAfterEof() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        r.on('error', (e) => log('error', e.code));
        r.on('close', () => log('close'));
        r.push('world');
        r.unshift('hello ');
        log('read', r.read());
        r.push(null);
        r.push('late');
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      r.on("error", (Throwable e) -> log.add("error " + code(e)));
      r.on("close", () -> log.add("close"));
      r.push("world");
      r.unshift("hello ");
      log.add("read " + r.read());
      r.push(null);
      r.push("late");
    });
  }

  @Test
  void setEncodingNeverSplitsCharacters() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        r.setEncoding('utf8');
        r.on('data', (s) => log('data', JSON.stringify(s), s.length));
        r.on('end', () => log('end', r.readableEncoding));
        const euro = Buffer.from('\\u20ac!');
        r.push(euro.subarray(0, 1)); r.push(euro.subarray(1, 2)); r.push(euro.subarray(2));
        r.push(Buffer.from([0xe2]));
        r.push(null);
        """, log -> {
      Readable<Buffer> r0 = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      Readable<String> r = r0.setEncoding("utf8");
      r.on("data", (String s) -> log.add("data " + json(s) + " " + s.length()));
      r.on("end", () -> log.add("end " + r.readableEncoding()));
      Buffer euro = Buffer.from("\u20ac!");
      r.push(euro.subarray(0, 1));
      r.push(euro.subarray(1, 2));
      r.push(euro.subarray(2));
      r.push(Buffer.from(new byte[] {(byte) 0xe2}));
      r.push(null);
    });
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        sb.append(c == '\u20ac' || c == '\ufffd' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void pipeBackpressureWithSlowDestination() {
    NodeDiff.check("""
        let n = 0;
        const r = new Readable({ highWaterMark: 2, read() { log('_read', r.readableLength); this.push(n < 6 ? 'x' + n++ : null); } });
        const w = new Writable({ highWaterMark: 4, write(c, e, cb) { log('write', c, w.writableLength); setImmediate(cb); } });
        w.on('drain', () => log('drain'));
        r.on('pause', () => log('pause'));
        r.on('resume', () => log('resume'));
        r.on('end', () => log('end'));
        w.on('pipe', () => log('pipe'));
        w.on('unpipe', () => log('unpipe'));
        w.on('finish', () => log('finish'));
        w.on('close', () => log('close'));
        log('ret', r.pipe(w) === w);
        """, log -> {
      int[] n = {0};
      Readable<Buffer>[] rr = new Readable[1];
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().highWaterMark(2)
          .read((s, size) -> {
            log.add("_read " + rr[0].readableLength());
            s.push(n[0] < 6 ? "x" + n[0]++ : null);
          }));
      rr[0] = r;
      Writable<Buffer>[] ww = new Writable[1];
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(4)
          .write((c, e, cb) -> {
            log.add("write " + c + " " + ww[0].writableLength());
            setImmediate(cb::done);
          }));
      ww[0] = w;
      w.on("drain", () -> log.add("drain"));
      r.on("pause", () -> log.add("pause"));
      r.on("resume", () -> log.add("resume"));
      r.on("end", () -> log.add("end"));
      w.on("pipe", () -> log.add("pipe"));
      w.on("unpipe", () -> log.add("unpipe"));
      w.on("finish", () -> log.add("finish"));
      w.on("close", () -> log.add("close"));
      log.add("ret " + (r.pipe(w) == w));
    });
  }

  @Test
  void pipeToTwoDestinationsSlowestGoverns() {
    NodeDiff.check("""
        let n = 0;
        const r = new Readable({ highWaterMark: 1, objectMode: true, read() { this.push(n < 5 ? n++ : null); } });
        const fast = new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) { log('fast', c); cb(); } });
        const slow = new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) { log('slow', c); setTimeout(cb, 2); } });
        slow.on('drain', () => log('slow-drain'));
        fast.on('finish', () => log('fast-finish'));
        slow.on('finish', () => log('slow-finish'));
        r.pipe(fast); r.pipe(slow);
        """, log -> {
      int[] n = {0};
      Readable<Integer> r = new Readable<>(new ReadableOptions<Integer>().highWaterMark(1)
          .objectMode(true).read((s, size) -> s.push(n[0] < 5 ? n[0]++ : null)));
      Writable<Integer> fast = new Writable<>(new WritableOptions<Integer>().objectMode(true)
          .highWaterMark(1).write((c, e, cb) -> {
            log.add("fast " + c);
            cb.done();
          }));
      Writable<Integer> slow = new Writable<>(new WritableOptions<Integer>().objectMode(true)
          .highWaterMark(1).write((c, e, cb) -> {
            log.add("slow " + c);
            dev.weir.loop.Globals.setTimeout(cb::done, 2);
          }));
      slow.on("drain", () -> log.add("slow-drain"));
      fast.on("finish", () -> log.add("fast-finish"));
      slow.on("finish", () -> log.add("slow-finish"));
      r.pipe(fast);
      r.pipe(slow);
    });
  }

  @Test
  void unpipeStopsFlowAndEndFalse() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        const w = new Writable({ write(c, e, cb) { log('write', c); cb(); } });
        w.on('unpipe', (src) => log('unpipe', src === r));
        w.on('finish', () => log('finish'));
        r.pipe(w, { end: false });
        r.push('a');
        setImmediate(() => {
          r.unpipe(w);
          log('flowing', r.readableFlowing);
          r.push('b');
          r.push(null);
          setImmediate(() => log('len', r.readableLength, w.writableEnded));
        });
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
        log.add("write " + c);
        cb.done();
      }));
      w.on("unpipe", (Object src) -> log.add("unpipe " + (src == r)));
      w.on("finish", () -> log.add("finish"));
      r.pipe(w, PipeOptions.end(false));
      r.push("a");
      setImmediate(() -> {
        r.unpipe(w);
        log.add("flowing " + r.readableFlowing());
        r.push("b");
        r.push(null);
        setImmediate(() -> log.add("len " + r.readableLength() + " " + w.writableEnded()));
      });
    });
  }

  @Test
  void transformWithFlush() {
    NodeDiff.check("""
        const t = new Transform({
          transform(c, e, cb) { cb(null, c.toString().toUpperCase()); },
          flush(cb) { this.push('!'); cb(null, '?'); } });
        t.on('data', (c) => log('data', c));
        for (const ev of ['prefinish', 'finish', 'end', 'close']) t.on(ev, () => log(ev));
        t.write('ab'); t.end('cd');
        """, log -> {
      Transform<Buffer, String> t = new Transform<>(new DuplexOptions<Buffer, String>()
          .transform((c, e, cb) -> cb.done(null, c.toString().toUpperCase())));
      Transform<Buffer, String> t2 = new Transform<>(new DuplexOptions<Buffer, String>()
          .transform((c, e, cb) -> cb.done(null, c.toString().toUpperCase()))
          .flush(cb -> cb.done(null, "?"))) {
        @Override
        protected void _flush(TransformCallback<String> cb) throws Exception {
          push("!");
          super._flush(cb);
        }
      };
      t2.on("data", (Buffer c) -> log.add("data " + c));
      for (String ev : List.of("prefinish", "finish", "end", "close")) {
        t2.on(ev, () -> log.add(ev));
      }
      t2.write("ab");
      t2.end("cd");
    });
  }

  @Test
  void transformBackpressureStopsCallingTransform() {
    NodeDiff.check("""
        const t = new Transform({ highWaterMark: 2, objectMode: true,
          transform(c, e, cb) { log('transform', c); cb(null, c); } });
        for (let i = 0; i < 6; i++) log('write', i, t.write(i), t.readableLength, t.writableLength);
        setImmediate(() => { log('read', t.read()); setImmediate(() => log('lens', t.readableLength, t.writableLength)); });
        """, log -> {
      Transform<Integer, Integer> t = new Transform<>(new DuplexOptions<Integer, Integer>()
          .highWaterMark(2).objectMode(true).transform((c, e, cb) -> {
            log.add("transform " + c);
            cb.done(null, c);
          }));
      for (int i = 0; i < 6; i++) {
        log.add("write " + i + " " + t.write(i) + " " + t.readableLength() + " "
            + t.writableLength());
      }
      setImmediate(() -> {
        log.add("read " + t.read());
        setImmediate(() -> log.add("lens " + t.readableLength() + " " + t.writableLength()));
      });
    });
  }

  @Test
  void passThroughObjectMode() {
    NodeDiff.check("""
        const p = new PassThrough({ objectMode: true });
        p.on('data', (o) => log('data', JSON.stringify(o)));
        p.on('end', () => log('end'));
        p.write({ a: 1 }); p.write('s'); p.end(3);
        """, log -> {
      PassThrough<Object> p = new PassThrough<>(new DuplexOptions<Object, Object>()
          .objectMode(true));
      p.on("data", (Object o) -> log.add("data " + (o instanceof String ? "\"" + o + "\""
          : o instanceof java.util.Map ? "{\"a\":1}" : o)));
      p.on("end", () -> log.add("end"));
      p.write(java.util.Map.of("a", 1));
      p.write("s");
      p.end(3);
    });
  }

  @Test
  void duplexAllowHalfOpenFalseEndsWritable() {
    NodeDiff.check("""
        const d = new Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { cb(); } });
        for (const ev of ['end', 'finish', 'close']) d.on(ev, () => log(ev, d.writableEnded));
        d.resume();
        d.push(null);
        """, log -> {
      Duplex<Buffer, Buffer> d = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
          .allowHalfOpen(false).read((s, n) -> {}).write((c, e, cb) -> cb.done()));
      for (String ev : List.of("end", "finish", "close")) {
        d.on(ev, () -> log.add(ev + " " + d.writableEnded()));
      }
      d.resume();
      d.push(null);
    });
  }

  @Test
  void duplexHalfOpenStaysOpen() {
    NodeDiff.check("""
        const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
        for (const ev of ['end', 'finish', 'close']) d.on(ev, () => log(ev));
        d.resume();
        d.push(null);
        setImmediate(() => { log('writable', d.writable); d.end('x'); });
        """, log -> {
      Duplex<Buffer, Buffer> d = new Duplex<>(new DuplexOptions<Buffer, Buffer>()
          .read((s, n) -> {}).write((c, e, cb) -> cb.done()));
      for (String ev : List.of("end", "finish", "close")) {
        d.on(ev, () -> log.add(ev));
      }
      d.resume();
      d.push(null);
      setImmediate(() -> {
        log.add("writable " + d.writable());
        d.end("x");
      });
    });
  }

  @Test
  void pipelineSuccess() {
    NodeDiff.check("""
        const r = Readable.from(['a', 'b', 'c']);
        const t = new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c + c); } });
        const out = [];
        const w = new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } });
        for (const [n, s] of [['r', r], ['t', t], ['w', w]]) s.on('close', () => log('close', n));
        const ret = pipeline(r, t, w, (err) => log('done', err, out.join(',')));
        log('ret', ret === w);
        """, log -> {
      Readable<String> r = Readable.from(List.of("a", "b", "c"));
      Transform<String, String> t = new Transform<>(new DuplexOptions<String, String>()
          .objectMode(true).transform((c, e, cb) -> cb.done(null, c + c)));
      List<String> out = new java.util.ArrayList<>();
      Writable<String> w = new Writable<>(new WritableOptions<String>().objectMode(true)
          .write((c, e, cb) -> {
            out.add(c);
            cb.done();
          }));
      r.on("close", () -> log.add("close r"));
      t.on("close", () -> log.add("close t"));
      w.on("close", () -> log.add("close w"));
      Stream ret = Stream.pipeline(r, t, w, err -> log.add("done " + (err == null ? "undefined"
          : err) + " " + String.join(",", out)));
      log.add("ret " + (ret == w));
    });
  }

  @Test
  void pipelineDestinationErrorDestroysAll() {
    NodeDiff.check("""
        const r = new Readable({ read() { this.push('x'); } });
        const w = new Writable({ write(c, e, cb) { cb(new Error('disk full')); } });
        r.on('close', () => log('close r', r.destroyed));
        w.on('close', () => log('close w'));
        pipeline(r, w, (err) => log('done', err.message));
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>()
          .read((s, n) -> s.push("x")));
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done(new RuntimeException("disk full"))));
      r.on("close", () -> log.add("close r " + r.destroyed()));
      w.on("close", () -> log.add("close w"));
      Stream.pipeline(r, w, err -> log.add("done " + err.getMessage()));
    });
  }

  @Test
  void pipelineSourceErrorAndDestroyMidway() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        const p = new PassThrough();
        const w = new Writable({ write(c, e, cb) { log('write', c); cb(); } });
        pipeline(r, p, w, (err) => log('done', err.message, p.destroyed, w.destroyed));
        r.push('a');
        setImmediate(() => r.destroy(new Error('src failed')));
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      PassThrough<Buffer> p = new PassThrough<>();
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
        log.add("write " + c);
        cb.done();
      }));
      Stream.pipeline(r, p, w, err -> log.add("done " + err.getMessage() + " " + p.destroyed()
          + " " + w.destroyed()));
      r.push("a");
      setImmediate(() -> r.destroy(new RuntimeException("src failed")));
    });
  }

  @Test
  void pipelinePrematureCloseOfMiddle() {
    NodeDiff.check("""
        const r = new Readable({ read() {} });
        const p = new PassThrough();
        const w = new Writable({ write(c, e, cb) { cb(); } });
        pipeline(r, p, w, (err) => log('done', err.code, r.destroyed, w.destroyed));
        setImmediate(() => p.destroy());
        """, log -> {
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      PassThrough<Buffer> p = new PassThrough<>();
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done()));
      Stream.pipeline(r, p, w, err -> log.add("done " + code(err) + " " + r.destroyed() + " "
          + w.destroyed()));
      setImmediate(p::destroy);
    });
  }

  @Test
  void finishedVariants() {
    NodeDiff.check("""
        const a = new Readable({ read() {} });
        finished(a, (err) => log('a', err && err.code));
        a.destroy();
        const b = new Writable({ write(c, e, cb) { cb(); } });
        finished(b, (err) => log('b', err));
        b.end('x');
        const c = new Readable({ read() {} });
        finished(c, (err) => log('c', err && err.message));
        c.destroy(new Error('bad'));
        const d = new Readable({ read() {} });
        const cleanup = finished(d, () => log('d never'));
        cleanup();
        d.destroy();
        const e = new Readable({ read() {} });
        e.resume(); e.push(null);
        finished(e, (err) => log('e', err));
        """, log -> {
      Readable<Buffer> a = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      Stream.finished(a, err -> log.add("a " + (err == null ? null : code(err))));
      a.destroy();
      Writable<Buffer> b = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done()));
      Stream.finished(b, err -> log.add("b " + (err == null ? "undefined" : err)));
      b.end("x");
      Readable<Buffer> c = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      Stream.finished(c, err -> log.add("c " + err.getMessage()));
      c.destroy(new RuntimeException("bad"));
      Readable<Buffer> d = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      Runnable cleanup = Stream.finished(d, err -> log.add("d never"));
      cleanup.run();
      d.destroy();
      Readable<Buffer> e = new Readable<>(new ReadableOptions<Buffer>().read((s, n) -> {}));
      e.resume();
      e.push(null);
      Stream.finished(e, err -> log.add("e " + (err == null ? "undefined" : err)));
    });
  }

  @Test
  void readableFromRespectsBackpressure() {
    NodeDiff.check("""
        function* gen() { for (let i = 0; i < 4; i++) { log('gen', i); yield i; } }
        const r = Readable.from(gen());
        const w = new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) { log('write', c); setImmediate(cb); } });
        w.on('finish', () => log('finish'));
        r.pipe(w);
        """, log -> {
      java.util.Iterator<Integer> gen = new java.util.Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < 4;
        }

        @Override
        public Integer next() {
          log.add("gen " + i);
          return i++;
        }
      };
      Readable<Integer> r = Readable.from(gen);
      Writable<Integer> w = new Writable<>(new WritableOptions<Integer>().objectMode(true)
          .highWaterMark(1).write((c, e, cb) -> {
            log.add("write " + c);
            setImmediate(cb::done);
          }));
      w.on("finish", () -> log.add("finish"));
      r.pipe(w);
    });
  }

  @Test
  void multipleCallbackIsReported() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
        w.on('error', (e) => log('error', e.code));
        w.on('close', () => log('close'));
        w.write('x');
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
        cb.done();
        cb.done();
      }));
      w.on("error", (Throwable e) -> log.add("error " + code(e)));
      w.on("close", () -> log.add("close"));
      w.write("x");
    });
  }

  @Test
  void constructDelaysWritesAndReads() {
    NodeDiff.check("""
        const w = new Writable({
          construct(cb) { log('construct'); setImmediate(() => { log('constructed'); cb(); }); },
          write(c, e, cb) { log('write', c); cb(); } });
        log('ret', w.write('a'));
        w.end(() => log('end-cb'));
        const r = new Readable({
          construct(cb) { log('r-construct'); cb(); },
          read() { log('r-read'); this.push(null); } });
        r.on('end', () => log('r-end'));
        r.resume();
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .construct(cb -> {
            log.add("construct");
            setImmediate(() -> {
              log.add("constructed");
              cb.done();
            });
          })
          .write((c, e, cb) -> {
            log.add("write " + c);
            cb.done();
          }));
      log.add("ret " + w.write("a"));
      w.end(err -> log.add("end-cb"));
      Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>()
          .construct(cb -> {
            log.add("r-construct");
            cb.done();
          })
          .read((s, n) -> {
            log.add("r-read");
            s.push(null);
          }));
      r.on("end", () -> log.add("r-end"));
      r.resume();
    });
  }

  @Test
  void asyncFinalAndEndCallbackAfterFinish() {
    NodeDiff.check("""
        const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { log('final'); setImmediate(cb); } });
        w.on('prefinish', () => log('prefinish'));
        w.on('finish', () => log('finish'));
        w.end('x', () => { log('end-cb'); w.end(() => log('late-end', 'called')); });
        w.on('close', () => log('close'));
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>()
          .write((c, e, cb) -> cb.done())
          .finalHook(cb -> {
            log.add("final");
            setImmediate(cb::done);
          }));
      w.on("prefinish", () -> log.add("prefinish"));
      w.on("finish", () -> log.add("finish"));
      w.end("x", err -> {
        log.add("end-cb");
        w.end(e2 -> log.add("late-end called"));
      });
      w.on("close", () -> log.add("close"));
    });
  }

  @Test
  void manualBackpressureWriteMany() {
    NodeDiff.check("""
        const w = new Writable({ highWaterMark: 16, write(c, e, cb) { setImmediate(cb); } });
        let drains = 0; w.on('drain', () => drains++);
        function writeMany(ws, n, done) {
          let i = 0;
          (function write() {
            let ok = true;
            while (i < n && ok) ok = ws.write(`line ${i++}\\n`);
            if (i < n) ws.once('drain', write); else ws.end(done);
          })();
        }
        writeMany(w, 20, () => log('done', drains, w.writableFinished));
        """, log -> {
      Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().highWaterMark(16)
          .write((c, e, cb) -> setImmediate(cb::done)));
      int[] drains = {0};
      w.on("drain", () -> drains[0]++);
      int[] i = {0};
      int n = 20;
      Runnable[] write = new Runnable[1];
      write[0] = () -> {
        boolean ok = true;
        while (i[0] < n && ok) {
          ok = w.write("line " + i[0]++ + "\n");
        }
        if (i[0] < n) {
          w.once("drain", () -> write[0].run());
        } else {
          w.end(err -> log.add("done " + drains[0] + " " + w.writableFinished()));
        }
      };
      write[0].run();
    });
  }
}
