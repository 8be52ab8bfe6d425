const { Readable } = require('node:stream');

const rs = new Readable({ read() {} });
rs.push('hello ');
rs.push('world');
rs.push(null);

// 'readable' means: call read() until it returns null.
rs.on('readable', () => {
  console.log('readable');
  let chunk;
  while ((chunk = rs.read(4)) !== null) {
    console.log(`read ${chunk.length} bytes: '${chunk}'`);
  }
});
rs.on('end', () => console.log('end'));
