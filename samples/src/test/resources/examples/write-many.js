const { Writable } = require('node:stream');

// A slow destination: each chunk takes one turn of the event loop.
const ws = new Writable({
  highWaterMark: 32,
  write(chunk, encoding, callback) {
    setImmediate(callback);
  },
});
ws.on('drain', () => console.log(`drain (writableLength ${ws.writableLength})`));

function writeMany(ws, n, done) {
  let i = 0;
  (function write() {
    let ok = true;
    while (i < n && ok) ok = ws.write(`line ${i++}\n`);
    if (!ok) console.log(`write() returned false after line ${i - 1}`);
    if (i < n) ws.once('drain', write); else ws.end(done);
  })();
}

writeMany(ws, 10, (err) => console.log(`done, err = ${err}`));
