const { Readable, Writable } = require('node:stream');

let n = 0;
const rs = new Readable({
  read() {
    this.push(n < 6 ? `chunk ${n++}\n` : null);
  },
});
const ws = new Writable({
  highWaterMark: 16,
  write(chunk, encoding, callback) {
    process.stdout.write(`wrote ${chunk}`);
    setImmediate(callback);
  },
});

rs.on('data', (chunk) => {
  if (!ws.write(chunk)) {
    console.log(`pause (writableLength ${ws.writableLength})`);
    rs.pause();
    ws.once('drain', () => {
      console.log('drain: resume');
      rs.resume();
    });
  }
});
rs.on('end', () => ws.end());
ws.on('finish', () => console.log('finish'));
