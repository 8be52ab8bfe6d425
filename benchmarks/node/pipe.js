'use strict';
// In-memory pipes of 16 KiB Buffer chunks (PipeBenchmark): Readable -> Writable,
// Readable -> PassThrough -> Writable, Readable -> Transform -> Writable, each with a sink that
// calls back synchronously and one that calls back on process.nextTick. op = one chunk.
// The source pushes the same chunk each time, as the Java benchmark does.
const { Readable, Writable, PassThrough, Transform } = require('stream');
const { scenario, start } = require('./common');

const CHUNKS = 10000;
const chunk = Buffer.alloc(16 * 1024, 'x');
let bytes = 0;

function source() {
  let produced = 0;
  return new Readable({
    read() {
      this.push(produced++ < CHUNKS ? chunk : null);
    },
  });
}

function sink(mode, done) {
  const w = new Writable({
    write: mode === 'sync'
      ? (c, enc, cb) => { bytes += c.length; cb(); }
      : (c, enc, cb) => { bytes += c.length; process.nextTick(cb); },
  });
  w.on('finish', done);
  return w;
}

for (const mode of ['sync', 'nextTick']) {
  scenario(`pipe.readable-writable.${mode}`, CHUNKS, (done) => {
    source().pipe(sink(mode, done));
  });
  scenario(`pipe.passthrough.${mode}`, CHUNKS, (done) => {
    source().pipe(new PassThrough()).pipe(sink(mode, done));
  });
  scenario(`pipe.transform.${mode}`, CHUNKS, (done) => {
    const t = new Transform({ transform(c, enc, cb) { cb(null, c); } });
    source().pipe(t).pipe(sink(mode, done));
  });
}

start();
process.on('exit', () => { if (bytes === 0) throw new Error('nothing moved'); });
