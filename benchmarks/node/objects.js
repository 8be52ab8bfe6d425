'use strict';
// An object-mode pipe of small objects (ObjectModeBenchmark): Readable -> Writable, sink
// calling back synchronously. op = one object.
const { Readable, Writable } = require('stream');
const { scenario, start } = require('./common');

const OBJECTS = 100000;
const ITEM = [1, 2];

scenario('objects.pipe', OBJECTS, (done) => {
  let n = 0;
  let seen = 0;
  const r = new Readable({
    objectMode: true,
    read() { this.push(n++ < OBJECTS ? ITEM : null); },
  });
  const w = new Writable({
    objectMode: true,
    write(o, enc, cb) { seen++; cb(); },
  });
  w.on('finish', () => {
    if (seen !== OBJECTS) throw new Error(`saw ${seen}`);
    done();
  });
  r.pipe(w);
});

start();
