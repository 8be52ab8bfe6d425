const { Readable } = require('node:stream');

// The Counter of the Node docs: a Readable subclass that implements _read().
class Counter extends Readable {
  constructor(opt) {
    super(opt);
    this._max = 5;
    this._index = 1;
  }

  _read() {
    const i = this._index++;
    if (i > this._max)
      this.push(null);
    else {
      const str = String(i);
      const buf = Buffer.from(str, 'ascii');
      this.push(buf);
    }
  }
}

const counter = new Counter();
counter.on('data', (chunk) => console.log(`data: ${chunk} (${chunk.length} byte)`));
counter.on('end', () => console.log('end'));
