const { pipeline } = require('node:stream/promises');
const { Readable, Transform, Writable } = require('node:stream');

async function run() {
  await pipeline(
    Readable.from(['one', 'two', 'three']),
    new Transform({
      objectMode: true,
      transform(word, encoding, callback) {
        callback(null, word.toUpperCase());
      },
    }),
    new Writable({
      objectMode: true,
      write(word, encoding, callback) {
        console.log(word);
        callback();
      },
    }),
  );
  console.log('Pipeline succeeded.');
}

run().catch((err) => console.error('Pipeline failed.', err));
