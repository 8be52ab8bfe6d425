'use strict';
// The manual write()/'drain' loop against a sink that calls back on the next tick
// (DrainBenchmark): write 1 KiB chunks until write() returns false, continue on 'drain'.
// op = one write.
const { Writable } = require('stream');
const { scenario, start } = require('./common');

const WRITES = 100000;
const chunk = Buffer.alloc(1024, 'x');

scenario('drain.loop', WRITES, (done) => {
  let bytes = 0;
  const w = new Writable({
    write(c, enc, cb) { bytes += c.length; process.nextTick(cb); },
  });
  w.on('finish', () => {
    if (bytes !== WRITES * 1024) throw new Error(`wrote ${bytes}`);
    done();
  });
  let i = 0;
  function write() {
    let ok = true;
    while (i < WRITES && ok) {
      i++;
      ok = w.write(chunk);
    }
    if (i < WRITES) w.once('drain', write);
    else w.end();
  }
  write();
});

start();
