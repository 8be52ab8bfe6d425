const { Writable } = require('node:stream');

const ws = new Writable({
  write(chunk, encoding, callback) {
    console.log(`_write: ${chunk}`);
    callback();
  },
  writev(chunks, callback) {
    console.log(`_writev: ${chunks.map((c) => c.chunk.toString()).join(' | ')}`);
    callback();
  },
});

ws.write('uncorked');
ws.cork();
ws.write('some ');
ws.write('data ');
ws.write('batched');
console.log(`corked: writableCorked ${ws.writableCorked}, writableLength ${ws.writableLength}`);
process.nextTick(() => ws.uncork());
ws.on('finish', () => console.log('finish'));
process.nextTick(() => ws.end());
