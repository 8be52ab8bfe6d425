const { Readable } = require('node:stream');

function* countdown(from) {
  for (let i = from; i > 0; i--) yield `${i}...`;
  yield 'liftoff!';
}

const rs = Readable.from(countdown(3));
rs.on('data', (chunk) => console.log(chunk));
rs.on('end', () => console.log(`end (readableObjectMode ${rs.readableObjectMode})`));
