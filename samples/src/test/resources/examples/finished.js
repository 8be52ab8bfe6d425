const { finished, Readable, Writable } = require('node:stream');

// A readable that ends normally.
const rs = Readable.from(['x', 'y', 'z']);
finished(rs, (err) => {
  if (err) {
    console.error('Stream failed.', err);
  } else {
    console.log('Stream is done reading.');
  }
});
rs.resume(); // Drain the stream.

// A writable whose _write fails.
const ws = new Writable({
  write(chunk, encoding, callback) {
    callback(new Error('disk full'));
  },
});
finished(ws, (err) => console.log(`writable failed: ${err.message}`));
ws.write('data');

// A readable destroyed before its end.
const early = new Readable({ read() {} });
finished(early, (err) => console.log(`early: ${err.code}`));
early.destroy();
