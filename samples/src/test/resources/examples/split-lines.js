const { Transform } = require('node:stream');

// Bytes in, one string per line out.
class LineSplitter extends Transform {
  constructor() {
    super({ readableObjectMode: true });
    this.tail = '';
  }

  _transform(chunk, encoding, callback) {
    const lines = (this.tail + chunk.toString()).split('\n');
    this.tail = lines.pop();
    for (const line of lines) this.push(line);
    callback();
  }

  _flush(callback) {
    if (this.tail) this.push(this.tail);
    callback();
  }
}

const splitter = new LineSplitter();
splitter.on('data', (line) => console.log(`line: '${line}'`));
splitter.on('end', () => console.log('end'));

// Chunks do not respect line boundaries.
splitter.write('first li');
splitter.write('ne\nsecond line\nthi');
splitter.end('rd line, no newline');
